import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import type { GroupRole, GroupVisibility } from '../../platform/db/schema.js';

/**
 * Moderation actions on posts and comments: who may hide, pin and lock in which space, what
 * each action leaves behind (ledger, stream event, notification), and what readers see.
 */

let t: TestApp;
const missing = '01900000-0000-7000-8000-0000000000ff';

type Caller =
  | 'admin'
  | 'moderator'
  | 'groupAdmin'
  | 'groupModerator'
  | 'member'
  | 'nonMember'
  | 'profileOwner'
  | 'guest'
  | 'deactivated'
  | 'anonymous';
const people = {} as Record<Exclude<Caller, 'anonymous'>, Person>;
let author: Person;
let groupId: string;

async function insertGroup(visibility: GroupVisibility, members: [Person, GroupRole][]): Promise<string> {
  const db = t.database.handle.db;
  const id = uuidv7();
  const now = new Date().toISOString();
  await db
    .insertInto('groups')
    .values({
      id,
      name: `Group ${id.slice(-6)}`,
      name_search: `group ${id.slice(-6)}`,
      handle: `g${id.slice(-12)}`,
      description: '',
      visibility,
      department_id: null,
      photo_key: null,
      member_count: members.length,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const [person, role] of members) {
    await db
      .insertInto('group_members')
      .values({ group_id: id, user_id: person.id, role, via_department: 0, created_at: now })
      .execute();
  }
  return id;
}

type SpaceName = 'company' | 'group' | 'profile';

/** A fresh post in the named space, written through the posts API by someone allowed to. */
async function makePost(
  space: SpaceName,
  body = 'A post to moderate',
): Promise<{ id: string; authorId: string }> {
  const writer = space === 'company' ? author : space === 'group' ? people.member : people.profileOwner;
  const ref = space === 'group' ? { type: 'group', id: groupId } : { type: space };
  const res = await call(t, writer, { method: 'POST', url: '/api/v1/posts', payload: { space: ref, body } });
  if (res.statusCode !== 201) throw new Error(`post failed: ${res.statusCode} ${res.body}`);
  return { id: res.json().id, authorId: writer.id };
}

async function makeComment(postId: string, writer: Person = people.member): Promise<string> {
  const res = await call(t, writer, {
    method: 'POST',
    url: `/api/v1/posts/${postId}/comments`,
    payload: { body: 'A comment to moderate' },
  });
  if (res.statusCode !== 201) throw new Error(`comment failed: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

function as(caller: Caller): Person | null {
  return caller === 'anonymous' ? null : people[caller];
}

function act(caller: Caller, url: string, payload: unknown = {}) {
  return call(t, as(caller), { method: 'POST', url, payload: payload as Record<string, unknown> });
}

beforeAll(async () => {
  t = await buildTestApp();
  for (const role of ['admin', 'moderator'] as const) people[role] = await signedIn(t, role);
  for (const name of ['groupAdmin', 'groupModerator', 'member', 'nonMember', 'profileOwner'] as const) {
    people[name] = await signedIn(t, 'employee');
  }
  people.guest = await signedIn(t, 'guest');
  people.deactivated = await signedIn(t, 'employee', { status: 'deactivated' });
  author = await signedIn(t, 'employee');
  groupId = await insertGroup('open', [
    [people.groupAdmin, 'admin'],
    [people.groupModerator, 'moderator'],
    [people.member, 'member'],
    [people.guest, 'member'],
  ]);
});
afterAll(async () => {
  await t.close();
});

/** Expected status per caller and space: 200 allowed, 403 readable but not theirs, 404 unreadable. */
const expected: Record<Caller, Record<SpaceName, number>> = {
  admin: { company: 200, group: 200, profile: 200 },
  moderator: { company: 200, group: 200, profile: 200 },
  groupAdmin: { company: 403, group: 200, profile: 403 },
  groupModerator: { company: 403, group: 200, profile: 403 },
  member: { company: 403, group: 403, profile: 403 },
  nonMember: { company: 403, group: 403, profile: 403 },
  profileOwner: { company: 403, group: 403, profile: 200 },
  guest: { company: 404, group: 403, profile: 404 },
  deactivated: { company: 401, group: 401, profile: 401 },
  anonymous: { company: 401, group: 401, profile: 401 },
};

const actions = [
  { on: 'hide', off: 'unhide', field: 'hiddenAt' },
  { on: 'pin', off: 'unpin', field: 'pinnedAt' },
  { on: 'lock-comments', off: 'unlock-comments', field: 'commentsLocked' },
] as const;

const matrix = (Object.keys(expected) as Caller[]).flatMap((caller) =>
  (['company', 'group', 'profile'] as const).flatMap((space) =>
    actions.map((action) => ({ caller, space, action: action.on, status: expected[caller][space] })),
  ),
);

describe('who moderates posts where', () => {
  it.each(matrix)('$caller may $action in $space: $status', async ({ caller, space, action, status }) => {
    const post = await makePost(space);
    const { off, field } = actions.find((a) => a.on === action)!;
    const on = await act(caller, `/api/v1/posts/${post.id}/${action}`, { note: 'Please keep it civil' });
    expect(on.statusCode, on.body).toBe(status);
    if (status !== 200) return;
    expect(on.json()[field]).toBeTruthy();
    const back = await act(caller, `/api/v1/posts/${post.id}/${off}`);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()[field]).toBeFalsy();
  });

  const commentMatrix = (Object.keys(expected) as Caller[]).flatMap((caller) =>
    (['company', 'group', 'profile'] as const).map((space) => ({
      caller,
      space,
      status: expected[caller][space],
    })),
  );
  it.each(commentMatrix)(
    '$caller may hide a comment in $space: $status',
    async ({ caller, space, status }) => {
      const post = await makePost(space);
      const commentId = await makeComment(post.id);
      const url = `/api/v1/posts/${post.id}/comments/${commentId}`;
      const hide = await act(caller, `${url}/hide`);
      expect(hide.statusCode, hide.body).toBe(status);
      if (status !== 200) return;
      expect(hide.json()).toMatchObject({ postId: post.id, commentId, hiddenAt: expect.any(String) });
      const restore = await act(caller, `${url}/unhide`);
      expect(restore.json().hiddenAt).toBeNull();
    },
  );
});

describe('what a moderation action leaves behind', () => {
  it('hides a post from everyone but its author and moderators, and restores it', async () => {
    const post = await makePost('group', 'Something regrettable');
    const hide = await act('groupModerator', `/api/v1/posts/${post.id}/hide`, { note: '  Off topic  ' });
    expect(hide.statusCode).toBe(200);
    const url = `/api/v1/posts/${post.id}`;
    expect((await call(t, people.nonMember, { url })).statusCode).toBe(404);
    expect((await call(t, people.guest, { url })).statusCode).toBe(404);
    const own = await call(t, people.member, { url });
    expect(own.statusCode).toBe(200);
    expect(own.json().hidden).toBe(true);
    expect((await call(t, people.groupAdmin, { url })).json().hidden).toBe(true);
    expect((await call(t, people.moderator, { url })).statusCode).toBe(200);
    // Others cannot act on what they cannot see.
    expect((await act('nonMember', `/api/v1/posts/${post.id}/reports`, { reason: 'x' })).statusCode).toBe(
      404,
    );

    const db = t.database.handle.db;
    const ledger = await db
      .selectFrom('ledger')
      .select(['action', 'actor_id', 'payload'])
      .where('subject_id', '=', post.id)
      .where('action', '=', 'post.hidden')
      .execute();
    expect(ledger).toHaveLength(1);
    expect(ledger[0]!.actor_id).toBe(people.groupModerator.id);
    expect(JSON.parse(ledger[0]!.payload)).toMatchObject({ postId: post.id, note: 'Off topic' });
    const events = await db
      .selectFrom('stream_events')
      .select(['type', 'data'])
      .where('stream', '=', `group:${groupId}`)
      .where('type', '=', 'post.updated')
      .execute();
    expect(events.some((e) => JSON.parse(e.data).postId === post.id)).toBe(true);
    const notes = await db
      .selectFrom('notifications')
      .select(['type', 'data', 'actor_id'])
      .where('user_id', '=', post.authorId)
      .where('post_id', '=', post.id)
      .execute();
    expect(notes).toEqual([
      { type: 'moderation', actor_id: people.groupModerator.id, data: expect.stringContaining('Off topic') },
    ]);

    // Hiding again changes nothing and records nothing.
    expect((await act('groupModerator', `/api/v1/posts/${post.id}/hide`)).statusCode).toBe(200);
    const again = await db
      .selectFrom('ledger')
      .select('seq')
      .where('subject_id', '=', post.id)
      .where('action', '=', 'post.hidden')
      .execute();
    expect(again).toHaveLength(1);

    expect((await act('moderator', `/api/v1/posts/${post.id}/unhide`)).json().hiddenAt).toBeNull();
    expect((await call(t, people.nonMember, { url })).statusCode).toBe(200);
    const restored = await db
      .selectFrom('ledger')
      .select('seq')
      .where('subject_id', '=', post.id)
      .where('action', '=', 'post.restored')
      .execute();
    expect(restored).toHaveLength(1);
  });

  it('announces company and profile posts on the company stream', async () => {
    for (const space of ['company', 'profile'] as const) {
      const post = await makePost(space);
      await act('moderator', `/api/v1/posts/${post.id}/lock-comments`);
      const events = await t.database.handle.db
        .selectFrom('stream_events')
        .select('data')
        .where('stream', '=', 'company')
        .where('type', '=', 'post.updated')
        .execute();
      expect(events.some((e) => JSON.parse(e.data).postId === post.id)).toBe(true);
    }
  });

  it('locked comments refuse new comments until unlocked', async () => {
    const post = await makePost('company');
    await act('moderator', `/api/v1/posts/${post.id}/lock-comments`);
    const refused = await call(t, people.nonMember, {
      method: 'POST',
      url: `/api/v1/posts/${post.id}/comments`,
      payload: { body: 'Too late?' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('COMMENTS_LOCKED');
    expect((await call(t, people.nonMember, { url: `/api/v1/posts/${post.id}` })).json().commentsLocked).toBe(
      true,
    );
    await act('moderator', `/api/v1/posts/${post.id}/unlock-comments`);
    expect(await makeComment(post.id, people.nonMember)).toEqual(expect.any(String));
  });

  it('pins at most three posts per space', async () => {
    const group = await insertGroup('closed', [
      [people.groupModerator, 'moderator'],
      [people.member, 'member'],
    ]);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await call(t, people.member, {
        method: 'POST',
        url: '/api/v1/posts',
        payload: { space: { type: 'group', id: group }, body: `Pin me ${i}` },
      });
      ids.push(res.json().id);
    }
    for (const id of ids.slice(0, 3)) {
      expect((await act('groupModerator', `/api/v1/posts/${id}/pin`)).statusCode).toBe(200);
    }
    const fourth = await act('groupModerator', `/api/v1/posts/${ids[3]}/pin`);
    expect(fourth.statusCode).toBe(409);
    expect(fourth.json().code).toBe('PIN_LIMIT');
    // Pins elsewhere do not count against this group.
    const company = await makePost('company');
    expect((await act('moderator', `/api/v1/posts/${company.id}/pin`)).statusCode).toBe(200);
    await act('moderator', `/api/v1/posts/${company.id}/unpin`);
    await act('groupModerator', `/api/v1/posts/${ids[0]}/unpin`);
    const now = await act('groupModerator', `/api/v1/posts/${ids[3]}/pin`);
    expect(now.statusCode).toBe(200);
    expect((await call(t, people.member, { url: `/api/v1/posts/${ids[3]}` })).json().pinned).toBe(true);
  });

  it('hides a comment on a profile for its owner, notifying the comment author', async () => {
    const post = await makePost('profile');
    const commentId = await makeComment(post.id, people.nonMember);
    const hide = await act('profileOwner', `/api/v1/posts/${post.id}/comments/${commentId}/hide`, {
      note: 'Not here',
    });
    expect(hide.statusCode).toBe(200);
    const comments = (await call(t, people.member, { url: `/api/v1/posts/${post.id}/comments` })).json();
    expect(comments.items.map((c: { id: string }) => c.id)).not.toContain(commentId);
    const db = t.database.handle.db;
    const entry = await db
      .selectFrom('ledger')
      .select('payload')
      .where('subject_id', '=', commentId)
      .where('action', '=', 'comment.hidden')
      .executeTakeFirst();
    expect(JSON.parse(entry!.payload)).toMatchObject({ postId: post.id, note: 'Not here' });
    const note = await db
      .selectFrom('notifications')
      .select('data')
      .where('user_id', '=', people.nonMember.id)
      .where('comment_id', '=', commentId)
      .executeTakeFirst();
    expect(JSON.parse(note!.data)).toEqual({ action: 'comment.hidden', note: 'Not here' });
    const events = await db
      .selectFrom('stream_events')
      .select('data')
      .where('stream', '=', 'company')
      .where('type', '=', 'comment.updated')
      .execute();
    expect(events.some((e) => JSON.parse(e.data).commentId === commentId)).toBe(true);
  });
});

describe('refusals', () => {
  it('answers 404 for missing posts and comments and for secret groups one is not in', async () => {
    expect((await act('moderator', `/api/v1/posts/${missing}/hide`)).json().code).toBe('POST_NOT_FOUND');
    const post = await makePost('company');
    const res = await act('moderator', `/api/v1/posts/${post.id}/comments/${missing}/hide`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('COMMENT_NOT_FOUND');
    const other = await makePost('company');
    const foreign = await makeComment(other.id);
    expect((await act('moderator', `/api/v1/posts/${post.id}/comments/${foreign}/hide`)).statusCode).toBe(
      404,
    );

    const secret = await insertGroup('secret', [[people.member, 'member']]);
    const hidden = await call(t, people.member, {
      method: 'POST',
      url: '/api/v1/posts',
      payload: { space: { type: 'group', id: secret }, body: 'Secret plans' },
    });
    for (const caller of ['admin', 'moderator', 'groupModerator'] as const) {
      expect((await act(caller, `/api/v1/posts/${hidden.json().id}/hide`)).statusCode).toBe(404);
    }
  });

  it('validates ids and notes', async () => {
    const post = await makePost('company');
    expect((await act('moderator', '/api/v1/posts/not-a-uuid/hide')).statusCode).toBe(400);
    expect((await act('moderator', `/api/v1/posts/${post.id}/comments/nope/hide`)).statusCode).toBe(400);
    expect((await act('moderator', `/api/v1/posts/${post.id}/comments/${missing}/unhide`)).statusCode).toBe(
      404,
    );
    const long = await act('moderator', `/api/v1/posts/${post.id}/hide`, { note: 'x'.repeat(1001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().code).toBe('VALIDATION_FAILED');
    expect((await act('moderator', `/api/v1/posts/${post.id}/pin`, { extra: 1 })).statusCode).toBe(400);
    const bare = await call(t, people.moderator, { method: 'POST', url: `/api/v1/posts/${post.id}/pin` });
    expect(bare.statusCode, bare.body).toBe(200);
  });
});
