import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { insertGroup } from './posts.fixtures.js';

let t: TestApp;
let author: Person;
let colleague: Person;
let moderator: Person;

const missing = '0190a6f0-0000-7000-8000-000000000000';

beforeAll(async () => {
  t = await buildTestApp();
  author = await signedIn(t, 'employee', { name: 'Анна Автор' });
  colleague = await signedIn(t, 'employee');
  moderator = await signedIn(t, 'moderator');
});
afterAll(async () => {
  await t.close();
});

function publish(who: Person | null, payload: Record<string, unknown>) {
  return call(t, who, { method: 'POST', url: '/api/v1/posts', payload });
}

async function newPost(
  who: Person,
  body = 'Hello **team**',
  space: Record<string, unknown> = { type: 'company' },
) {
  const res = await publish(who, { space, body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; [key: string]: unknown };
}

function ledgerOf(postId: string) {
  return t.database.handle.db
    .selectFrom('ledger')
    .select(['action', 'payload', 'actor_id'])
    .where('subject_type', '=', 'post')
    .where('subject_id', '=', postId)
    .orderBy('seq')
    .execute();
}

describe('POST /posts', () => {
  it('publishes in the company space and answers the full view', async () => {
    const res = await publish(author, { space: { type: 'company' }, body: 'Hello **team** #Launch' });
    expect(res.statusCode, res.body).toBe(201);
    const post = res.json();
    expect(post).toMatchObject({
      space: { type: 'company', id: null },
      author: { id: author.id, name: 'Анна Автор', photoUrl: null },
      kind: 'post',
      body: 'Hello **team** #Launch',
      html: expect.stringContaining('<p>Hello <strong>team</strong> '),
      editedAt: null,
      version: 1,
      attachments: [],
      preview: null,
      sharedPost: null,
      sharedPostId: null,
      tags: [{ tag: 'launch', name: 'Launch' }],
      reactions: [],
      commentCount: 0,
      commentsLocked: false,
      pinned: false,
      hidden: false,
      mustRead: false,
    });
    expect(post.abilities).toEqual({
      edit: true,
      delete: true,
      comment: true,
      react: true,
      share: true,
      hide: false,
      pin: false,
      lockComments: false,
      viewVersions: true,
      report: false,
    });
    const seen = (await call(t, colleague, { url: `/api/v1/posts/${post.id}` })).json();
    expect(seen.abilities).toMatchObject({ edit: false, delete: false, comment: true, report: true });
    const modView = (await call(t, moderator, { url: `/api/v1/posts/${post.id}` })).json();
    expect(modView.abilities).toMatchObject({ edit: false, delete: true, hide: true, viewVersions: true });
  });

  it('records post.created in the ledger and the company stream event in the same transaction', async () => {
    const post = await newPost(author, 'Ledger me');
    const [entry] = await ledgerOf(post.id);
    expect(entry?.action).toBe('post.created');
    expect(JSON.parse(entry!.payload)).toMatchObject({ body: 'Ledger me', version: 1, authorId: author.id });
    const events = await t.database.handle.db
      .selectFrom('stream_events')
      .select(['stream', 'type', 'data'])
      .where('type', '=', 'post.created')
      .execute();
    expect(events.map((e) => JSON.parse(e.data).postId)).toContain(post.id);
    const mine = events.find((e) => JSON.parse(e.data).postId === post.id)!;
    expect(mine.stream).toBe('company');
    expect(JSON.parse(mine.data)).toEqual({ postId: post.id, spaceType: 'company' });
  });

  it('defaults a profile post to the author and refuses someone else’s profile', async () => {
    const post = await newPost(author, 'On my wall', { type: 'profile' });
    expect(post.space).toEqual({ type: 'profile', id: author.id, name: 'Анна Автор' });
    const other = await publish(colleague, { space: { type: 'profile', id: author.id }, body: 'hi' });
    expect(other.statusCode).toBe(403);
  });

  it('posts into a group the author is a member of; 404 for a secret group they are not in', async () => {
    const open = await insertGroup(t.database.handle.db, {
      visibility: 'open',
      members: { [author.id]: 'member' },
    });
    const secret = await insertGroup(t.database.handle.db, { visibility: 'secret' });
    const post = await newPost(author, 'In the group', { type: 'group', id: open.id });
    expect(post.space).toEqual({ type: 'group', id: open.id, name: open.name });
    expect((await publish(colleague, { space: { type: 'group', id: open.id }, body: 'x' })).statusCode).toBe(
      403,
    );
    const hidden = await publish(author, { space: { type: 'group', id: secret.id }, body: 'x' });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('GROUP_NOT_FOUND');
    expect((await publish(author, { space: { type: 'group' }, body: 'x' })).statusCode).toBe(400);
  });

  it('refuses blank, oversized and malformed bodies with 400', async () => {
    for (const body of ['', '   \n\t', '\u200B\u200B']) {
      const res = await publish(author, { space: { type: 'company' }, body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('POST_BODY_EMPTY');
    }
    expect((await publish(author, { space: { type: 'company' }, body: 'x'.repeat(20_001) })).statusCode).toBe(
      400,
    );
    expect((await publish(author, { space: { type: 'nowhere' }, body: 'x' })).statusCode).toBe(400);
    expect((await publish(author, { body: 'x' })).statusCode).toBe(400);
    expect((await publish(author, { space: { type: 'company' }, body: 'x', extra: 1 })).statusCode).toBe(400);
    const attach = await publish(author, { space: { type: 'company' }, body: 'x', attachments: [missing] });
    expect(attach.json().code).toBe('ATTACHMENT_INVALID');
  });

  it('is refused to the anonymous (401), deactivated people (401) and guests in the company (403)', async () => {
    expect((await publish(null, { space: { type: 'company' }, body: 'x' })).statusCode).toBe(401);
    const gone = await signedIn(t, 'employee', { status: 'deactivated' });
    expect((await publish(gone, { space: { type: 'company' }, body: 'x' })).statusCode).toBe(401);
    const guest = await signedIn(t, 'guest');
    expect((await publish(guest, { space: { type: 'company' }, body: 'x' })).statusCode).toBe(403);
  });

  it('shares a readable post into a space, with the shared post embedded', async () => {
    const original = await newPost(author, 'Original');
    const res = await publish(colleague, { space: { type: 'profile' }, sharedPostId: original.id });
    expect(res.statusCode, res.body).toBe(201);
    const share = res.json();
    expect(share).toMatchObject({
      body: '',
      sharedPostId: original.id,
      sharedPost: { id: original.id, body: 'Original' },
    });
    expect(share.sharedPost).not.toHaveProperty('sharedPost');

    const secret = await insertGroup(t.database.handle.db, {
      visibility: 'secret',
      members: { [author.id]: 'member' },
    });
    const inside = await newPost(author, 'Secret stuff', { type: 'group', id: secret.id });
    const refused = await publish(colleague, { space: { type: 'company' }, sharedPostId: inside.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('SHARED_POST_NOT_FOUND');
    // Shared out of the secret group by a member: outsiders see the share but not what it shares.
    const leak = (
      await publish(author, { space: { type: 'company' }, body: 'look', sharedPostId: inside.id })
    ).json();
    const outsider = (await call(t, colleague, { url: `/api/v1/posts/${leak.id}` })).json();
    expect(outsider.sharedPostId).toBeNull();
    expect(outsider.sharedPost).toBeNull();
    expect(JSON.stringify(outsider)).not.toContain('Secret stuff');
    expect(JSON.stringify(outsider)).not.toContain(inside.id);
  });
});

describe('GET /posts/{id}', () => {
  it('answers 404 for unknown ids, 400 for malformed ones and 401 to the anonymous', async () => {
    expect((await call(t, author, { url: `/api/v1/posts/${missing}` })).json().code).toBe('POST_NOT_FOUND');
    expect((await call(t, author, { url: '/api/v1/posts/not-a-uuid' })).statusCode).toBe(400);
    const post = await newPost(author);
    expect((await call(t, null, { url: `/api/v1/posts/${post.id}` })).statusCode).toBe(401);
  });
});

describe('PATCH /posts/{id} and the history', () => {
  it('keeps every version in the ledger and shows them newest first', async () => {
    const post = await newPost(author, 'Version one #alpha');
    const edit = (body: string) =>
      call(t, author, { method: 'PATCH', url: `/api/v1/posts/${post.id}`, payload: { body } });
    const second = await edit('Version *two* #beta');
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({
      version: 2,
      html: expect.stringContaining('<p>Version <em>two</em> '),
    });
    expect(second.json().editedAt).not.toBeNull();
    expect(second.json().tags).toEqual([{ tag: 'beta', name: 'beta' }]);
    expect((await edit('Version three')).json().version).toBe(3);

    const versions = await call(t, author, { url: `/api/v1/posts/${post.id}/versions` });
    expect(versions.statusCode).toBe(200);
    expect(versions.json().items.map((v: { version: number; body: string }) => [v.version, v.body])).toEqual([
      [3, 'Version three'],
      [2, 'Version *two* #beta'],
      [1, 'Version one #alpha'],
    ]);
    expect(versions.json().items[1].html).toBe(second.json().html);
    const paged = (await call(t, author, { url: `/api/v1/posts/${post.id}/versions?limit=2` })).json();
    expect(paged.items).toHaveLength(2);
    const rest = (
      await call(t, author, { url: `/api/v1/posts/${post.id}/versions?limit=2&cursor=${paged.nextCursor}` })
    ).json();
    expect(rest.items.map((v: { version: number }) => v.version)).toEqual([1]);
    expect((await call(t, moderator, { url: `/api/v1/posts/${post.id}/versions` })).statusCode).toBe(200);
    expect((await call(t, colleague, { url: `/api/v1/posts/${post.id}/versions` })).statusCode).toBe(403);

    const del = await call(t, author, { method: 'DELETE', url: `/api/v1/posts/${post.id}` });
    expect(del.statusCode).toBe(204);
    expect((await call(t, author, { url: `/api/v1/posts/${post.id}` })).statusCode).toBe(404);
    const entries = await ledgerOf(post.id);
    expect(entries.map((e) => [e.action, JSON.parse(e.payload).version, JSON.parse(e.payload).body])).toEqual(
      [
        ['post.created', 1, 'Version one #alpha'],
        ['post.edited', 2, 'Version *two* #beta'],
        ['post.edited', 3, 'Version three'],
        ['post.deleted', 3, 'Version three'],
      ],
    );
    const tags = await t.database.handle.db
      .selectFrom('post_tags')
      .selectAll()
      .where('post_id', '=', post.id)
      .execute();
    expect(tags).toEqual([]);
  });

  it('lets only the author edit: 403 for others, 404 unknown, 400 blank', async () => {
    const post = await newPost(author, 'Mine');
    const url = `/api/v1/posts/${post.id}`;
    expect((await call(t, colleague, { method: 'PATCH', url, payload: { body: 'x' } })).statusCode).toBe(403);
    expect((await call(t, moderator, { method: 'PATCH', url, payload: { body: 'x' } })).statusCode).toBe(403);
    expect((await call(t, null, { method: 'PATCH', url, payload: { body: 'x' } })).statusCode).toBe(401);
    expect(
      (await call(t, author, { method: 'PATCH', url: `/api/v1/posts/${missing}`, payload: { body: 'x' } }))
        .statusCode,
    ).toBe(404);
    expect((await call(t, author, { method: 'PATCH', url, payload: { body: ' ' } })).json().code).toBe(
      'POST_BODY_EMPTY',
    );
    expect((await call(t, author, { method: 'PATCH', url, payload: {} })).statusCode).toBe(400);
    const same = await call(t, author, { method: 'PATCH', url, payload: { body: 'Mine' } });
    expect(same.json().version).toBe(1);
  });
});

describe('DELETE /posts/{id}', () => {
  it('is allowed to the author and platform moderators, refused to others', async () => {
    const post = await newPost(author, 'Delete me');
    const url = `/api/v1/posts/${post.id}`;
    expect((await call(t, colleague, { method: 'DELETE', url })).statusCode).toBe(403);
    expect((await call(t, null, { method: 'DELETE', url })).statusCode).toBe(401);
    expect((await call(t, moderator, { method: 'DELETE', url })).statusCode).toBe(204);
    expect((await call(t, moderator, { method: 'DELETE', url })).statusCode).toBe(404);
    const [, deleted] = await ledgerOf(post.id);
    expect(deleted?.action).toBe('post.deleted');
    expect(deleted?.actor_id).toBe(moderator.id);
    expect(JSON.parse(deleted!.payload)).toMatchObject({ body: 'Delete me', byAuthor: false });
  });

  it('lets group moderators delete posts in their group', async () => {
    const group = await insertGroup(t.database.handle.db, {
      visibility: 'open',
      members: { [author.id]: 'member', [colleague.id]: 'moderator' },
    });
    const post = await newPost(author, 'In group', { type: 'group', id: group.id });
    expect((await call(t, colleague, { url: `/api/v1/posts/${post.id}` })).json().abilities.delete).toBe(
      true,
    );
    expect((await call(t, colleague, { method: 'DELETE', url: `/api/v1/posts/${post.id}` })).statusCode).toBe(
      204,
    );
  });
});

describe('POST /posts/{id}/share', () => {
  it('notifies only colleagues who can read the post', async () => {
    const group = await insertGroup(t.database.handle.db, {
      visibility: 'closed',
      members: { [author.id]: 'member', [colleague.id]: 'member' },
    });
    const outsider = await signedIn(t, 'employee');
    const post = await newPost(author, 'Closed news', { type: 'group', id: group.id });
    const res = await call(t, author, {
      method: 'POST',
      url: `/api/v1/posts/${post.id}/share`,
      payload: { userIds: [colleague.id, outsider.id, missing] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ notified: 1 });
    const shares = await t.database.handle.db
      .selectFrom('notifications')
      .select(['user_id', 'type'])
      .where('post_id', '=', post.id)
      .execute();
    expect(shares).toEqual([{ user_id: colleague.id, type: 'share' }]);
    const bad = await call(t, author, {
      method: 'POST',
      url: `/api/v1/posts/${post.id}/share`,
      payload: { userIds: [] },
    });
    expect(bad.statusCode).toBe(400);
    const hidden = await call(t, outsider, {
      method: 'POST',
      url: `/api/v1/posts/${post.id}/share`,
      payload: { userIds: [colleague.id] },
    });
    expect(hidden.statusCode).toBe(404);
  });
});
