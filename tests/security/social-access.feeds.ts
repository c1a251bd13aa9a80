import { call } from '../support/people.js';
import { hiddenPost, post } from './social-access.factories.js';
import { insertNotification } from './social-access.inserts.js';
import { mentionsSecretPost } from './social-access.posts.js';
import {
  byAccess,
  type Caller,
  cellsOf,
  E,
  EM,
  each,
  GM,
  gate,
  knowGroups,
  list,
  M,
  P,
  postName,
  type Req,
  type Row,
} from './social-access.table.js';
import { hasItem, idOf, items, world } from './social-access.world.js';

/**
 * Rows of topics, the feeds (personal, company, group, topic, a person's history) and
 * notifications.
 */

const w = world;

/** Who may read the secret post and use topics (guests do not). */
const secretTopicReaders: Caller[] = EM;
let topics = 0;

const topicRows: Row[] = [
  {
    route: 'GET /topics',
    on: '(is a hashtag used only in the secret group listed?)',
    expect: list(secretTopicReaders, { access: 'employee' }),
    request: async () => ({
      method: 'GET',
      url: '/topics?q=secrett',
      find: (body) => items(body).some((topic) => topic.tag === 'secrettopic'),
    }),
  },
  {
    route: 'GET /topics/{tag}',
    on: 'of a hashtag used only in the secret group',
    expect: gate(secretTopicReaders, [], { access: 'employee' }),
    request: async () => ({ method: 'GET', url: '/topics/secrettopic' }),
  },
  {
    route: 'GET /topics/{tag}',
    on: 'of a hashtag of the company post',
    expect: byAccess('employee'),
    request: async () => ({ method: 'GET', url: '/topics/opentopic' }),
  },
  {
    route: 'PUT /topics/{tag}/follow',
    on: 'of a fresh tag',
    expect: byAccess('employee'),
    request: async () => ({ method: 'PUT', url: `/topics/follow${++topics}/follow` }),
  },
  {
    route: 'DELETE /topics/{tag}/follow',
    on: 'of the followed tag',
    expect: byAccess('employee'),
    request: async () => ({ method: 'DELETE', url: `/topics/follow${topics}/follow` }),
  },
  {
    route: 'PUT /admin/topics/{tag}/priority',
    on: 'of a fresh tag',
    expect: byAccess('admin'),
    request: async () => ({
      method: 'PUT',
      url: `/admin/topics/prio${++topics}/priority`,
      payload: { priority: true },
    }),
  },
];

/** A list request that must (or must not) show `id` on its first page. */
const shows = (url: string, id: string): Req => ({ method: 'GET', url, find: hasItem(id) });
/** The secret post every follow and the priority topic would bring to a feed. */
const secretBait = () => post('secret', { body: 'Psst #hushtopic #priotopic #secrettopic' });

const pageRows: Row[] = [
  {
    route: 'GET /feed',
    on: '(is a fresh secret-group post of a followed author, topic and priority topic in it?)',
    expect: list(M),
    request: async () => shows('/feed?limit=50', await secretBait()),
  },
  {
    route: 'GET /feed',
    on: '(is a fresh closed-group post of a followed author in it?)',
    expect: list([...P, ...M]),
    request: async () => shows('/feed?limit=50', await post('closed')),
  },
  {
    route: 'GET /feed',
    on: '(is a fresh company post in it?)',
    expect: list(E),
    request: async () => shows('/feed?limit=50', await post('company')),
  },
  {
    route: 'GET /feed',
    on: '(is a fresh hidden secret-group post in it?)',
    expect: list(GM),
    request: async () => shows('/feed?limit=50', await hiddenPost('secret')),
  },
  {
    route: 'GET /company/feed',
    on: '(is a fresh company post in it?)',
    expect: list(E, { access: 'employee' }),
    request: async () => shows('/company/feed?limit=50', await post('company')),
  },
  {
    route: 'GET /company/feed',
    on: '(does a fresh company post sharing the secret post refer to it?)',
    expect: list(EM, { access: 'employee' }),
    request: async () => {
      const id = await post('company', { sharedPostId: w().posts.secret });
      return {
        method: 'GET',
        url: '/company/feed?limit=50',
        find: (body) => items(body).some((item) => item.id === id && mentionsSecretPost(item)),
      };
    },
  },
  {
    route: 'GET /company/feed',
    on: '(is a fresh secret-group post in it?)',
    expect: list([], { access: 'employee' }),
    request: async () => shows('/company/feed?limit=50', await secretBait()),
  },
  {
    route: 'GET /groups/{id}/feed',
    on: 'of the secret group (with a fresh post)',
    expect: cellsOf(each(M, 'allow'), 404),
    request: async () => shows(`/groups/${w().groups.secret.id}/feed?limit=50`, await post('secret')),
  },
  {
    route: 'GET /groups/{id}/feed',
    on: 'of the closed group (with a fresh post)',
    expect: list([...P, ...M], { overrides: { guest: 404 } }),
    request: async () => shows(`/groups/${w().groups.closed.id}/feed?limit=50`, await post('closed')),
  },
  {
    route: 'GET /groups/{id}/feed',
    on: 'of the open group (with a fresh post)',
    expect: list(knowGroups, { overrides: { guest: 404 } }),
    request: async () => shows(`/groups/${w().groups.open.id}/feed?limit=50`, await post('open')),
  },
  {
    route: 'GET /topics/{tag}/feed',
    on: 'of a hashtag of a fresh secret-group post',
    expect: list(secretTopicReaders, { access: 'employee' }),
    request: async () => shows('/topics/secrettopic/feed?limit=50', await secretBait()),
  },
  {
    route: 'GET /topics/{tag}/feed',
    on: 'of a followed hashtag of a fresh secret-group post',
    expect: list(secretTopicReaders, { access: 'employee' }),
    request: async () => shows('/topics/hushtopic/feed?limit=50', await secretBait()),
  },
  {
    route: 'GET /topics/{tag}/feed',
    on: 'of a priority hashtag of a fresh secret-group post',
    expect: list(secretTopicReaders, { access: 'employee' }),
    request: async () => shows('/topics/priotopic/feed?limit=50', await secretBait()),
  },
  {
    route: 'GET /users/{id}/posts',
    on: 'of the author (is a fresh secret-group post in it?)',
    // Guests never see other people's profiles, their history included.
    expect: list(secretTopicReaders, { access: 'employee' }),
    request: async () => shows(`/users/${w().author.id}/posts?limit=50`, await secretBait()),
  },
  {
    route: 'GET /users/{id}/posts',
    on: 'of the author (is a fresh company post in it?)',
    expect: list(E, { access: 'employee' }),
    request: async () => shows(`/users/${w().author.id}/posts?limit=50`, await post('company')),
  },
];

/** The caller's unread count now (0 for callers who cannot ask). */
async function unreadCount(caller: Caller): Promise<number> {
  const res = await call(w().t, w().as[caller], { method: 'GET', url: '/api/v1/notifications/unread-count' });
  return res.statusCode === 200 ? (res.json().count as number) : 0;
}

const notificationRows: Row[] = [
  ...(
    [
      ['secret', M],
      ['secretHidden', GM],
    ] as const
  ).map(
    ([name, allow]): Row => ({
      route: 'GET /notifications',
      on: `(is the caller's notification about the ${postName[name]} listed?)`,
      expect: list([...allow]),
      request: async (caller) =>
        shows('/notifications?limit=100', await insertNotification(idOf(caller), w().posts[name])),
    }),
  ),
  {
    route: 'GET /notifications/unread-count',
    on: "(does the caller's notification about the secret post count?)",
    expect: list(M),
    request: async (caller) => {
      const before = await unreadCount(caller);
      await insertNotification(idOf(caller), w().posts.secret);
      return {
        method: 'GET',
        url: '/notifications/unread-count',
        find: (body) => body.count === before + 1,
      };
    },
  },
  {
    route: 'POST /notifications/{id}/read',
    on: "of the member's notification about the company post",
    expect: gate(['member']),
    request: async () => ({
      method: 'POST',
      url: `/notifications/${await insertNotification(idOf('member'), w().posts.company)}/read`,
    }),
  },
  {
    route: 'POST /notifications/{id}/read',
    on: "of the caller's notification about the secret post",
    expect: gate(M),
    request: async (caller) => ({
      method: 'POST',
      url: `/notifications/${await insertNotification(idOf(caller), w().posts.secret)}/read`,
    }),
  },
  {
    route: 'POST /notifications/read-all',
    on: "(the caller's own)",
    expect: byAccess('signed-in'),
    request: async () => ({ method: 'POST', url: '/notifications/read-all' }),
  },
  {
    route: 'GET /notifications/settings',
    on: "(the caller's own)",
    expect: byAccess('signed-in'),
    request: async () => ({ method: 'GET', url: '/notifications/settings' }),
  },
  {
    route: 'PUT /notifications/settings',
    on: "(the caller's own)",
    expect: byAccess('signed-in'),
    request: async () => ({ method: 'PUT', url: '/notifications/settings', payload: { mention: true } }),
  },
];

export const feedRows: Row[] = [...topicRows, ...pageRows, ...notificationRows];
