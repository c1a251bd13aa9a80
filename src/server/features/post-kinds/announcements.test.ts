import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { insertUser, openSession } from '../../../../tests/support/session.js';
import { buildTestApp, systemCtx, type TestApp } from '../../../../tests/support/test-app.js';
import { runDueReminders } from './post-kinds.jobs.js';

let t: TestApp;
let admin: Person;
let moderator: Person;
let sales: string;
let salesMoscow: string;
let support: string;

const missing = '01900000-0000-7000-8000-00000000abcd';
const day = 24 * 3_600_000;

async function department(name: string, parentId?: string): Promise<string> {
  const res = await call(t, admin, {
    method: 'POST',
    url: '/api/v1/departments',
    payload: { name, parentId },
  });
  if (res.statusCode !== 201) throw new Error(`department failed: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

async function personIn(departmentId: string | null, name: string, role: 'employee' | 'guest' = 'employee') {
  const user = await insertUser(t.database.handle.db, { departmentId, name, role });
  return { ...user, session: await openSession(t.database.handle.db, user.id) } as Person;
}

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t, 'admin', { name: 'Zed Admin' });
  moderator = await signedIn(t, 'moderator', { name: 'Zed Moderator' });
  sales = await department('Sales');
  salesMoscow = await department('Sales Moscow', sales);
  support = await department('Support');
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.app.rateLimiter.store.clear();
});

async function announce(who: Person, payload: Record<string, unknown>) {
  const res = await call(t, who, {
    method: 'POST',
    url: '/api/v1/announcements',
    payload: { body: 'Please read the new policy.', ...payload },
  });
  if (res.statusCode !== 201) throw new Error(`announce failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function notified(postId: string, type: string): Promise<string[]> {
  const rows = await t.database.handle.db
    .selectFrom('notifications')
    .select('user_id')
    .where('post_id', '=', postId)
    .where('type', '=', type)
    .execute();
  return rows.map((r) => r.user_id).sort();
}

const ids = (people: { id: string }[]) => people.map((p) => p.id).sort();
const confirm = (who: Person | null, postId: string) =>
  call(t, who, { method: 'POST', url: `/api/v1/posts/${postId}/read-confirmation` });
async function readers(who: Person, postId: string, status: string, extra = '') {
  return call(t, who, { url: `/api/v1/posts/${postId}/readers?status=${status}${extra}` });
}

describe('POST /announcements', () => {
  it('is for administrators and moderators only (401/403) and checks its input (400)', async () => {
    const employee = await signedIn(t, 'employee');
    const guest = await signedIn(t, 'guest');
    const payload = { body: 'x' };
    expect((await call(t, null, { method: 'POST', url: '/api/v1/announcements', payload })).statusCode).toBe(
      401,
    );
    for (const who of [employee, guest]) {
      expect((await call(t, who, { method: 'POST', url: '/api/v1/announcements', payload })).statusCode).toBe(
        403,
      );
    }
    const unknown = await call(t, admin, {
      method: 'POST',
      url: '/api/v1/announcements',
      payload: { body: 'x', departmentIds: [missing] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('REFERENCED_DEPARTMENT_NOT_FOUND');
    const bad = await call(t, admin, {
      method: 'POST',
      url: '/api/v1/announcements',
      payload: { body: 'x', mustRead: 'yes' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('shows the title as a heading, and an announcement to everyone to every employee', async () => {
    const post = await announce(moderator, { title: 'New *office* <hours>' });
    expect(post.kind).toBe('announcement');
    expect(post.html).toContain('<h1>New *office* &lt;hours&gt;</h1>');
    expect(post.announcement).toMatchObject({
      mustRead: false,
      audience: null,
      confirmedAt: null,
      readStats: null,
      abilities: { confirm: false, seeReaders: false, remind: false },
    });
    const employee = await signedIn(t, 'employee');
    expect((await call(t, employee, { url: `/api/v1/posts/${post.id}` })).statusCode).toBe(200);
    const notMustRead = await confirm(employee, post.id);
    expect(notMustRead.statusCode, notMustRead.body).toBe(409);
    expect(notMustRead.json().code).toBe('NOT_MUST_READ');
  });
});

describe('targeted must-read announcements', () => {
  it('reach only their departments and sub-departments; confirmations and pending lists are exact', async () => {
    const seller = await personIn(sales, 'Anna Seller');
    const moscow = await personIn(salesMoscow, 'Boris Moscow');
    const helper = await personIn(support, 'Clara Support');
    const nobody = await personIn(null, 'Dora Nobody');
    const guest = await personIn(sales, 'Egor Guest', 'guest');
    const post = await announce(admin, { title: 'Sales kick-off', mustRead: true, departmentIds: [sales] });
    expect(post.announcement.audience).toEqual([{ id: sales, name: 'Sales' }]);
    expect(post.announcement.readStats).toEqual({ confirmed: 0, pending: 2 });

    expect((await call(t, seller, { url: `/api/v1/posts/${post.id}` })).statusCode).toBe(200);
    expect((await call(t, moscow, { url: `/api/v1/posts/${post.id}` })).statusCode).toBe(200);
    for (const who of [helper, nobody, guest]) {
      expect((await call(t, who, { url: `/api/v1/posts/${post.id}` })).statusCode).toBe(404);
      expect((await confirm(who, post.id)).statusCode).toBe(who === guest ? 403 : 404);
    }
    expect((await call(t, moderator, { url: `/api/v1/posts/${post.id}` })).statusCode).toBe(200);
    expect(await notified(post.id, 'must_read')).toEqual(ids([seller, moscow]));

    const sellerView = (await call(t, seller, { url: `/api/v1/posts/${post.id}` })).json().announcement;
    expect(sellerView).toMatchObject({ mustRead: true, confirmedAt: null, readStats: null });
    expect(sellerView.abilities).toEqual({ confirm: true, seeReaders: false, remind: false });

    const first = await confirm(seller, post.id);
    expect(first.statusCode).toBe(200);
    const again = await confirm(seller, post.id);
    expect(again.json().confirmedAt).toBe(first.json().confirmedAt);
    const after = (await call(t, seller, { url: `/api/v1/posts/${post.id}` })).json().announcement;
    expect(after).toMatchObject({ confirmedAt: first.json().confirmedAt, abilities: { confirm: false } });
    const ledger = await t.database.handle.db
      .selectFrom('ledger')
      .select('actor_id')
      .where('action', '=', 'announcement.read.confirmed')
      .where('subject_id', '=', post.id)
      .execute();
    expect(ledger.map((l) => l.actor_id)).toEqual([seller.id]);

    const notRecipient = await confirm(moderator, post.id);
    expect(notRecipient.statusCode).toBe(403);
    expect(notRecipient.json().code).toBe('NOT_A_RECIPIENT');
    expect((await confirm(admin, post.id)).json().code).toBe('NOT_A_RECIPIENT');

    const confirmed = (await readers(admin, post.id, 'confirmed')).json();
    expect(confirmed.items.map((i: { user: { id: string } }) => i.user.id)).toEqual([seller.id]);
    expect(confirmed.items[0].confirmedAt).toBe(first.json().confirmedAt);
    expect(confirmed.counts).toEqual({ confirmed: 1, pending: 1 });
    const pending = (await readers(moderator, post.id, 'pending')).json();
    expect(pending.items).toEqual([
      { user: { id: moscow.id, name: 'Boris Moscow', photoUrl: null, isGuest: false }, confirmedAt: null },
    ]);
    const stats = (await call(t, admin, { url: `/api/v1/posts/${post.id}` })).json().announcement;
    expect(stats).toMatchObject({
      readStats: { confirmed: 1, pending: 1 },
      abilities: { confirm: false, seeReaders: true, remind: true },
    });

    expect((await readers(seller, post.id, 'pending')).statusCode).toBe(403);
    expect((await readers(helper, post.id, 'pending')).statusCode).toBe(404);
    expect((await readers(admin, post.id, 'everyone')).statusCode).toBe(400);
    expect((await call(t, null, { url: `/api/v1/posts/${post.id}/readers` })).statusCode).toBe(401);
    expect((await confirm(null, post.id)).statusCode).toBe(401);
    expect((await confirm(seller, missing)).statusCode).toBe(404);
  });

  it('pages the pending by name and counts newcomers to the department', async () => {
    const people = [];
    for (const name of ['Olga', 'Ivan', 'Petr', 'Anna', 'Yuri'])
      people.push(await personIn(support, `${name} Pages`));
    const post = await announce(moderator, { mustRead: true, departmentIds: [support] });
    const seen: string[] = [];
    let cursor = '';
    for (let i = 0; i < 10; i += 1) {
      const page = (await readers(moderator, post.id, 'pending', `&limit=2${cursor}`)).json();
      seen.push(...page.items.map((it: { user: { name: string } }) => it.user.name));
      if (!page.nextCursor) break;
      cursor = `&cursor=${page.nextCursor}`;
    }
    const expected = (
      await t.database.handle.db
        .selectFrom('users')
        .select('name')
        .where('department_id', '=', support)
        .where('status', '=', 'active')
        .orderBy('name_search')
        .orderBy('id')
        .execute()
    ).map((r) => r.name);
    expect(seen).toEqual(expected);
    const newcomer = await personIn(support, 'Newcomer Pages');
    const counts = (await readers(moderator, post.id, 'pending')).json().counts;
    expect(counts).toEqual({ confirmed: 0, pending: expected.length + 1 });
    expect(
      (await call(t, newcomer, { url: `/api/v1/posts/${post.id}` })).json().announcement.abilities.confirm,
    ).toBe(true);
  });
});

describe('must-read reminders', () => {
  it('remind only the pending, every day three times, once per due time even with two runs at once', async () => {
    const team = await department(`Reminded ${Date.now()}`);
    const reader = await personIn(team, 'Reader One');
    const late = await personIn(team, 'Late Two');
    const later = await personIn(team, 'Later Three');
    const post = await announce(moderator, { mustRead: true, departmentIds: [team] });
    await confirm(reader, post.id);
    const ctx = systemCtx(t);
    const now = Date.now();

    // Other announcements of this file are due too: count this one's notifications.
    const sent = async () => (await notified(post.id, 'must_read_reminder')).length;
    await runDueReminders(ctx, new Date(now + day - 60_000));
    expect(await sent()).toBe(0);
    const at1 = new Date(now + day + 60_000);
    await Promise.all([runDueReminders(ctx, at1), runDueReminders(ctx, at1)]);
    expect(await notified(post.id, 'must_read_reminder')).toEqual(ids([late, later]));
    await runDueReminders(ctx, at1);
    expect(await sent()).toBe(2);

    await confirm(late, post.id);
    const at2 = new Date(at1.getTime() + day);
    await runDueReminders(ctx, at2);
    expect(await sent()).toBe(3);
    const at3 = new Date(at2.getTime() + day);
    await runDueReminders(ctx, at3);
    expect(await sent()).toBe(4);
    await runDueReminders(ctx, new Date(at3.getTime() + day));
    expect(await notified(post.id, 'must_read_reminder')).toEqual(ids([late, later, later, later]));
    const schedule = await t.database.handle.db
      .selectFrom('must_read_reminders')
      .selectAll()
      .where('post_id', '=', post.id)
      .execute();
    expect(schedule).toEqual([]);
  });

  it('lets the author remind the pending by hand at most once an hour', async () => {
    const team = await department(`Manual ${Date.now()}`);
    const done = await personIn(team, 'Done');
    const pending = await personIn(team, 'Pending');
    const post = await announce(moderator, { mustRead: true, departmentIds: [team] });
    await confirm(done, post.id);
    const url = `/api/v1/posts/${post.id}/remind`;
    expect((await call(t, pending, { method: 'POST', url })).statusCode).toBe(403);
    expect((await call(t, null, { method: 'POST', url })).statusCode).toBe(401);
    const first = await call(t, moderator, { method: 'POST', url });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ notified: 1 });
    expect(await notified(post.id, 'must_read_reminder')).toEqual([pending.id]);
    const second = await call(t, moderator, { method: 'POST', url, payload: {} });
    expect(second.statusCode).toBe(429);
    expect(second.json().code).toBe('RATE_LIMITED');
    const plain = await announce(moderator, {});
    const notMustRead = await call(t, moderator, { method: 'POST', url: `/api/v1/posts/${plain.id}/remind` });
    expect(notMustRead.json().code).toBe('NOT_MUST_READ');
  });
});
