import { announcement, pngUpload } from './social-access.factories.js';
import { byAccess, cellsOf, E, gate, list, M, P, type Row, readers } from './social-access.table.js';
import { world } from './social-access.world.js';

/**
 * Rows of uploads, the composer (mentions, preview) and the kinds of posts: events, polls,
 * announcements and vacancies.
 */

const w = world;

const uploadRows: Row[] = [
  {
    route: 'POST /uploads',
    on: 'of an image',
    expect: byAccess('signed-in'),
    request: async () => ({ method: 'POST', url: '/uploads', ...pngUpload() }),
  },
  ...(
    [
      ['secret', readers.secret, 'attached to the secret post'],
      ['company', readers.company, 'attached to the company post'],
      ['secretHidden', readers.secretHidden, 'attached to a hidden secret post'],
      ['loose', [], "of the author's image attached to nothing"],
    ] as const
  ).map(
    ([name, allow, on]): Row => ({
      route: 'GET /uploads/{id}',
      on,
      expect: gate([...allow]),
      request: async () => ({ method: 'GET', url: `/uploads/${w().uploads[name]}` }),
    }),
  ),
];

const composerRows: Row[] = [
  {
    route: 'GET /mentions',
    on: 'for the secret group (is it suggested?)',
    expect: list(M),
    request: async () => ({
      method: 'GET',
      url: '/mentions?q=skunk',
      find: (body) => (body.groups as { id: string }[]).some((g) => g.id === w().groups.secret.id),
    }),
  },
  {
    route: 'GET /mentions',
    on: 'for the author (guests are offered only people they share a group with)',
    expect: list([...E, 'guestMember']),
    request: async () => ({
      method: 'GET',
      url: '/mentions?q=ada',
      find: (body) => (body.people as { id: string }[]).some((p) => p.id === w().author.id),
    }),
  },
  {
    route: 'POST /markdown/preview',
    on: 'of some Markdown',
    expect: byAccess('signed-in'),
    request: async () => ({ method: 'POST', url: '/markdown/preview', payload: { body: '**hi**' } }),
  },
];

const future = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

const eventRows: Row[] = [
  ...(['secret', 'closed', 'company'] as const).map(
    (space): Row => ({
      route: 'POST /events',
      on: `in the ${space === 'company' ? 'company space' : `${space} group`}`,
      expect: space === 'company' ? gate(E, ['guestMember', 'guest']) : gate(M, space === 'closed' ? E : []),
      request: async () => ({
        method: 'POST',
        url: '/events',
        payload: {
          space: space === 'company' ? { type: 'company' } : { type: 'group', id: w().groups[space].id },
          title: 'Party',
          startsAt: future(),
        },
      }),
    }),
  ),
  ...(['secret', 'closed', 'company'] as const).flatMap((space): Row[] => [
    {
      route: 'PUT /posts/{id}/rsvp',
      on: `to the ${space} event`,
      expect: gate(readers[space]),
      request: async () => ({
        method: 'PUT',
        url: `/posts/${w().events[space]}/rsvp`,
        payload: { answer: 'going' },
      }),
    },
    {
      route: 'GET /posts/{id}/rsvps',
      on: `of the ${space} event`,
      expect: gate(readers[space]),
      request: async () => ({ method: 'GET', url: `/posts/${w().events[space]}/rsvps` }),
    },
    {
      route: 'GET /posts/{id}/event.ics',
      on: `of the ${space} event`,
      expect: gate(readers[space]),
      request: async () => ({ method: 'GET', url: `/posts/${w().events[space]}/event.ics` }),
    },
  ]),
];

const pollRows: Row[] = [
  ...(['secret', 'company'] as const).map(
    (space): Row => ({
      route: 'POST /polls',
      on: `in the ${space === 'company' ? 'company space' : `${space} group`}`,
      expect: space === 'company' ? gate(E, ['guestMember', 'guest']) : gate(M),
      request: async () => ({
        method: 'POST',
        url: '/polls',
        payload: {
          space: space === 'company' ? { type: 'company' } : { type: 'group', id: w().groups[space].id },
          question: 'Pizza?',
          options: ['Yes', 'No'],
        },
      }),
    }),
  ),
  ...(['secret', 'closed', 'company'] as const).flatMap((space): Row[] => [
    {
      route: 'PUT /posts/{id}/votes',
      on: `in the ${space} poll`,
      expect: gate(readers[space]),
      request: async () => ({
        method: 'PUT',
        url: `/posts/${w().polls[space].id}/votes`,
        payload: { optionIds: [w().polls[space].optionId] },
      }),
    },
    {
      route: 'GET /posts/{id}/votes',
      on: `of the ${space} poll`,
      expect: gate(readers[space]),
      request: async () => ({ method: 'GET', url: `/posts/${w().polls[space].id}/votes` }),
    },
  ]),
  {
    route: 'PUT /posts/{id}/votes',
    on: 'in the company poll with an option of the secret poll',
    expect: cellsOf(Object.fromEntries(E.map((c) => [c, 'POLL_INVALID_CHOICE'])), 404),
    request: async () => ({
      method: 'PUT',
      url: `/posts/${w().polls.company.id}/votes`,
      payload: { optionIds: [w().polls.secret.optionId] },
    }),
  },
  {
    route: 'GET /posts/{id}/votes',
    on: 'of an anonymous secret-group poll (nobody lists its voters)',
    expect: gate([], readers.secret),
    request: async () => ({ method: 'GET', url: `/posts/${w().polls.secretAnonymous.id}/votes` }),
  },
];

const announcementRows: Row[] = [
  {
    route: 'POST /announcements',
    on: 'to everyone',
    expect: byAccess('moderator'),
    request: async () => ({
      method: 'POST',
      url: '/announcements',
      payload: { body: 'Notice', mustRead: true },
    }),
  },
  {
    route: 'POST /posts/{id}/read-confirmation',
    on: 'of the must-read announcement to everyone',
    expect: gate(E, [], { access: 'employee' }),
    request: async () => ({ method: 'POST', url: `/posts/${w().posts.mustRead}/read-confirmation` }),
  },
  {
    route: 'POST /posts/{id}/read-confirmation',
    on: 'of the must-read announcement to Sales (only the member is in Sales)',
    expect: gate(['member'], P, { access: 'employee' }),
    request: async () => ({ method: 'POST', url: `/posts/${w().posts.sales}/read-confirmation` }),
  },
  {
    route: 'GET /posts/{id}/readers',
    on: 'of the must-read announcement to everyone (its author and moderators)',
    expect: gate(P, E, { access: 'employee' }),
    request: async () => ({ method: 'GET', url: `/posts/${w().posts.mustRead}/readers` }),
  },
  {
    route: 'GET /posts/{id}/readers',
    on: 'of the must-read announcement to Sales',
    expect: gate(P, readers.sales, { access: 'employee' }),
    request: async () => ({ method: 'GET', url: `/posts/${w().posts.sales}/readers` }),
  },
  {
    route: 'POST /posts/{id}/remind',
    on: 'of a fresh must-read announcement to everyone',
    expect: gate(P, E, { access: 'employee' }),
    request: async () => ({ method: 'POST', url: `/posts/${await announcement()}/remind` }),
  },
  {
    route: 'POST /posts/{id}/remind',
    on: 'of a fresh must-read announcement to Sales',
    expect: gate(P, readers.sales, { access: 'employee' }),
    request: async () => ({ method: 'POST', url: `/posts/${await announcement(true)}/remind` }),
  },
];

let referrals = 0;
const vacancyRows: Row[] = [
  {
    route: 'POST /vacancies',
    on: 'in the company space',
    expect: byAccess('moderator'),
    request: async () => ({
      method: 'POST',
      url: '/vacancies',
      payload: { title: 'Analyst', body: 'Join us' },
    }),
  },
  {
    route: 'POST /posts/{id}/referrals',
    on: 'for the vacancy',
    expect: gate(E, [], { access: 'employee' }),
    request: async () => ({
      method: 'POST',
      url: `/posts/${w().posts.vacancy}/referrals`,
      payload: { candidateName: 'Friend', candidateEmail: `friend${++referrals}@example.com` },
    }),
  },
  {
    route: 'GET /posts/{id}/referrals',
    on: 'of the vacancy (its author and administrators)',
    expect: gate(['admin'], E, { access: 'employee' }),
    request: async () => ({ method: 'GET', url: `/posts/${w().posts.vacancy}/referrals` }),
  },
];

export const kindRows: Row[] = [
  ...uploadRows,
  ...composerRows,
  ...eventRows,
  ...pollRows,
  ...announcementRows,
  ...vacancyRows,
];
