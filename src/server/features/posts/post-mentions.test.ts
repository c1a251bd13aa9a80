import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { massMentionRule } from './post-mentions.service.js';
import { insertDepartment, insertGroup, setDepartment } from './posts.fixtures.js';

let t: TestApp;
let author: Person;
let anna: Person;
let boris: Person;

beforeAll(async () => {
  t = await buildTestApp();
  author = await signedIn(t, 'employee', { email: 'author@corp.test' });
  anna = await signedIn(t, 'employee', { name: 'Анна Смирнова', email: 'anna.smirnova@corp.test' });
  boris = await signedIn(t, 'employee', { name: 'Boris Ivanov', email: 'boris@corp.test' });
});
afterAll(async () => {
  await t.close();
});

async function publish(who: Person, body: string, space: Record<string, unknown> = { type: 'company' }) {
  return call(t, who, { method: 'POST', url: '/api/v1/posts', payload: { space, body } });
}

async function post(who: Person, body: string, space?: Record<string, unknown>) {
  const res = await publish(who, body, space);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function mentioned(postId: string): Promise<string[]> {
  const rows = await t.database.handle.db
    .selectFrom('notifications')
    .select('user_id')
    .where('post_id', '=', postId)
    .where('type', '=', 'mention')
    .execute();
  return rows.map((r) => r.user_id).sort();
}

const sorted = (...ids: string[]) => [...ids].sort();

describe('mentioning people', () => {
  it('notifies active people by their e-mail login, once, and resolves them in the view', async () => {
    const gone = await signedIn(t, 'employee', { email: 'gone@corp.test', status: 'deactivated' });
    const p = await post(
      author,
      'Thanks @anna.smirnova and @Boris! cc @gone @nobody @anna.smirnova. `@boris`',
    );
    expect(p.mentions).toEqual([
      { type: 'person', handle: 'anna.smirnova', id: anna.id, name: 'Анна Смирнова' },
      { type: 'person', handle: 'boris', id: boris.id, name: 'Boris Ivanov' },
    ]);
    expect(await mentioned(p.id)).toEqual(sorted(anna.id, boris.id));
    expect(await mentioned(p.id)).not.toContain(gone.id);
  });

  it('matches a whole login only: no prefixes, no wildcards, no other domains mixed up', async () => {
    const underscore = await signedIn(t, 'employee', { name: 'Vera U', email: 'v_ra@corp.test' });
    const elsewhere = await signedIn(t, 'employee', { name: 'Anna Elsewhere', email: 'anna@other.test' });
    // `anna` is a prefix of `anna.smirnova`, `v%ra` and `v_ra` are LIKE patterns matching `v_ra`,
    // `ann` a prefix of `anna`: only the exact logins resolve.
    const p = await post(author, 'cc @anna @ann @v_ra @v%ra @vera @anna.smirnov');
    expect(p.mentions).toEqual([
      { type: 'person', handle: 'anna', id: elsewhere.id, name: 'Anna Elsewhere' },
      { type: 'person', handle: 'v_ra', id: underscore.id, name: 'Vera U' },
    ]);
    expect(await mentioned(p.id)).toEqual(sorted(elsewhere.id, underscore.id));
  });

  it('notifies on edit only the newly added mentions', async () => {
    const p = await post(author, 'Hi @anna.smirnova');
    const res = await call(t, author, {
      method: 'PATCH',
      url: `/api/v1/posts/${p.id}`,
      payload: { body: 'Hi @anna.smirnova and @boris' },
    });
    expect(res.statusCode).toBe(200);
    const rows = await t.database.handle.db
      .selectFrom('notifications')
      .select('user_id')
      .where('post_id', '=', p.id)
      .execute();
    expect(rows.map((r) => r.user_id).sort()).toEqual(sorted(anna.id, boris.id));
  });

  it('notifies people mentioned in comments', async () => {
    const p = await post(author, 'Question');
    const res = await call(t, boris, {
      method: 'POST',
      url: `/api/v1/posts/${p.id}/comments`,
      payload: { body: '@anna.smirnova knows' },
    });
    expect(res.statusCode).toBe(201);
    const rows = await t.database.handle.db
      .selectFrom('notifications')
      .select(['user_id', 'type', 'comment_id'])
      .where('post_id', '=', p.id)
      .orderBy('type')
      .execute();
    expect(rows).toEqual([
      { user_id: author.id, type: 'comment', comment_id: res.json().id },
      { user_id: anna.id, type: 'mention', comment_id: res.json().id },
    ]);
  });
});

describe('mentioning groups and departments', () => {
  it('notifies every member when a group admin mentions their group; a plain member only mentions it', async () => {
    const db = t.database.handle.db;
    const admin = await signedIn(t, 'employee');
    const member = await signedIn(t, 'employee');
    const group = await insertGroup(db, {
      visibility: 'open',
      members: { [admin.id]: 'admin', [member.id]: 'member', [anna.id]: 'member' },
    });
    const loud = await post(admin, `Everyone in @${group.handle}, read this`);
    expect(loud.mentions).toEqual([{ type: 'group', handle: group.handle, id: group.id, name: group.name }]);
    expect(await mentioned(loud.id)).toEqual(sorted(member.id, anna.id));
    const quiet = await post(member, `Ping @${group.handle}`);
    expect(quiet.mentions).toHaveLength(1);
    expect(await mentioned(quiet.id)).toEqual([]);
  });

  it('notifies only members who can read the post', async () => {
    const db = t.database.handle.db;
    const admin = await signedIn(t, 'employee');
    const guest = await signedIn(t, 'guest');
    const group = await insertGroup(db, {
      visibility: 'open',
      members: { [admin.id]: 'admin', [guest.id]: 'member' },
    });
    const inCompany = await post(admin, `@${group.handle} see the company news`);
    expect(await mentioned(inCompany.id)).toEqual([]);
    const inGroup = await post(admin, `@${group.handle} see this`, { type: 'group', id: group.id });
    expect(await mentioned(inGroup.id)).toEqual([guest.id]);
  });

  it('keeps a secret group unresolved and silent for those outside it', async () => {
    const db = t.database.handle.db;
    const insider = await signedIn(t, 'employee');
    const secret = await insertGroup(db, { visibility: 'secret', members: { [insider.id]: 'member' } });
    const mod = await signedIn(t, 'moderator');
    const p = await post(mod, `Hello @${secret.handle}`);
    expect(p.mentions).toEqual([]);
    expect(await mentioned(p.id)).toEqual([]);
  });

  it('lets a department’s head and platform moderators notify the department with its sub-departments', async () => {
    const db = t.database.handle.db;
    const head = await signedIn(t, 'employee');
    const worker = await signedIn(t, 'employee');
    const subWorker = await signedIn(t, 'employee');
    const sales = await insertDepartment(db, { name: 'Sales & Marketing', headUserId: head.id });
    const moscow = await insertDepartment(db, { name: 'Moscow Sales', parentId: sales.id });
    await setDepartment(db, head.id, sales.id);
    await setDepartment(db, worker.id, sales.id);
    await setDepartment(db, subWorker.id, moscow.id);
    expect(sales.handle).toBe('sales-marketing');

    const byHead = await post(head, 'Team @sales-marketing: targets are in');
    expect(byHead.mentions).toEqual([
      { type: 'department', handle: 'sales-marketing', id: sales.id, name: 'Sales & Marketing' },
    ]);
    expect(await mentioned(byHead.id)).toEqual(sorted(worker.id, subWorker.id));
    const byWorker = await post(worker, '@sales-marketing lunch?');
    expect(await mentioned(byWorker.id)).toEqual([]);
    const mod = await signedIn(t, 'moderator');
    const byMod = await post(mod, '@moscow-sales hello');
    expect(await mentioned(byMod.id)).toEqual([subWorker.id]);
  });

  it('limits mass mentions per author and hour (429), and the refused post is not stored', async () => {
    const db = t.database.handle.db;
    const admin = await signedIn(t, 'employee');
    const group = await insertGroup(db, {
      visibility: 'open',
      members: { [admin.id]: 'admin', [boris.id]: 'member' },
    });
    for (let i = 0; i < massMentionRule.limit; i++) await post(admin, `@${group.handle} update ${i}`);
    const refused = await publish(admin, `@${group.handle} one too many`);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('MENTION_RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const stored = await db
      .selectFrom('posts')
      .select('id')
      .where('body', 'like', '%one too many%')
      .execute();
    expect(stored).toEqual([]);
    // A plain member's group mention is not a mass mention and is never limited.
    expect((await publish(boris, `@${group.handle} fine`)).statusCode).toBe(201);
  });
});

describe('GET /mentions', () => {
  it('offers people, visible groups and departments; guests only their own circle', async () => {
    const db = t.database.handle.db;
    const viewer = await signedIn(t, 'employee');
    const open = await insertGroup(db, { visibility: 'open', name: 'Annual Party' });
    await insertGroup(db, { visibility: 'secret', name: 'Annexation Plans' });
    const mine = await insertGroup(db, {
      visibility: 'secret',
      name: 'Anniversary Crew',
      members: { [viewer.id]: 'member' },
    });
    await insertDepartment(db, { name: 'Analytics' });

    const res = await call(t, viewer, { url: '/api/v1/mentions?q=%40an' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.people.map((p: { handle: string }) => p.handle)).toContain('anna.smirnova');
    expect(body.groups.map((g: { id: string }) => g.id).sort()).toEqual([open.id, mine.id].sort());
    expect(body.departments.map((d: { handle: string }) => d.handle)).toEqual(['analytics']);

    const guest = await signedIn(t, 'guest');
    const guestView = (await call(t, guest, { url: '/api/v1/mentions?q=an' })).json();
    expect(guestView).toEqual({ people: [], groups: [], departments: [] });
    await insertGroup(db, {
      visibility: 'closed',
      name: 'Anna and Guests',
      members: { [guest.id]: 'member', [anna.id]: 'member' },
    });
    const withGroup = (await call(t, guest, { url: '/api/v1/mentions?q=an' })).json();
    expect(withGroup.people.map((p: { id: string }) => p.id).sort()).toEqual([anna.id]);
    expect(withGroup.groups.map((g: { name: string }) => g.name)).toEqual(['Anna and Guests']);

    expect((await call(t, null, { url: '/api/v1/mentions?q=an' })).statusCode).toBe(401);
    expect((await call(t, viewer, { url: `/api/v1/mentions?q=${'x'.repeat(65)}` })).statusCode).toBe(400);
    const wild = (await call(t, viewer, { url: '/api/v1/mentions?q=%25_' })).json();
    expect(wild.people).toEqual([]);
  });
});

describe('hashtags', () => {
  it('indexes normalised tags, keeps a topic’s first spelling, re-indexes on edit', async () => {
    const db = t.database.handle.db;
    const p = await post(author, '#Onboarding week! #ёлка #onboarding `#code` C# issue#1');
    expect(p.tags).toEqual([
      { tag: 'onboarding', name: 'Onboarding' },
      { tag: 'елка', name: 'ёлка' },
    ]);
    const later = await post(boris, 'More #ONBOARDING');
    expect(later.tags).toEqual([{ tag: 'onboarding', name: 'Onboarding' }]);
    const edited = await call(t, author, {
      method: 'PATCH',
      url: `/api/v1/posts/${p.id}`,
      payload: { body: 'Now about #Hiring' },
    });
    expect(edited.json().tags).toEqual([{ tag: 'hiring', name: 'Hiring' }]);
    const tagged = await db.selectFrom('post_tags').select('tag').where('post_id', '=', p.id).execute();
    expect(tagged).toEqual([{ tag: 'hiring' }]);
  });

  it('indexes at most 20 tags per post', async () => {
    const body = Array.from({ length: 30 }, (_, i) => `#tag${i}`).join(' ');
    const p = await post(author, body);
    expect(p.tags).toHaveLength(20);
  });
});
