import { post } from './social-access.factories.js';
import { insertPost } from './social-access.inserts.js';
import {
  cellsOf,
  E,
  EM,
  each,
  gate,
  type Json,
  M,
  moderatorsOf,
  P,
  postName,
  type Row,
  readers,
} from './social-access.table.js';
import { idOf, world } from './social-access.world.js';

/**
 * Rows of posts: publishing in each space (and sharing into one), reading, editing, deleting,
 * the version history and sending a post to colleagues.
 */

const w = world;

/**
 * Whether a post view refers to the secret world post at all: embedded, or by its id (a UUIDv7,
 * which also tells when it was written). A viewer who may not read it must see neither.
 */
export function mentionsSecretPost(body: Json): boolean {
  const secret = w().posts.secret;
  return (body.sharedPost as Json | null)?.id === secret || body.sharedPostId === secret;
}
/** Sends a post to two colleagues; only those who may read it are told. */
const shareBody = () => ({ userIds: [idOf('nonMember'), idOf('member')] });

const publishRows: Row[] = [
  {
    route: 'POST /posts',
    on: 'in the company space',
    expect: gate(E, ['guestMember', 'guest']),
    request: async () => ({
      method: 'POST',
      url: '/posts',
      payload: { space: { type: 'company' }, body: 'Hi' },
    }),
  },
  {
    route: 'POST /posts',
    on: "on the caller's own profile",
    expect: gate(E, ['guestMember', 'guest']),
    request: async () => ({
      method: 'POST',
      url: '/posts',
      payload: { space: { type: 'profile' }, body: 'Hi' },
    }),
  },
  {
    route: 'POST /posts',
    on: "on the author's profile",
    expect: gate([], [...E, 'guestMember', 'guest']),
    request: async () => ({
      method: 'POST',
      url: '/posts',
      payload: { space: { type: 'profile', id: w().author.id }, body: 'Hi' },
    }),
  },
  ...(['secret', 'closed', 'open'] as const).map(
    (group): Row => ({
      route: 'POST /posts',
      on: `in the ${group} group`,
      // Employees who may know of the group but are not in it are refused; guests outside it
      // (and everyone outside a secret group) are told it does not exist.
      expect: gate(M, group === 'secret' ? [] : E),
      request: async () => ({
        method: 'POST',
        url: '/posts',
        payload: { space: { type: 'group', id: w().groups[group].id }, body: 'Hi' },
      }),
    }),
  ),
  {
    route: 'POST /posts',
    on: 'sharing a secret-group post into the company space',
    // Whoever cannot write in the company is refused first; whoever cannot read the shared post
    // gets the answer a shared post that does not exist gets (checked in the test file).
    expect: gate(EM, ['guestMember', 'guest'], {
      overrides: {
        admin: 'SHARED_POST_NOT_FOUND',
        moderator: 'SHARED_POST_NOT_FOUND',
        nonMember: 'SHARED_POST_NOT_FOUND',
      },
    }),
    request: async () => ({
      method: 'POST',
      url: '/posts',
      payload: { space: { type: 'company' }, sharedPostId: w().posts.secret },
    }),
  },
  {
    route: 'POST /posts',
    on: 'sharing a secret-group post into its own group',
    expect: gate(M),
    request: async () => ({
      method: 'POST',
      url: '/posts',
      payload: { space: { type: 'group', id: w().groups.secret.id }, sharedPostId: w().posts.secret },
    }),
  },
  ...(Object.keys(readers) as (keyof typeof readers)[]).map(
    (name): Row => ({
      route: 'GET /posts/{id}',
      on: `of the ${postName[name]}`,
      expect: gate(readers[name]),
      request: async () => ({ method: 'GET', url: `/posts/${w().posts[name]}` }),
    }),
  ),
  {
    route: 'GET /posts/{id}',
    on: 'of a company post sharing the secret post (does it refer to it?)',
    expect: cellsOf({ ...each(EM, 'allow'), ...each([...P, 'nonMember'], 'absent') }, 404),
    request: async () => ({
      method: 'GET',
      url: `/posts/${w().posts.companyShare}`,
      find: mentionsSecretPost,
    }),
  },
  {
    route: 'GET /posts/{id}',
    on: 'of a company post mentioning the secret group (is the group resolved?)',
    expect: cellsOf({ ...each(EM, 'allow'), ...each([...P, 'nonMember'], 'absent') }, 404),
    request: async () => ({
      method: 'GET',
      url: `/posts/${await post('company', { body: 'Ask @skunkworks' })}`,
      find: (body) => (body.mentions as { id: string }[]).some((m) => m.id === w().groups.secret.id),
    }),
  },
  {
    route: 'PATCH /posts/{id}',
    on: "of the author's secret-group post",
    expect: gate([], readers.secret),
    request: async () => ({
      method: 'PATCH',
      url: `/posts/${w().posts.secret}`,
      payload: { body: 'Edited' },
    }),
  },
  {
    route: 'PATCH /posts/{id}',
    on: "of the author's company post",
    expect: gate([], readers.company),
    request: async () => ({
      method: 'PATCH',
      url: `/posts/${w().posts.company}`,
      payload: { body: 'Edited' },
    }),
  },
  {
    route: 'PATCH /posts/{id}',
    on: "of the caller's own post in the secret group (outsiders: they left it)",
    expect: gate(M),
    request: async (caller) => ({
      method: 'PATCH',
      url: `/posts/${await insertPost(idOf(caller), 'secret')}`,
      payload: { body: 'Edited' },
    }),
  },
  {
    route: 'PATCH /posts/{id}',
    on: "of the caller's own company post (guests: written before they became guests)",
    expect: gate(E),
    request: async (caller) => ({
      method: 'PATCH',
      url: `/posts/${await insertPost(idOf(caller), 'company')}`,
      payload: { body: 'Edited' },
    }),
  },
  ...(['secret', 'closed', 'company'] as const).map(
    (space): Row => ({
      route: 'DELETE /posts/{id}',
      on: `of a fresh ${postName[space]} of the author`,
      expect: gate(moderatorsOf[space], readers[space]),
      request: async () => ({ method: 'DELETE', url: `/posts/${await post(space)}` }),
    }),
  ),
  {
    route: 'DELETE /posts/{id}',
    on: "of a fresh post on the author's profile",
    expect: gate(P, readers.profile),
    request: async () => ({ method: 'DELETE', url: `/posts/${await post('profile')}` }),
  },
  {
    route: 'DELETE /posts/{id}',
    on: "of the caller's own post in the secret group",
    expect: gate(M),
    request: async (caller) => ({
      method: 'DELETE',
      url: `/posts/${await insertPost(idOf(caller), 'secret')}`,
    }),
  },
  ...(['secret', 'closed', 'company'] as const).map(
    (space): Row => ({
      route: 'GET /posts/{id}/versions',
      on: `of the author's ${postName[space]}`,
      expect: gate(moderatorsOf[space], readers[space]),
      request: async () => ({ method: 'GET', url: `/posts/${w().posts[space]}/versions` }),
    }),
  ),
  {
    route: 'POST /posts/{id}/share',
    on: 'of the secret-group post',
    expect: gate(M),
    request: async () => ({ method: 'POST', url: `/posts/${w().posts.secret}/share`, payload: shareBody() }),
  },
  {
    route: 'POST /posts/{id}/share',
    on: 'of the secret-group post to people who cannot read it (allow: nobody is told)',
    expect: gate(M),
    request: async () => ({
      method: 'POST',
      url: `/posts/${w().posts.secret}/share`,
      payload: { userIds: [idOf('admin'), idOf('nonMember'), idOf('guest')] },
      find: (body) => body.notified === 0,
    }),
  },
  {
    route: 'POST /posts',
    on: "in the secret group with the author's image attached (not the caller's)",
    expect: cellsOf(each(M, 'ATTACHMENT_INVALID'), 404),
    request: async () => ({
      method: 'POST',
      url: '/posts',
      payload: {
        space: { type: 'group', id: w().groups.secret.id },
        body: 'Mine',
        attachments: [w().uploads.loose],
      },
    }),
  },
  {
    route: 'POST /posts/{id}/share',
    on: 'of a hidden secret-group post (moderators see it, nobody shares it)',
    expect: gate([], readers.secretHidden),
    request: async () => ({
      method: 'POST',
      url: `/posts/${w().posts.secretHidden}/share`,
      payload: shareBody(),
    }),
  },
  {
    route: 'POST /posts/{id}/share',
    on: 'of the company post',
    expect: gate(E),
    request: async () => ({ method: 'POST', url: `/posts/${w().posts.company}/share`, payload: shareBody() }),
  },
];

export const postRows: Row[] = [...publishRows];
