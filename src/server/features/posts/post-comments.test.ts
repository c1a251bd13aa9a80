import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { insertGroup } from './posts.fixtures.js';

let t: TestApp;
let author: Person;
let reader: Person;
let other: Person;

const missing = '0190a6f0-0000-7000-8000-000000000000';

beforeAll(async () => {
  t = await buildTestApp();
  author = await signedIn(t, 'employee');
  reader = await signedIn(t, 'employee');
  other = await signedIn(t, 'employee');
});
afterAll(async () => {
  await t.close();
});

async function newPost(who: Person, space: Record<string, unknown> = { type: 'company' }) {
  const res = await call(t, who, { method: 'POST', url: '/api/v1/posts', payload: { space, body: 'Post' } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function comment(who: Person, postId: string, body: string, parentId?: string) {
  const res = await call(t, who, {
    method: 'POST',
    url: `/api/v1/posts/${postId}/comments`,
    payload: parentId ? { body, parentId } : { body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function commentCount(postId: string) {
  return (await call(t, author, { url: `/api/v1/posts/${postId}` })).json().commentCount as number;
}

function notificationsOf(postId: string) {
  return t.database.handle.db
    .selectFrom('notifications')
    .select(['user_id', 'type', 'actor_id'])
    .where('post_id', '=', postId)
    .orderBy('id')
    .execute();
}

describe('comments', () => {
  it('creates a comment, notifies the post author, ledgers and announces it', async () => {
    const postId = await newPost(author);
    const created = await comment(reader, postId, 'Nice **one**');
    expect(created).toMatchObject({
      postId,
      parentId: null,
      author: { id: reader.id },
      body: 'Nice **one**',
      html: '<p>Nice <strong>one</strong></p>\n',
      version: 1,
      hidden: false,
      abilities: { edit: true, delete: true, reply: true, hide: false, report: false },
    });
    expect(await notificationsOf(postId)).toEqual([
      { user_id: author.id, type: 'comment', actor_id: reader.id },
    ]);
    const ledger = await t.database.handle.db
      .selectFrom('ledger')
      .select(['action', 'payload'])
      .where('subject_id', '=', created.id)
      .execute();
    expect(ledger.map((e) => e.action)).toEqual(['comment.created']);
    expect(JSON.parse(ledger[0]!.payload)).toMatchObject({ body: 'Nice **one**', postId });
    const events = await t.database.handle.db
      .selectFrom('stream_events')
      .select('data')
      .where('type', '=', 'comment.created')
      .execute();
    expect(events.map((e) => JSON.parse(e.data))).toContainEqual({ postId, commentId: created.id });
    expect(await commentCount(postId)).toBe(1);
  });

  it('keeps replies one level deep and notifies the author replied to', async () => {
    const postId = await newPost(author);
    const top = await comment(reader, postId, 'Top');
    const reply = await comment(other, postId, 'Reply', top.id);
    expect(reply.parentId).toBe(top.id);
    const deeper = await comment(author, postId, 'Reply to the reply', reply.id);
    expect(deeper.parentId).toBe(top.id);
    const types = (await notificationsOf(postId)).map((n) => [n.user_id, n.type]);
    expect(types).toEqual([
      [author.id, 'comment'],
      [reader.id, 'reply'],
      [author.id, 'comment'],
      [other.id, 'reply'],
    ]);
    const list = (await call(t, reader, { url: `/api/v1/posts/${postId}/comments` })).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0].replies.map((r: { body: string }) => r.body)).toEqual([
      'Reply',
      'Reply to the reply',
    ]);
    expect(list.nextCursor).toBeNull();
    const bad = await call(t, reader, {
      method: 'POST',
      url: `/api/v1/posts/${postId}/comments`,
      payload: { body: 'x', parentId: missing },
    });
    expect(bad.json().code).toBe('COMMENT_NOT_FOUND');
  });

  it('pages top-level comments oldest first', async () => {
    const postId = await newPost(author);
    const bodies = ['one', 'two', 'three', 'four', 'five'];
    for (const body of bodies) await comment(reader, postId, body);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/posts/${postId}/comments?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { items: { body: string }[]; nextCursor: string | null } = (
        await call(t, reader, { url })
      ).json();
      seen.push(...page.items.map((c) => c.body));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(bodies);
    expect(
      (await call(t, reader, { url: `/api/v1/posts/${postId}/comments?cursor=bogus!` })).statusCode,
    ).toBe(400);
  });

  it('keeps comment_count exact through replies and deletes, and ledgers every deletion', async () => {
    const postId = await newPost(author);
    const a = await comment(reader, postId, 'A');
    await comment(other, postId, 'A.1', a.id);
    await comment(author, postId, 'A.2', a.id);
    const b = await comment(other, postId, 'B');
    const b1 = await comment(reader, postId, 'B.1', b.id);
    expect(await commentCount(postId)).toBe(5);
    expect(
      (await call(t, reader, { method: 'DELETE', url: `/api/v1/posts/${postId}/comments/${b1.id}` }))
        .statusCode,
    ).toBe(204);
    expect(await commentCount(postId)).toBe(4);
    const del = await call(t, reader, { method: 'DELETE', url: `/api/v1/posts/${postId}/comments/${a.id}` });
    expect(del.statusCode).toBe(204);
    expect(await commentCount(postId)).toBe(1);
    const rows = await t.database.handle.db
      .selectFrom('comments')
      .select('body')
      .where('post_id', '=', postId)
      .execute();
    expect(rows).toEqual([{ body: 'B' }]);
    const deletions = await t.database.handle.db
      .selectFrom('ledger')
      .select('payload')
      .where('action', '=', 'comment.deleted')
      .execute();
    const bodies = deletions
      .map((d) => JSON.parse(d.payload))
      .filter((p) => p.postId === postId)
      .map((p) => p.body);
    expect(bodies.sort()).toEqual(['A', 'A.1', 'A.2', 'B.1']);
    expect(
      (await call(t, reader, { method: 'DELETE', url: `/api/v1/posts/${postId}/comments/${a.id}` }))
        .statusCode,
    ).toBe(404);
  });

  it('edits by the author only, with a new version in the ledger', async () => {
    const postId = await newPost(author);
    const c = await comment(reader, postId, 'First');
    const url = `/api/v1/posts/${postId}/comments/${c.id}`;
    const edited = await call(t, reader, { method: 'PATCH', url, payload: { body: 'Second' } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ body: 'Second', version: 2 });
    expect(edited.json().editedAt).not.toBeNull();
    expect((await call(t, author, { method: 'PATCH', url, payload: { body: 'Nope' } })).statusCode).toBe(403);
    expect((await call(t, reader, { method: 'PATCH', url, payload: { body: '  ' } })).json().code).toBe(
      'COMMENT_BODY_EMPTY',
    );
    expect(
      (
        await call(t, reader, {
          method: 'PATCH',
          url: `/api/v1/posts/${postId}/comments/${missing}`,
          payload: { body: 'x' },
        })
      ).statusCode,
    ).toBe(404);
    const entries = await t.database.handle.db
      .selectFrom('ledger')
      .select(['action', 'payload'])
      .where('subject_id', '=', c.id)
      .orderBy('seq')
      .execute();
    expect(entries.map((e) => [e.action, JSON.parse(e.payload).body])).toEqual([
      ['comment.created', 'First'],
      ['comment.edited', 'Second'],
    ]);
  });

  it('lets others delete only as moderators: a group moderator, the profile owner', async () => {
    const group = await insertGroup(t.database.handle.db, {
      visibility: 'open',
      members: { [author.id]: 'member', [other.id]: 'moderator' },
    });
    const postId = await newPost(author, { type: 'group', id: group.id });
    const c = await comment(reader, postId, 'Rude');
    const url = `/api/v1/posts/${postId}/comments/${c.id}`;
    expect((await call(t, author, { method: 'DELETE', url })).statusCode).toBe(403);
    expect((await call(t, other, { method: 'DELETE', url })).statusCode).toBe(204);

    const profilePost = await newPost(author, { type: 'profile' });
    const onProfile = await comment(reader, profilePost, 'On your wall');
    expect(
      (
        await call(t, other, {
          method: 'DELETE',
          url: `/api/v1/posts/${profilePost}/comments/${onProfile.id}`,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call(t, author, {
          method: 'DELETE',
          url: `/api/v1/posts/${profilePost}/comments/${onProfile.id}`,
        })
      ).statusCode,
    ).toBe(204);
  });

  it('refuses new comments when locked (409) and empty ones (400)', async () => {
    const postId = await newPost(author);
    const url = `/api/v1/posts/${postId}/comments`;
    expect((await call(t, reader, { method: 'POST', url, payload: { body: '\u200B ' } })).json().code).toBe(
      'COMMENT_BODY_EMPTY',
    );
    expect((await call(t, reader, { method: 'POST', url, payload: {} })).statusCode).toBe(400);
    expect((await call(t, null, { method: 'POST', url, payload: { body: 'x' } })).statusCode).toBe(401);
    expect(
      (
        await call(t, reader, {
          method: 'POST',
          url: `/api/v1/posts/${missing}/comments`,
          payload: { body: 'x' },
        })
      ).statusCode,
    ).toBe(404);
    await t.database.handle.db
      .updateTable('posts')
      .set({ comments_locked: 1 })
      .where('id', '=', postId)
      .execute();
    const locked = await call(t, reader, { method: 'POST', url, payload: { body: 'x' } });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('COMMENTS_LOCKED');
    expect((await call(t, reader, { url: `/api/v1/posts/${postId}` })).json().abilities.comment).toBe(false);
  });

  it('shows hidden comments only to their author and the space’s moderators', async () => {
    const moderator = await signedIn(t, 'moderator');
    const postId = await newPost(author);
    const top = await comment(reader, postId, 'Hidden top');
    await comment(other, postId, 'Reply under hidden', top.id);
    const visible = await comment(other, postId, 'Visible');
    const hiddenReply = await comment(author, postId, 'Hidden reply', visible.id);
    const now = new Date().toISOString();
    await t.database.handle.db
      .updateTable('comments')
      .set({ hidden_at: now })
      .where('id', 'in', [top.id, hiddenReply.id])
      .execute();
    const bodiesFor = async (who: Person) => {
      const page = (await call(t, who, { url: `/api/v1/posts/${postId}/comments` })).json();
      return page.items.map((c: { body: string; replies: { body: string }[] }) => [
        c.body,
        c.replies.map((r) => r.body),
      ]);
    };
    expect(await bodiesFor(other)).toEqual([['Visible', []]]);
    expect(await bodiesFor(reader)).toEqual([
      ['Hidden top', ['Reply under hidden']],
      ['Visible', []],
    ]);
    expect(await bodiesFor(author)).toEqual([['Visible', ['Hidden reply']]]);
    expect(await bodiesFor(moderator)).toEqual([
      ['Hidden top', ['Reply under hidden']],
      ['Visible', ['Hidden reply']],
    ]);
    const reply = await call(t, other, {
      method: 'POST',
      url: `/api/v1/posts/${postId}/comments`,
      payload: { body: 'x', parentId: top.id },
    });
    expect(reply.statusCode).toBe(404);
  });
});
