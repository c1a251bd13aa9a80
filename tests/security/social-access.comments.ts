import { comment } from './social-access.factories.js';
import { insertComment, insertPost } from './social-access.inserts.js';
import {
  cellsOf,
  E,
  each,
  GM,
  gate,
  M,
  moderatorsOf,
  postName,
  type Row,
  readers,
} from './social-access.table.js';
import { hasItem, idOf, world } from './social-access.world.js';

/**
 * Rows of comments (with replies, hidden comments and paths that mix posts) and reactions.
 */

const w = world;

const threadRows: Row[] = [
  ...(['secret', 'closed', 'secretHidden'] as const).map(
    (space): Row => ({
      route: 'GET /posts/{id}/comments',
      on: `of the ${postName[space]}`,
      expect: gate(readers[space]),
      request: async () => ({ method: 'GET', url: `/posts/${w().posts[space]}/comments` }),
    }),
  ),
  {
    route: 'GET /posts/{id}/comments',
    on: 'of the secret post (is its hidden comment listed?)',
    expect: cellsOf({ ...each(GM, 'allow'), ...each(['member', 'guestMember'], 'absent') }, 404),
    request: async () => ({
      method: 'GET',
      url: `/posts/${w().posts.secret}/comments`,
      find: hasItem(w().comments.secretHidden),
    }),
  },
  ...(['secret', 'closed', 'company', 'secretHidden'] as const).map(
    (name): Row => ({
      route: 'POST /posts/{id}/comments',
      on: `on the ${postName[name]}`,
      expect: gate(readers[name]),
      request: async () => ({
        method: 'POST',
        url: `/posts/${w().posts[name]}/comments`,
        payload: { body: 'Hi' },
      }),
    }),
  ),
  {
    route: 'POST /posts/{id}/comments',
    on: 'on a secret-group post with locked comments',
    expect: cellsOf(each(M, 'COMMENTS_LOCKED'), 404),
    request: async () => ({
      method: 'POST',
      url: `/posts/${w().posts.secretLocked}/comments`,
      payload: { body: 'Hi' },
    }),
  },
  {
    route: 'POST /posts/{id}/comments',
    on: 'replying to a hidden comment on the secret post',
    expect: gate(GM),
    request: async () => ({
      method: 'POST',
      url: `/posts/${w().posts.secret}/comments`,
      payload: { body: 'Reply', parentId: w().comments.secretHidden },
    }),
  },
  {
    route: 'PATCH /posts/{id}/comments/{commentId}',
    on: "of the author's comment on the secret post",
    expect: gate([], readers.secret),
    request: async () => ({
      method: 'PATCH',
      url: `/posts/${w().posts.secret}/comments/${w().comments.secret}`,
      payload: { body: 'Edited' },
    }),
  },
  {
    route: 'PATCH /posts/{id}/comments/{commentId}',
    on: "of the caller's own secret-post comment, addressed through the company post",
    expect: cellsOf({}, 404),
    request: async (caller) => ({
      method: 'PATCH',
      url: `/posts/${w().posts.company}/comments/${await insertComment(w().posts.secret, idOf(caller))}`,
      payload: { body: 'Edited' },
    }),
  },
  {
    route: 'DELETE /posts/{id}/comments/{commentId}',
    on: "of the author's secret-post comment, addressed through the company post",
    expect: cellsOf({}, 404),
    request: async () => ({
      method: 'DELETE',
      url: `/posts/${w().posts.company}/comments/${await comment(w().posts.secret)}`,
    }),
  },
  {
    route: 'PATCH /posts/{id}/comments/{commentId}',
    on: "of the caller's own comment on the secret post (outsiders: they left the group)",
    expect: gate(M),
    request: async (caller) => {
      const id = w().posts.secret;
      return {
        method: 'PATCH',
        url: `/posts/${id}/comments/${await insertComment(id, idOf(caller))}`,
        payload: { body: 'Edited' },
      };
    },
  },
  ...(['secret', 'closed'] as const).map(
    (space): Row => ({
      route: 'DELETE /posts/{id}/comments/{commentId}',
      on: `of a fresh comment of the author on the ${postName[space]}`,
      expect: gate(moderatorsOf[space], readers[space]),
      request: async () => {
        const id = w().posts[space];
        return { method: 'DELETE', url: `/posts/${id}/comments/${await comment(id)}` };
      },
    }),
  ),
  {
    route: 'DELETE /posts/{id}/comments/{commentId}',
    on: "of the author's comment on a post on the caller's own profile (owners moderate comments)",
    expect: gate(E),
    request: async (caller) => {
      const id = await insertPost(idOf(caller), 'profile');
      return { method: 'DELETE', url: `/posts/${id}/comments/${await insertComment(id, w().author.id)}` };
    },
  },
  {
    route: 'DELETE /posts/{id}/comments/{commentId}',
    on: "of the caller's own comment on the secret post",
    expect: gate(M),
    request: async (caller) => {
      const id = w().posts.secret;
      return { method: 'DELETE', url: `/posts/${id}/comments/${await insertComment(id, idOf(caller))}` };
    },
  },
  {
    route: 'DELETE /posts/{id}/comments/{commentId}',
    on: 'of a fresh hidden comment of the author on the secret post',
    expect: gate(GM),
    request: async () => {
      const id = w().posts.secret;
      return {
        method: 'DELETE',
        url: `/posts/${id}/comments/${await insertComment(id, w().author.id, true)}`,
      };
    },
  },
];

const reactionRows: Row[] = [
  ...(['secret', 'closed', 'company', 'secretHidden'] as const).map(
    (name): Row => ({
      route: 'PUT /posts/{id}/reactions/{emoji}',
      on: `on the ${postName[name]}`,
      expect: gate(readers[name]),
      request: async () => ({
        method: 'PUT',
        url: `/posts/${w().posts[name]}/reactions/${encodeURIComponent('👍')}`,
      }),
    }),
  ),
  ...(['secret', 'closed'] as const).map(
    (name): Row => ({
      route: 'DELETE /posts/{id}/reactions/{emoji}',
      on: `on the ${postName[name]}`,
      expect: gate(readers[name]),
      request: async () => ({
        method: 'DELETE',
        url: `/posts/${w().posts[name]}/reactions/${encodeURIComponent('🎉')}`,
      }),
    }),
  ),
];

export const commentRows: Row[] = [...threadRows, ...reactionRows];
