import { banner, comment, hiddenPost, post, report, story } from './social-access.factories.js';
import {
  clearCompanyPins,
  freshGroup,
  insertComment,
  insertPost,
  insertStory,
  setPost,
} from './social-access.inserts.js';
import {
  byAccess,
  cellsOf,
  E,
  each,
  GM,
  gate,
  type Json,
  list,
  M,
  moderatorsOf,
  P,
  postName,
  type Row,
  readers,
} from './social-access.table.js';
import { hasItem, idOf, items, world } from './social-access.world.js';

/**
 * Rows of moderation (post and comment actions, reports and the queue), banners and stories.
 */

const w = world;

type PostAction = 'hide' | 'unhide' | 'lock-comments' | 'unlock-comments' | 'pin' | 'unpin';

/** A fresh post in the state the action undoes (hidden for unhide, …), in a space of its own for pins. */
async function target(space: 'secret' | 'closed' | 'company', action: PostAction): Promise<string> {
  if (action === 'unhide') return hiddenPost(space);
  const pinning = action === 'pin' || action === 'unpin';
  if (pinning && space === 'company') await clearCompanyPins();
  const id = await post(pinning && space !== 'company' ? { groupId: await freshGroup(space) } : space);
  if (action === 'unlock-comments') await setPost(id, { comments_locked: 1 });
  if (action === 'unpin') await setPost(id, { pinned_at: new Date().toISOString() });
  return id;
}

const postActions: PostAction[] = ['hide', 'unhide', 'lock-comments', 'unlock-comments', 'pin', 'unpin'];

const actionRows: Row[] = [
  ...postActions.flatMap((action) =>
    (['secret', 'closed', 'company'] as const).map(
      (space): Row => ({
        route: `POST /posts/{id}/${action}`,
        on: `on a fresh ${postName[space]}`,
        // A hidden post is out of sight for everyone but its moderators (and author).
        expect: gate(moderatorsOf[space], action === 'unhide' ? [] : readers[space]),
        request: async () => ({ method: 'POST', url: `/posts/${await target(space, action)}/${action}` }),
      }),
    ),
  ),
  ...(['secret', 'closed'] as const).map(
    (space): Row => ({
      route: 'POST /posts/{id}/comments/{commentId}/hide',
      on: `of a fresh comment on the ${postName[space]}`,
      expect: gate(moderatorsOf[space], readers[space]),
      request: async () => {
        const id = w().posts[space];
        return { method: 'POST', url: `/posts/${id}/comments/${await comment(id)}/hide` };
      },
    }),
  ),
  {
    route: 'POST /posts/{id}/comments/{commentId}/hide',
    on: 'of a fresh secret-post comment, addressed through the company post',
    expect: cellsOf({}, 404),
    request: async () => ({
      method: 'POST',
      url: `/posts/${w().posts.company}/comments/${await comment(w().posts.secret)}/hide`,
    }),
  },
  {
    route: 'POST /posts/{id}/reports',
    on: 'of a secret-post comment, addressed through the company post',
    expect: cellsOf({}, 404),
    request: async () => ({
      method: 'POST',
      url: `/posts/${w().posts.company}/reports`,
      payload: { reason: 'Rude', commentId: w().comments.secret },
    }),
  },
  {
    route: 'POST /posts/{id}/comments/{commentId}/hide',
    on: "of the author's comment on a post on the caller's own profile",
    expect: gate(E),
    request: async (caller) => {
      const id = await insertPost(idOf(caller), 'profile');
      return { method: 'POST', url: `/posts/${id}/comments/${await insertComment(id, w().author.id)}/hide` };
    },
  },
  ...(['secret', 'closed'] as const).map(
    (space): Row => ({
      route: 'POST /posts/{id}/comments/{commentId}/unhide',
      on: `of a fresh hidden comment on the ${postName[space]}`,
      expect: gate(moderatorsOf[space]),
      request: async () => {
        const id = w().posts[space];
        return {
          method: 'POST',
          url: `/posts/${id}/comments/${await insertComment(id, w().author.id, true)}/unhide`,
        };
      },
    }),
  ),
  ...(
    [
      ['secret', M],
      ['company', E],
      ['secretHidden', GM],
    ] as const
  ).map(
    ([name, allow]): Row => ({
      route: 'POST /posts/{id}/reports',
      on: `of the ${postName[name]}`,
      expect: gate([...allow]),
      request: async () => ({
        method: 'POST',
        url: `/posts/${w().posts[name]}/reports`,
        payload: { reason: 'Spam' },
      }),
    }),
  ),
  {
    route: 'POST /posts/{id}/reports',
    on: "of the author's hidden comment on the secret post",
    expect: gate(GM),
    request: async () => ({
      method: 'POST',
      url: `/posts/${w().posts.secret}/reports`,
      payload: { reason: 'Rude', commentId: w().comments.secretHidden },
    }),
  },
  {
    route: 'POST /posts/{id}/reports',
    on: "of the author's comment on the secret post",
    expect: gate(M),
    request: async () => ({
      method: 'POST',
      url: `/posts/${w().posts.secret}/reports`,
      payload: { reason: 'Rude', commentId: w().comments.secret },
    }),
  },
  ...(
    [
      // Platform moderators do not moderate secret groups they are not in: the report is not in
      // their queue. People who moderate nothing have no queue at all.
      ['secret', { ...each(GM, 'allow'), ...each(P, 'absent') }],
      ['closed', { ...each(GM, 'allow'), ...each(P, 'allow') }],
      ['company', { ...each(GM, 'absent'), ...each(P, 'allow') }],
    ] as const
  ).flatMap(([space, queue]): Row[] => [
    {
      route: 'GET /moderation/reports',
      on: `(is a fresh report on a ${space} post in the queue?)`,
      expect: cellsOf(queue, 403),
      request: async () => {
        const id = await report(await post(space), w().as[space === 'company' ? 'nonMember' : 'member']!);
        return { method: 'GET', url: '/moderation/reports?limit=100', find: hasItem(id) };
      },
    },
    {
      route: 'POST /moderation/reports/{id}/resolve',
      on: `of a fresh report on a ${space} post`,
      expect: gate(moderatorsOf[space]),
      request: async () => {
        const id = await report(await post(space), w().as[space === 'company' ? 'nonMember' : 'member']!);
        return { method: 'POST', url: `/moderation/reports/${id}/resolve`, payload: { action: 'allow' } };
      },
    },
  ]),
];

const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

const bannerRows: Row[] = [
  {
    route: 'GET /banners',
    on: '(is the running banner shown?)',
    expect: list(E),
    request: async () => ({ method: 'GET', url: '/banners?limit=100', find: hasItem(w().banner) }),
  },
  {
    route: 'POST /banners',
    on: 'running for a week',
    expect: byAccess('moderator'),
    request: async () => ({
      method: 'POST',
      url: '/banners',
      payload: { title: 'Welcome', endsAt: days(7) },
    }),
  },
  {
    route: 'PATCH /banners/{id}',
    on: 'of the running banner',
    expect: byAccess('moderator'),
    request: async () => ({
      method: 'PATCH',
      url: `/banners/${w().banner}`,
      payload: { title: 'Welcome back' },
    }),
  },
  {
    route: 'DELETE /banners/{id}',
    on: 'of a fresh banner',
    expect: byAccess('moderator'),
    request: async () => ({ method: 'DELETE', url: `/banners/${await banner()}` }),
  },
];

const storyRows: Row[] = [
  {
    route: 'GET /stories',
    on: "(is the author's story shown?)",
    expect: list(E),
    request: async () => ({
      method: 'GET',
      url: '/stories?limit=100',
      find: (body) => items(body).some((a) => (a.stories as Json[]).some((s) => s.id === w().story)),
    }),
  },
  {
    route: 'POST /stories',
    on: 'of some text',
    expect: byAccess('employee'),
    request: async () => ({ method: 'POST', url: '/stories', payload: { text: 'Coffee time' } }),
  },
  {
    route: 'POST /stories',
    on: "with the author's image (not the caller's)",
    expect: cellsOf({ ...Object.fromEntries(E.map((c) => [c, 'STORY_UPLOAD_INVALID'])) }, 403),
    request: async () => ({ method: 'POST', url: '/stories', payload: { uploadId: w().uploads.loose } }),
  },
  {
    route: 'DELETE /stories/{id}',
    on: "of a fresh story of the author's",
    expect: gate(P, E, { access: 'employee' }),
    request: async () => ({ method: 'DELETE', url: `/stories/${await story()}` }),
  },
  {
    route: 'DELETE /stories/{id}',
    on: "of the caller's own story",
    expect: byAccess('employee'),
    request: async (caller) => ({ method: 'DELETE', url: `/stories/${await insertStory(idOf(caller))}` }),
  },
  {
    route: 'GET /stories/{id}/image',
    on: "of the author's story",
    expect: byAccess('employee'),
    request: async () => ({ method: 'GET', url: `/stories/${w().story}/image` }),
  },
];

export const moderationRows: Row[] = [...actionRows, ...bannerRows, ...storyRows];
