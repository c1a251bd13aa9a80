import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { insertGroup } from './posts.fixtures.js';

/**
 * Who reads a post, by space and by caller (DESIGN.md "Who may see what"). A post the caller may
 * not read is a 404 on every route that names it: its existence is never revealed.
 */

type Space = 'company' | 'profile' | 'open' | 'closed' | 'secret';
type Caller =
  | 'admin'
  | 'moderator'
  | 'groupAdmin'
  | 'member'
  | 'nonMember'
  | 'guestMember'
  | 'guestOutsider'
  | 'deactivated'
  | 'anonymous';

const spaces: Space[] = ['company', 'profile', 'open', 'closed', 'secret'];
const readable: Record<Caller, Space[]> = {
  admin: ['company', 'profile', 'open', 'closed'],
  moderator: ['company', 'profile', 'open', 'closed'],
  groupAdmin: spaces,
  member: spaces,
  nonMember: ['company', 'profile', 'open'],
  guestMember: ['open', 'closed', 'secret'],
  guestOutsider: [],
  deactivated: [],
  anonymous: [],
};

let t: TestApp;
const people = new Map<Caller, Person | null>();
const posts = new Map<Space, string>();
let author: Person;

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.handle.db;
  author = await signedIn(t, 'employee');
  people.set('admin', await signedIn(t, 'admin'));
  people.set('moderator', await signedIn(t, 'moderator'));
  people.set('groupAdmin', await signedIn(t, 'employee'));
  people.set('member', await signedIn(t, 'employee'));
  people.set('nonMember', await signedIn(t, 'employee'));
  people.set('guestMember', await signedIn(t, 'guest'));
  people.set('guestOutsider', await signedIn(t, 'guest'));
  const deactivated = await signedIn(t, 'employee');
  people.set('deactivated', deactivated);
  people.set('anonymous', null);

  const members = {
    [author.id]: 'member',
    [people.get('groupAdmin')!.id]: 'admin',
    [people.get('member')!.id]: 'member',
    [people.get('guestMember')!.id]: 'member',
    [deactivated.id]: 'member',
  } as const;
  const publish = async (space: Record<string, unknown>) => {
    const res = await call(t, author, {
      method: 'POST',
      url: '/api/v1/posts',
      payload: { space, body: 'hi' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  posts.set('company', await publish({ type: 'company' }));
  posts.set('profile', await publish({ type: 'profile' }));
  for (const visibility of ['open', 'closed', 'secret'] as const) {
    const group = await insertGroup(db, { visibility, members });
    posts.set(visibility, await publish({ type: 'group', id: group.id }));
  }
  await db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', deactivated.id).execute();
});
afterAll(async () => {
  await t.close();
});

const cases = (Object.keys(readable) as Caller[]).flatMap((caller) =>
  spaces.map((space) => ({ caller, space, allowed: readable[caller].includes(space) })),
);

describe('reading a post', () => {
  it.each(cases)('$caller reads a $space post: $allowed', async ({ caller, space, allowed }) => {
    const who = people.get(caller) ?? null;
    const id = posts.get(space)!;
    const expected = allowed ? 200 : caller === 'anonymous' || caller === 'deactivated' ? 401 : 404;
    const post = await call(t, who, { url: `/api/v1/posts/${id}` });
    expect(post.statusCode, post.body).toBe(expected);
    if (!allowed && expected === 404) expect(post.json().code).toBe('POST_NOT_FOUND');
    const comments = await call(t, who, { url: `/api/v1/posts/${id}/comments` });
    expect(comments.statusCode).toBe(expected);
    const react = await call(t, who, { method: 'PUT', url: `/api/v1/posts/${id}/reactions/👍` });
    expect(react.statusCode).toBe(expected);
    const comment = await call(t, who, {
      method: 'POST',
      url: `/api/v1/posts/${id}/comments`,
      payload: { body: 'seen' },
    });
    expect(comment.statusCode).toBe(allowed ? 201 : expected);
  });
});

describe('hidden posts', () => {
  it('are read only by their author and the space’s moderators', async () => {
    const db = t.database.handle.db;
    const id = posts.get('open')!;
    await db.updateTable('posts').set({ hidden_at: new Date().toISOString() }).where('id', '=', id).execute();
    try {
      expect((await call(t, author, { url: `/api/v1/posts/${id}` })).json().hidden).toBe(true);
      expect((await call(t, people.get('groupAdmin')!, { url: `/api/v1/posts/${id}` })).statusCode).toBe(200);
      expect((await call(t, people.get('moderator')!, { url: `/api/v1/posts/${id}` })).statusCode).toBe(200);
      expect((await call(t, people.get('member')!, { url: `/api/v1/posts/${id}` })).statusCode).toBe(404);
      expect((await call(t, people.get('nonMember')!, { url: `/api/v1/posts/${id}` })).statusCode).toBe(404);
    } finally {
      await db.updateTable('posts').set({ hidden_at: null }).where('id', '=', id).execute();
    }
  });
});

describe('a secret group’s post', () => {
  it('never notifies a non-member, mentioned, shared with or replied to', async () => {
    const outsider = await signedIn(t, 'employee', { email: 'outsider.person@corp.test' });
    const insider = await signedIn(t, 'employee', { email: 'insider.person@corp.test' });
    const group = await insertGroup(t.database.handle.db, {
      visibility: 'secret',
      members: { [author.id]: 'admin', [insider.id]: 'member' },
    });
    const res = await call(t, author, {
      method: 'POST',
      url: '/api/v1/posts',
      payload: { space: { type: 'group', id: group.id }, body: 'Hi @outsider.person and @insider.person' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const post = res.json();
    // The viewer inside the group sees both mentions resolved; nothing reveals the post outside.
    expect(post.mentions.map((m: { handle: string }) => m.handle)).toEqual([
      'outsider.person',
      'insider.person',
    ]);
    await call(t, author, {
      method: 'POST',
      url: `/api/v1/posts/${post.id}/share`,
      payload: { userIds: [outsider.id] },
    });
    const notified = await t.database.handle.db
      .selectFrom('notifications')
      .select(['user_id', 'type'])
      .where('post_id', '=', post.id)
      .execute();
    expect(notified).toEqual([{ user_id: insider.id, type: 'mention' }]);
    const stream = await t.database.handle.db
      .selectFrom('stream_events')
      .select('stream')
      .where('stream', 'like', 'user:%')
      .where('stream', '=', `user:${outsider.id}`)
      .execute();
    expect(stream).toEqual([]);
  });
});
