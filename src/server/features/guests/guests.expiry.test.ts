import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { goodPassword, login, sessionFrom, setupThroughApi } from '../../../../tests/support/auth-helpers.js';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { openSession } from '../../../../tests/support/session.js';
import { buildTestApp, systemCtx, type TestApp } from '../../../../tests/support/test-app.js';
import { judgeSession } from '../../platform/auth/sessions.js';
import { acceptedGuest, createGroup, inviteGuest } from './guests.fixtures.js';
import { expireGuests } from './guests.jobs.js';

/**
 * A guest's access ends exactly at its date (R04, clock-controlled): sessions and sign-in refuse
 * from that second on, before the job runs; the job then deactivates the guest through the
 * people lifecycle, ends their sessions and writes the ledger; only a new invitation brings them
 * back, with its dates, in the inviting group only.
 */

let t: TestApp;
let admin: Person;
const minute = 60_000;
const day = 86_400_000;

beforeAll(async () => {
  t = await buildTestApp();
  const setup = await setupThroughApi(t, { companyName: 'Northwind Trading', allowedDomains: ['corp.test'] });
  admin = {
    id: setup.userId,
    email: setup.email,
    name: 'Founding Admin',
    role: 'admin',
    session: setup.session,
  };
});
afterAll(async () => {
  await t.close();
});
afterEach(() => {
  vi.useRealTimers();
});

const db = () => t.database.handle.db;
const me = (who: Person) => t.app.inject({ url: '/api/v1/me', headers: who.session.headers });
const user = (id: string) =>
  db().selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function ledgerOf(id: string) {
  const rows = await db()
    .selectFrom('ledger')
    .select(['action', 'payload', 'actor_id'])
    .where('subject_id', '=', id)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ action: r.action, actorId: r.actor_id, payload: JSON.parse(r.payload) }));
}

/** A guest whose access ends `inMs` from now; returns the guest and the exact end. */
async function guestEnding(owner: Person, groupId: string, inMs: number) {
  const end = new Date(Date.now() + inMs).toISOString();
  const guest = await acceptedGuest(t, owner, groupId, { expiresAt: end });
  return { guest, end: Date.parse(end) };
}

describe('the second access ends', () => {
  it('works at T−1 s and is refused at T and after — sessions, sign-in and password reset — before any job', async () => {
    const owner = await signedIn(t, 'employee');
    const group = await createGroup(t, owner, 'Tight deadline');
    const { guest, end } = await guestEnding(owner, group.id, 2 * minute);
    const second = await openSession(t.database.handle.db, guest.id);

    vi.useFakeTimers({ toFake: ['Date'], now: end - 1000 });
    expect((await me(guest)).statusCode).toBe(200);
    const feed = await t.app.inject({
      url: `/api/v1/groups/${group.id}/feed`,
      headers: guest.session.headers,
    });
    expect(feed.statusCode).toBe(200);
    const post = await call(t, guest, {
      method: 'POST',
      url: '/api/v1/posts',
      payload: { space: { type: 'group', id: group.id }, body: 'Last words before the deadline' },
    });
    expect(post.statusCode, post.body).toBe(201);

    vi.setSystemTime(end);
    expect((await t.app.inject({ url: '/api/v1/me', headers: second.headers })).statusCode).toBe(401);

    vi.setSystemTime(end + 1000);
    const refused = await me(guest);
    expect(refused.statusCode).toBe(401);
    // The refused session is gone and its cookie cleared, as for a deactivated person.
    expect(refused.cookies.find((c) => c.name === 'sid')?.value).toBe('');
    const feedAfter = await t.app.inject({
      url: `/api/v1/groups/${group.id}/feed`,
      headers: guest.session.headers,
    });
    expect(feedAfter.statusCode).toBe(401);
    const write = await call(t, guest, {
      method: 'POST',
      url: '/api/v1/posts',
      payload: { space: { type: 'group', id: group.id }, body: 'Too late' },
    });
    expect(write.statusCode).toBe(401);

    // Signing in again is refused like a deactivated account, after the right password only.
    const signIn = await login(t, guest.email, goodPassword);
    expect(signIn.statusCode).toBe(403);
    expect(signIn.json().code).toBe('USER_DEACTIVATED');
    expect((await login(t, guest.email, 'wrong password entirely 1')).statusCode).toBe(401);
    const mails = t.mail.length;
    const forgot = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/forgot',
      payload: { email: guest.email },
    });
    expect(forgot.statusCode).toBe(202);
    expect(t.mail.length).toBe(mails);

    // Nothing ran yet: the account itself is still marked active.
    expect((await user(guest.id)).status).toBe('active');
  });

  it('is judged on the role: only guests have an access end', async () => {
    const session = {
      id: 's',
      csrf_token: 'c',
      created_at: new Date().toISOString(),
      last_seen_at: new Date().toISOString(),
      expires_at: new Date(Date.now() + day).toISOString(),
      user_id: 'u',
      status: 'active' as const,
      department_id: null,
      access_expires_at: new Date(Date.now() - 1000).toISOString(),
    };
    expect(judgeSession({ ...session, role: 'guest' }, t.config)).toBe('guest-access-ended');
    expect(judgeSession({ ...session, role: 'employee' }, t.config)).toBe('ok');
    expect(judgeSession({ ...session, role: 'guest', access_expires_at: null }, t.config)).toBe('ok');
  });
});

describe('the expiry job', () => {
  it('deactivates guests past their end, ends their sessions and records it, once', async () => {
    const owner = await signedIn(t, 'employee');
    const group = await createGroup(t, owner, 'Expiring room');
    const { guest: due, end } = await guestEnding(owner, group.id, 5 * minute);
    const { guest: later } = await guestEnding(owner, group.id, 2 * day);
    await openSession(t.database.handle.db, due.id);
    const ctx = systemCtx(t);

    // A second before its end (guests of other tests that ended earlier may go now).
    await expireGuests(ctx, new Date(end - 1000));
    expect((await user(due.id)).status).toBe('active');

    expect(await expireGuests(ctx, new Date(end + 1000))).toBe(1);
    const row = await user(due.id);
    expect(row).toMatchObject({ status: 'deactivated', deactivated_via: 'expiry' });
    const sessions = await db().selectFrom('sessions').select('id').where('user_id', '=', due.id).execute();
    expect(sessions).toEqual([]);
    const events = await db()
      .selectFrom('stream_events')
      .select('type')
      .where('stream', '=', `user:${due.id}`)
      .execute();
    expect(events.map((e) => e.type)).toContain('session.revoked');
    const entries = await ledgerOf(due.id);
    const expired = entries.find((e) => e.action === 'guest.expired');
    expect(expired).toMatchObject({
      actorId: null,
      payload: { accessExpiresAt: new Date(end).toISOString() },
    });
    expect(entries.find((e) => e.action === 'user.deactivated')?.payload.via).toBe('expiry');

    // Once: a second run (another node, the next tick) finds nothing.
    expect(await expireGuests(ctx, new Date(end + 2000))).toBe(0);
    expect((await ledgerOf(due.id)).filter((e) => e.action === 'guest.expired')).toHaveLength(1);
    expect((await user(later.id)).status).toBe('active');
    expect((await me(later)).statusCode).toBe(200);

    // Admins and the group's inviters see why (at that time).
    vi.useFakeTimers({ toFake: ['Date'], now: end + 2000 });
    const profile = await call(t, admin, { url: `/api/v1/users/${due.id}` });
    expect(profile.statusCode, profile.body).toBe(200);
    expect(profile.json()).toMatchObject({ status: 'deactivated', deactivatedVia: 'expiry', isGuest: true });
    const list = await call(t, owner, { url: `/api/v1/groups/${group.id}/guests` });
    const item = list
      .json()
      .items.find((i: { type: string; guest?: { id: string } }) => i.guest?.id === due.id);
    expect(item.guest).toMatchObject({ status: 'deactivated', expired: true });
  });

  it('leaves alone employees and guests an administrator already deactivated', async () => {
    const owner = await signedIn(t, 'employee');
    const group = await createGroup(t, owner, 'Mixed room');
    const { guest, end } = await guestEnding(owner, group.id, minute);
    expect(
      (await call(t, admin, { method: 'POST', url: `/api/v1/users/${guest.id}/deactivate` })).statusCode,
    ).toBe(200);
    await db()
      .updateTable('users')
      .set({ access_expires_at: new Date(end).toISOString() })
      .where('id', '=', owner.id)
      .execute();
    expect(await expireGuests(systemCtx(t), new Date(end + 1000))).toBe(0);
    expect((await user(guest.id)).deactivated_via).toBe('admin');
    expect((await user(owner.id)).status).toBe('active');
  });
});

describe('inviting an expired guest again', () => {
  it('reactivates them with the new dates, in the inviting group only; the old password works', async () => {
    const ownerA = await signedIn(t, 'employee');
    const ownerB = await signedIn(t, 'employee');
    const groupA = await createGroup(t, ownerA, 'Room A');
    const groupB = await createGroup(t, ownerB, 'Room B');
    const { guest, end } = await guestEnding(ownerA, groupA.id, 3 * minute);
    expect(
      (
        await inviteGuest(t, ownerB, groupB.id, {
          email: guest.email,
          expiresAt: new Date(end).toISOString(),
        })
      ).statusCode,
    ).toBe(200);
    expect(await expireGuests(systemCtx(t), new Date(end + 1000))).toBe(1);

    vi.useFakeTimers({ toFake: ['Date'], now: end + 5 * minute });
    const newEnd = new Date(Date.now() + 30 * day).toISOString();
    const res = await inviteGuest(t, ownerB, groupB.id, { email: guest.email, expiresAt: newEnd });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      outcome: 'reactivated',
      guest: { id: guest.id, status: 'active', accessExpiresAt: newEnd, expired: false },
    });
    const row = await user(guest.id);
    expect(row).toMatchObject({ status: 'active', access_expires_at: newEnd, deactivated_via: null });
    const memberships = await db()
      .selectFrom('group_members')
      .select('group_id')
      .where('user_id', '=', guest.id)
      .execute();
    expect(memberships.map((m) => m.group_id)).toEqual([groupB.id]);
    const mail = t.mail.at(-1)!;
    expect(mail.to).toBe(guest.email);
    expect(mail.subject).toContain('Room B');
    expect(mail.text).toContain('/sign-in');

    const signIn = await login(t, guest.email, goodPassword);
    expect(signIn.statusCode, signIn.body).toBe(200);
    const session = sessionFrom(signIn);
    const mine = await t.app.inject({ url: '/api/v1/groups?mine=true', headers: session.headers });
    expect(mine.json().items.map((g: { id: string }) => g.id)).toEqual([groupB.id]);
    expect(
      (await t.app.inject({ url: `/api/v1/groups/${groupA.id}`, headers: session.headers })).statusCode,
    ).toBe(404);

    const actions = (await ledgerOf(guest.id)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['user.reactivated', 'guest.access_extended', 'guest.invited']),
    );
    const extended = (await ledgerOf(guest.id)).filter((e) => e.action === 'guest.access_extended').at(-1)!;
    expect(extended.payload).toMatchObject({ after: newEnd, reactivated: true, dropped: [groupA.id] });

    // The new date ends access again, exactly.
    vi.setSystemTime(Date.parse(newEnd) - 1000);
    const fresh = await openSession(t.database.handle.db, guest.id);
    expect((await t.app.inject({ url: '/api/v1/me', headers: fresh.headers })).statusCode).toBe(200);
    vi.setSystemTime(Date.parse(newEnd) + 1000);
    expect((await t.app.inject({ url: '/api/v1/me', headers: fresh.headers })).statusCode).toBe(401);
  });

  it('also brings back a guest past the date whom the job has not reached yet', async () => {
    const owner = await signedIn(t, 'employee');
    const group = await createGroup(t, owner, 'Room C');
    const { guest, end } = await guestEnding(owner, group.id, minute);
    vi.useFakeTimers({ toFake: ['Date'], now: end + 1000 });
    expect((await me(guest)).statusCode).toBe(401);
    const res = await inviteGuest(t, owner, group.id, { email: guest.email });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().outcome).toBe('reactivated');
    expect(Date.parse(res.json().guest.accessExpiresAt)).toBe(end + 1000 + 90 * day);
    expect((await login(t, guest.email, goodPassword)).statusCode).toBe(200);
  });
});
