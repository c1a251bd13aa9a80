import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import type { GroupRole, GroupVisibility } from '../../platform/db/schema.js';

/**
 * Reports and the review queue: who may report, whose queue shows which report (never a secret
 * group's content to outsiders), and what each decision does to the content and the archive.
 */

let t: TestApp;
const missing = '01900000-0000-7000-8000-0000000000ff';
let admin: Person;
let moderator: Person;
let author: Person;
let reader: Person;
let reader2: Person;
let alphaMod: Person;
let betaMod: Person;
let secretMod: Person;
let alpha: string;
let beta: string;
let secret: string;

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

async function makePost(groupId: string | null, body: string): Promise<string> {
  const space = groupId ? { type: 'group', id: groupId } : { type: 'company' };
  const res = await call(t, author, { method: 'POST', url: '/api/v1/posts', payload: { space, body } });
  if (res.statusCode !== 201) throw new Error(`post failed: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

function report(who: Person | null, postId: string, payload: Record<string, unknown>) {
  return call(t, who, { method: 'POST', url: `/api/v1/posts/${postId}/reports`, payload });
}

async function queue(
  who: Person | null,
  query = '',
): Promise<{ status: number; items: Report[]; next: string | null }> {
  const res = await call(t, who, { url: `/api/v1/moderation/reports${query}` });
  const body = res.json();
  return { status: res.statusCode, items: body.items ?? [], next: body.nextCursor ?? null };
}

function resolve(who: Person | null, reportId: string, payload: Record<string, unknown>) {
  return call(t, who, { method: 'POST', url: `/api/v1/moderation/reports/${reportId}/resolve`, payload });
}

interface Report {
  id: string;
  status: string;
  reason: string;
  reporter: { id: string };
  subject: {
    type: string;
    postId: string | null;
    commentId: string | null;
    deleted: boolean;
    excerpt: string;
    author: { id: string } | null;
    space: { type: string; groupId: string | null } | null;
  };
  subjectReports: { open: number; total: number } | null;
  resolution: { note: string | null } | null;
}

function deletePostAs(who: Person, postId: string) {
  return call(t, who, { method: 'DELETE', url: `/api/v1/posts/${postId}` });
}

async function findIn(who: Person, status: 'open' | 'resolved', id: string): Promise<Report | undefined> {
  return (await queue(who, `?status=${status}&limit=100`)).items.find((r) => r.id === id);
}

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t, 'admin');
  moderator = await signedIn(t, 'moderator');
  author = await signedIn(t, 'employee');
  reader = await signedIn(t, 'employee');
  reader2 = await signedIn(t, 'employee');
  alphaMod = await signedIn(t, 'employee');
  betaMod = await signedIn(t, 'employee');
  secretMod = await signedIn(t, 'employee');
  alpha = await insertGroup('open', [
    [alphaMod, 'moderator'],
    [author, 'member'],
  ]);
  beta = await insertGroup('closed', [
    [betaMod, 'admin'],
    [author, 'member'],
    [reader, 'member'],
  ]);
  secret = await insertGroup('secret', [
    [secretMod, 'moderator'],
    [author, 'member'],
    [reader, 'member'],
  ]);
});
afterAll(async () => {
  await t.close();
});

describe('reporting', () => {
  it('keeps a snapshot of what was reported: kind, author, plain-text excerpt and group', async () => {
    const body = `## Title\n\n**Bold** claim, see [the source](https://example.com) ${'x'.repeat(400)}`;
    const gamma = await insertGroup('open', [[author, 'member']]);
    const postId = await makePost(gamma, body);
    const comment = await call(t, author, {
      method: 'POST',
      url: `/api/v1/posts/${postId}/comments`,
      payload: { body: '_Rude_ reply' },
    });
    const commentId = comment.json().id;
    const onPost = (await report(reader, postId, { reason: 'post' })).json().id;
    const onComment = (await report(reader, postId, { reason: 'comment', commentId })).json().id;
    const rows = await t.database.handle.db
      .selectFrom('reports')
      .select(['id', 'subject_type', 'subject_author_id', 'subject_excerpt', 'group_id', 'comment_id'])
      .where('id', 'in', [onPost, onComment])
      .orderBy('id')
      .execute();
    expect(rows[0]).toMatchObject({ subject_type: 'post', subject_author_id: author.id, group_id: gamma });
    expect(rows[0]!.subject_excerpt.startsWith('Title Bold claim, see the source xxx')).toBe(true);
    expect(Array.from(rows[0]!.subject_excerpt)).toHaveLength(280);
    expect(rows[0]!.subject_excerpt.endsWith('…')).toBe(true);
    expect(rows[1]).toMatchObject({
      subject_type: 'comment',
      subject_author_id: author.id,
      subject_excerpt: 'Rude reply',
      group_id: gamma,
      comment_id: commentId,
    });
    // A report on the post and one on its comment are different subjects.
    expect((await report(reader, postId, { reason: 'again' })).json().code).toBe('ALREADY_REPORTED');
    const company = await makePost(null, 'Company');
    const companyReport = (await report(reader, company, { reason: 'x' })).json().id;
    const row = await t.database.handle.db
      .selectFrom('reports')
      .select('group_id')
      .where('id', '=', companyReport)
      .executeTakeFirstOrThrow();
    expect(row.group_id).toBeNull();
  });

  it('takes one open report per reader and subject', async () => {
    const postId = await makePost(null, 'Questionable claims');
    const first = await report(reader, postId, { reason: '  Misleading  ' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ id: expect.any(String), status: 'open' });
    const again = await report(reader, postId, { reason: 'Still misleading' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ALREADY_REPORTED');
    expect((await report(reader2, postId, { reason: 'Agreed' })).statusCode).toBe(201);
    const entry = await t.database.handle.db
      .selectFrom('ledger')
      .select(['actor_id', 'payload'])
      .where('action', '=', 'report.created')
      .where('subject_id', '=', first.json().id)
      .executeTakeFirstOrThrow();
    expect(entry.actor_id).toBe(reader.id);
    expect(JSON.parse(entry.payload)).toMatchObject({ postId, commentId: null, reason: 'Misleading' });
  });

  it('refuses bad reports', async () => {
    const postId = await makePost(null, 'Fine post');
    expect((await report(null, postId, { reason: 'x' })).statusCode).toBe(401);
    const gone = await signedIn(t, 'employee', { status: 'deactivated' });
    expect((await report(gone, postId, { reason: 'x' })).statusCode).toBe(401);
    const guest = await signedIn(t, 'guest');
    expect((await report(guest, postId, { reason: 'x' })).json().code).toBe('POST_NOT_FOUND');
    expect((await report(author, postId, { reason: 'x' })).json().code).toBe('CANNOT_REPORT_OWN');
    expect((await report(reader, postId, { reason: '\u200b ' })).json().code).toBe('REPORT_REASON_EMPTY');
    expect((await report(reader, postId, {})).statusCode).toBe(400);
    expect((await report(reader, postId, { reason: 'x'.repeat(1001) })).statusCode).toBe(400);
    expect((await report(reader, missing, { reason: 'x' })).json().code).toBe('POST_NOT_FOUND');
    const comment = await report(reader, postId, { reason: 'x', commentId: missing });
    expect(comment.statusCode).toBe(404);
    expect(comment.json().code).toBe('COMMENT_NOT_FOUND');
    const secretPost = await makePost(secret, 'Inside');
    expect((await report(moderator, secretPost, { reason: 'x' })).statusCode).toBe(404);
  });
});

describe('the review queue', () => {
  let alphaReport: string;
  let betaReport: string;
  let secretReport: string;
  let companyReport: string;

  beforeAll(async () => {
    const alphaPost = await makePost(alpha, 'Alpha content');
    const betaPost = await makePost(beta, 'Beta content');
    const secretPost = await makePost(secret, 'Secret formula: 42');
    const companyPost = await makePost(null, 'Company content');
    alphaReport = (await report(reader, alphaPost, { reason: 'alpha' })).json().id;
    betaReport = (await report(reader, betaPost, { reason: 'beta' })).json().id;
    secretReport = (await report(reader, secretPost, { reason: 'secret' })).json().id;
    companyReport = (await report(reader, companyPost, { reason: 'company' })).json().id;
  });

  it('shows group moderators only their groups, and platform moderators what they can read', async () => {
    const ids = async (who: Person) => (await queue(who, '?limit=100')).items.map((r) => r.id);
    expect(await ids(alphaMod)).toEqual([alphaReport]);
    expect(await ids(betaMod)).toEqual([betaReport]);
    expect(await ids(secretMod)).toEqual([secretReport]);
    for (const platform of [moderator, admin]) {
      const seen = await ids(platform);
      expect(seen).toEqual(expect.arrayContaining([alphaReport, betaReport, companyReport]));
      expect(seen).not.toContain(secretReport);
    }
    const item = (await queue(secretMod)).items[0]!;
    expect(item).toMatchObject({
      reason: 'secret',
      reporter: { id: reader.id },
      subject: { type: 'post', excerpt: 'Secret formula: 42', author: { id: author.id } },
      subjectReports: { open: 1, total: 1 },
    });
  });

  it('never lets outsiders see or resolve a secret group report', async () => {
    for (const who of [moderator, admin, alphaMod, betaMod]) {
      const body = JSON.stringify((await queue(who, '?limit=100')).items);
      expect(body).not.toContain('Secret formula');
      const res = await resolve(who, secretReport, { action: 'allow' });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('REPORT_NOT_FOUND');
    }
    expect((await resolve(alphaMod, betaReport, { action: 'hide' })).statusCode).toBe(404);
  });

  it('refuses people who moderate nothing, and bad queries', async () => {
    expect((await queue(null)).status).toBe(401);
    expect((await queue(reader)).status).toBe(403);
    expect((await queue(await signedIn(t, 'guest'))).status).toBe(403);
    expect((await queue(moderator, '?status=closed')).status).toBe(400);
    expect((await queue(moderator, '?cursor=nonsense*')).status).toBe(400);
    expect((await resolve(reader, alphaReport, { action: 'allow' })).statusCode).toBe(404);
    expect((await resolve(null, alphaReport, { action: 'allow' })).statusCode).toBe(401);
    expect((await resolve(moderator, missing, { action: 'allow' })).statusCode).toBe(404);
    expect((await resolve(moderator, alphaReport, { action: 'ban' })).statusCode).toBe(400);
    expect((await resolve(moderator, 'x', { action: 'allow' })).statusCode).toBe(400);
  });

  it('pages newest first without repeats', async () => {
    const seen: string[] = [];
    let cursor = '';
    do {
      const page = await queue(moderator, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((r) => r.id));
      cursor = page.next ?? '';
    } while (cursor);
    expect(seen).toEqual([...seen].sort().reverse());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(companyReport);
  });
});

describe('decisions', () => {
  it('allow closes every open report on the subject and tells the reporters', async () => {
    const postId = await makePost(alpha, 'Harmless joke');
    const a = (await report(reader, postId, { reason: 'offensive' })).json().id;
    await report(reader2, postId, { reason: 'rude' });
    const item = (await queue(alphaMod)).items.find((r) => r.id === a)!;
    expect(item.subjectReports).toEqual({ open: 2, total: 2 });
    const res = await resolve(alphaMod, a, { action: 'allow' });
    expect(res.json()).toEqual({ action: 'allow', status: 'allowed', resolvedReports: 2 });
    expect((await queue(alphaMod)).items.map((r) => r.subject.postId)).not.toContain(postId);
    const resolved = (await queue(alphaMod, '?status=resolved')).items.filter(
      (r) => r.subject.postId === postId,
    );
    expect(resolved.map((r) => r.status)).toEqual(['allowed', 'allowed']);
    expect((await resolve(alphaMod, a, { action: 'hide' })).json().code).toBe('REPORT_ALREADY_RESOLVED');
    expect((await call(t, reader, { url: `/api/v1/posts/${postId}` })).statusCode).toBe(200);
    const told = await t.database.handle.db
      .selectFrom('notifications')
      .select('user_id')
      .where('type', '=', 'moderation')
      .where('post_id', '=', postId)
      .execute();
    expect(told.map((n) => n.user_id).sort()).toEqual([reader.id, reader2.id].sort());
    // A new report after the decision opens a new case.
    expect((await report(reader, postId, { reason: 'still offensive' })).statusCode).toBe(201);
  });

  it('hide makes the content invisible to readers and notifies the author with the note', async () => {
    const postId = await makePost(null, 'Rant');
    const id = (await report(reader, postId, { reason: 'rant' })).json().id;
    const res = await resolve(moderator, id, { action: 'hide', note: 'Please rephrase' });
    expect(res.json()).toMatchObject({ status: 'hidden', resolvedReports: 1 });
    expect((await call(t, reader, { url: `/api/v1/posts/${postId}` })).statusCode).toBe(404);
    expect((await call(t, author, { url: `/api/v1/posts/${postId}` })).json().hidden).toBe(true);
    const note = await t.database.handle.db
      .selectFrom('notifications')
      .select('data')
      .where('user_id', '=', author.id)
      .where('post_id', '=', postId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(note.data)).toEqual({ action: 'post.hidden', note: 'Please rephrase' });
    // Restorable.
    expect(
      (await call(t, moderator, { method: 'POST', url: `/api/v1/posts/${postId}/unhide` })).statusCode,
    ).toBe(200);
    expect((await call(t, reader, { url: `/api/v1/posts/${postId}` })).statusCode).toBe(200);
  });

  it('delete removes the post but the ledger keeps its full content', async () => {
    const body = 'Leaked salary table\n\n| name | salary |\n|---|---|\n| A | 1 |';
    const postId = await makePost(beta, body);
    const id = (await report(reader, postId, { reason: 'personal data' })).json().id;
    const res = await resolve(betaMod, id, { action: 'delete', note: 'Personal data is not allowed' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ action: 'delete', status: 'deleted', resolvedReports: 1 });
    expect((await call(t, author, { url: `/api/v1/posts/${postId}` })).statusCode).toBe(404);
    const db = t.database.handle.db;
    const deleted = await db
      .selectFrom('ledger')
      .select(['payload', 'actor_id'])
      .where('subject_id', '=', postId)
      .where('action', '=', 'post.deleted')
      .executeTakeFirstOrThrow();
    expect(deleted.actor_id).toBe(betaMod.id);
    expect(JSON.parse(deleted.payload)).toMatchObject({ body, reason: 'Personal data is not allowed' });
    // The decided report stays in the resolved queue with what was reported.
    const kept = await findIn(betaMod, 'resolved', id);
    expect(kept).toMatchObject({
      status: 'deleted',
      subject: {
        type: 'post',
        postId: null,
        deleted: true,
        excerpt: 'Leaked salary table | name | salary | |---|---| | A | 1 |',
        author: { id: author.id },
        space: { type: 'group', groupId: beta },
      },
      subjectReports: null,
      resolution: { note: 'Personal data is not allowed' },
    });
    expect(await findIn(moderator, 'resolved', id)).toMatchObject({ status: 'deleted' });
    expect(await findIn(alphaMod, 'resolved', id)).toBeUndefined();
    const decision = await db
      .selectFrom('ledger')
      .select('payload')
      .where('subject_id', '=', postId)
      .where('action', '=', 'report.resolved')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(decision.payload)).toMatchObject({ decision: 'delete', reportIds: [id] });
    const note = await db
      .selectFrom('notifications')
      .select(['data', 'post_id'])
      .where('user_id', '=', author.id)
      .where('type', '=', 'moderation')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(note.post_id).toBeNull();
    expect(JSON.parse(note.data)).toEqual({ action: 'post.deleted', note: 'Personal data is not allowed' });
  });

  it('acts on a reported comment alone', async () => {
    const postId = await makePost(null, 'Good post');
    const comment = await call(t, author, {
      method: 'POST',
      url: `/api/v1/posts/${postId}/comments`,
      payload: { body: 'Nasty comment' },
    });
    const commentId = comment.json().id;
    const id = (await report(reader, postId, { reason: 'nasty', commentId })).json().id;
    const item = (await queue(moderator)).items.find((r) => r.id === id)!;
    expect(item.subject).toMatchObject({ type: 'comment', commentId, excerpt: 'Nasty comment' });
    expect((await resolve(moderator, id, { action: 'delete' })).statusCode).toBe(200);
    expect((await call(t, reader, { url: `/api/v1/posts/${postId}` })).statusCode).toBe(200);
    const comments = (await call(t, reader, { url: `/api/v1/posts/${postId}/comments` })).json();
    expect(comments.items).toEqual([]);
    const entry = await t.database.handle.db
      .selectFrom('ledger')
      .select('payload')
      .where('subject_id', '=', commentId)
      .where('action', '=', 'comment.deleted')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.payload)).toMatchObject({ body: 'Nasty comment' });
  });
});

describe('reports on content deleted meanwhile', () => {
  it('stay in the queue with their snapshot, and close with a note and no 500', async () => {
    const postId = await makePost(alpha, 'Regrettable *words*');
    const a = (await report(reader, postId, { reason: 'offensive' })).json().id;
    const b = (await report(reader2, postId, { reason: 'rude' })).json().id;
    expect((await deletePostAs(author, postId)).statusCode).toBe(204);

    const open = await findIn(alphaMod, 'open', a);
    expect(open).toMatchObject({
      status: 'open',
      subject: {
        type: 'post',
        postId: null,
        deleted: true,
        excerpt: 'Regrettable words',
        author: { id: author.id },
      },
      subjectReports: null,
      abilities: { resolve: true },
    });
    expect(await findIn(moderator, 'open', a)).toBeDefined();
    expect(await findIn(betaMod, 'open', a)).toBeUndefined();

    const hidden = await resolve(alphaMod, a, { action: 'hide', note: 'Already gone' });
    expect(hidden.statusCode, hidden.body).toBe(200);
    expect(hidden.json()).toEqual({ action: 'hide', status: 'deleted', resolvedReports: 1 });
    expect(await findIn(alphaMod, 'resolved', a)).toMatchObject({
      status: 'deleted',
      resolution: { note: 'Already gone' },
      subject: { excerpt: 'Regrettable words' },
    });
    expect((await resolve(alphaMod, a, { action: 'allow' })).json().code).toBe('REPORT_ALREADY_RESOLVED');
    const allowed = await resolve(moderator, b, { action: 'allow' });
    expect(allowed.json()).toEqual({ action: 'allow', status: 'allowed', resolvedReports: 1 });

    const db = t.database.handle.db;
    const entry = await db
      .selectFrom('ledger')
      .select('payload')
      .where('action', '=', 'report.resolved')
      .where('subject_id', '=', a)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.payload)).toMatchObject({
      contentDeleted: true,
      decision: 'hide',
      reportIds: [a],
    });
    const archived = await db
      .selectFrom('ledger')
      .select('payload')
      .where('action', '=', 'post.deleted')
      .where('subject_id', '=', postId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(archived.payload)).toMatchObject({ body: 'Regrettable *words*' });
    const told = await db
      .selectFrom('notifications')
      .select(['user_id', 'data'])
      .where('type', '=', 'moderation')
      .where('actor_id', 'in', [alphaMod.id, moderator.id])
      .where('user_id', 'in', [reader.id, reader2.id])
      .execute();
    expect(told.length).toBeGreaterThanOrEqual(2);
  });

  it('delete on content already gone closes the report too', async () => {
    const postId = await makePost(null, 'Soon gone');
    const id = (await report(reader, postId, { reason: 'spam' })).json().id;
    await deletePostAs(author, postId);
    const res = await resolve(moderator, id, { action: 'delete' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ action: 'delete', status: 'deleted', resolvedReports: 1 });
  });

  it('keep a deleted comment a comment report, on a post that lives on', async () => {
    const postId = await makePost(null, 'Fine post');
    const commentId = (
      await call(t, author, {
        method: 'POST',
        url: `/api/v1/posts/${postId}/comments`,
        payload: { body: 'Regretted comment' },
      })
    ).json().id;
    const onComment = (await report(reader, postId, { reason: 'comment', commentId })).json().id;
    const onPost = (await report(reader2, postId, { reason: 'post' })).json().id;
    const gone = await call(t, author, {
      method: 'DELETE',
      url: `/api/v1/posts/${postId}/comments/${commentId}`,
    });
    expect(gone.statusCode).toBe(204);
    expect(await findIn(moderator, 'open', onComment)).toMatchObject({
      subject: { type: 'comment', postId, commentId: null, deleted: true, excerpt: 'Regretted comment' },
      subjectReports: null,
    });
    expect(await findIn(moderator, 'open', onPost)).toMatchObject({
      subject: { type: 'post', postId, deleted: false },
      subjectReports: { open: 1, total: 1 },
    });
    // Deciding on the vanished comment leaves the post alone.
    const res = await resolve(moderator, onComment, { action: 'hide' });
    expect(res.json()).toMatchObject({ status: 'deleted', resolvedReports: 1 });
    expect((await call(t, reader, { url: `/api/v1/posts/${postId}` })).statusCode).toBe(200);
    expect(await findIn(moderator, 'open', onPost)).toBeDefined();
  });

  it("never show a secret group's deleted content to outsiders", async () => {
    const postId = await makePost(secret, 'Secret plan B');
    const id = (await report(reader, postId, { reason: 'leak' })).json().id;
    await deletePostAs(author, postId);
    for (const who of [moderator, admin, alphaMod, betaMod]) {
      for (const status of ['open', 'resolved'] as const) {
        const body = JSON.stringify((await queue(who, `?status=${status}&limit=100`)).items);
        expect(body).not.toContain('Secret plan B');
      }
      expect((await resolve(who, id, { action: 'allow' })).json().code).toBe('REPORT_NOT_FOUND');
    }
    expect(await findIn(secretMod, 'open', id)).toMatchObject({
      subject: { deleted: true, excerpt: 'Secret plan B', space: { type: 'group', groupId: secret } },
    });
    expect((await resolve(secretMod, id, { action: 'delete' })).statusCode).toBe(200);
  });

  it('go with their group when the group is deleted', async () => {
    const owner = await signedIn(t, 'employee');
    const doomed = await insertGroup('secret', [
      [owner, 'admin'],
      [author, 'member'],
    ]);
    const postId = await makePost(doomed, 'Doomed secret');
    const member = await signedIn(t, 'employee');
    await t.database.handle.db
      .insertInto('group_members')
      .values({
        group_id: doomed,
        user_id: member.id,
        role: 'member',
        via_department: 0,
        created_at: new Date().toISOString(),
      })
      .execute();
    const id = (await report(member, postId, { reason: 'x' })).json().id;
    expect(await findIn(owner, 'open', id)).toBeDefined();
    expect((await call(t, owner, { method: 'DELETE', url: `/api/v1/groups/${doomed}` })).statusCode).toBe(
      204,
    );
    const left = await t.database.handle.db.selectFrom('reports').select('id').where('id', '=', id).execute();
    expect(left).toEqual([]);
    for (const who of [moderator, admin]) {
      expect(JSON.stringify((await queue(who, '?limit=100')).items)).not.toContain('Doomed secret');
    }
  });
});

describe('GET /me canModerate', () => {
  it('is true for platform moderators and group admins and moderators only', async () => {
    const canModerate = async (who: Person) => (await call(t, who, { url: '/api/v1/me' })).json().canModerate;
    for (const who of [admin, moderator, alphaMod, betaMod, secretMod])
      expect(await canModerate(who)).toBe(true);
    for (const who of [reader, author, await signedIn(t, 'guest')])
      expect(await canModerate(who)).toBe(false);
    const locale = await call(t, alphaMod, {
      method: 'PATCH',
      url: '/api/v1/me/locale',
      payload: { locale: 'en' },
    });
    expect(locale.json().canModerate).toBe(true);
  });
});
