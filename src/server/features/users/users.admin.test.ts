import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { openSession } from '../../../../tests/support/session.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';

let t: TestApp;
let admin: Person;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t, 'admin');
});
afterAll(async () => {
  await t.close();
});

const lastLedger = async (action: string) => {
  const row = await t.database.handle.db
    .selectFrom('ledger')
    .selectAll()
    .where('action', '=', action)
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  return row ? { ...row, payload: JSON.parse(row.payload) } : undefined;
};

describe('POST /users/{id}/deactivate', () => {
  it('ends every session of the person at once: their next request is refused', async () => {
    const person = await signedIn(t, 'employee');
    const second = await openSession(t.database.handle.db, person.id);
    expect((await call(t, person, { url: `/api/v1/users/${person.id}` })).statusCode).toBe(200);
    const res = await call(t, admin, { method: 'POST', url: `/api/v1/users/${person.id}/deactivate` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'deactivated',
      deactivatedVia: 'admin',
      abilities: { reactivate: true },
    });
    const sessions = await t.database.handle.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', person.id)
      .execute();
    expect(sessions).toEqual([]);
    expect((await call(t, person, { url: `/api/v1/users/${person.id}` })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ url: `/api/v1/users/${person.id}`, headers: second.headers })).statusCode,
    ).toBe(401);
    const entry = await lastLedger('user.deactivated');
    expect(entry).toMatchObject({
      subject_id: person.id,
      actor_id: admin.id,
      payload: { via: 'admin', sessionsEnded: 2 },
    });
  });

  it('refuses non-admins, self-deactivation, and unknown people', async () => {
    const person = await signedIn(t, 'employee');
    const moderator = await signedIn(t, 'moderator');
    expect(
      (await call(t, null, { method: 'POST', url: `/api/v1/users/${person.id}/deactivate` })).statusCode,
    ).toBe(401);
    expect(
      (await call(t, moderator, { method: 'POST', url: `/api/v1/users/${person.id}/deactivate` })).statusCode,
    ).toBe(403);
    expect(
      (await call(t, person, { method: 'POST', url: `/api/v1/users/${person.id}/deactivate` })).statusCode,
    ).toBe(403);
    const self = await call(t, admin, { method: 'POST', url: `/api/v1/users/${admin.id}/deactivate` });
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe('CANNOT_CHANGE_OWN_ROLE');
    const unknown = await call(t, admin, {
      method: 'POST',
      url: '/api/v1/users/0190a6f0-0000-7000-8000-000000000000/deactivate',
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('is idempotent', async () => {
    const person = await signedIn(t, 'employee');
    await call(t, admin, { method: 'POST', url: `/api/v1/users/${person.id}/deactivate` });
    const before = await lastLedger('user.deactivated');
    const again = await call(t, admin, { method: 'POST', url: `/api/v1/users/${person.id}/deactivate` });
    expect(again.statusCode).toBe(200);
    expect((await lastLedger('user.deactivated'))?.seq).toBe(before?.seq);
  });
});

describe('POST /users/{id}/reactivate', () => {
  it('only admins bring a deactivated person back', async () => {
    const person = await signedIn(t, 'employee');
    await call(t, admin, { method: 'POST', url: `/api/v1/users/${person.id}/deactivate` });
    const other = await signedIn(t, 'employee');
    const moderator = await signedIn(t, 'moderator');
    for (const who of [other, moderator]) {
      const res = await call(t, who, { method: 'POST', url: `/api/v1/users/${person.id}/reactivate` });
      expect(res.statusCode).toBe(403);
    }
    // The person's own old session is gone; a fresh cookie for them is refused too.
    const ownSession = await openSession(t.database.handle.db, person.id);
    const own = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${person.id}/reactivate`,
      headers: ownSession.headers,
    });
    expect(own.statusCode).toBe(401);
    const res = await call(t, admin, { method: 'POST', url: `/api/v1/users/${person.id}/reactivate` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'active', deactivatedVia: null });
    expect((await lastLedger('user.reactivated'))?.payload.via).toBe('admin');
  });
});

describe('PUT /users/{id}/role', () => {
  it('grants and revokes roles with before and after in the ledger', async () => {
    const person = await signedIn(t, 'employee');
    const res = await call(t, admin, {
      method: 'PUT',
      url: `/api/v1/users/${person.id}/role`,
      payload: { role: 'moderator' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().role).toBe('moderator');
    expect((await lastLedger('user.role.changed'))?.payload).toMatchObject({
      before: 'employee',
      after: 'moderator',
    });
    const back = await call(t, admin, {
      method: 'PUT',
      url: `/api/v1/users/${person.id}/role`,
      payload: { role: 'guest' },
    });
    expect(back.json().role).toBe('guest');
    // The role is read from the database on every request: the guest loses the directory at once.
    expect((await call(t, person, { url: '/api/v1/users' })).statusCode).toBe(403);
  });

  it('refuses bad roles, non-admins and one’s own role', async () => {
    const person = await signedIn(t, 'employee');
    const url = `/api/v1/users/${person.id}/role`;
    expect((await call(t, admin, { method: 'PUT', url, payload: { role: 'root' } })).statusCode).toBe(400);
    expect((await call(t, admin, { method: 'PUT', url, payload: {} })).statusCode).toBe(400);
    expect((await call(t, person, { method: 'PUT', url, payload: { role: 'admin' } })).statusCode).toBe(403);
    expect((await call(t, null, { method: 'PUT', url, payload: { role: 'admin' } })).statusCode).toBe(401);
    const own = await call(t, admin, {
      method: 'PUT',
      url: `/api/v1/users/${admin.id}/role`,
      payload: { role: 'employee' },
    });
    expect(own.statusCode).toBe(409);
    expect(own.json().code).toBe('CANNOT_CHANGE_OWN_ROLE');
  });

  it('refuses unsafe requests without the CSRF token', async () => {
    const person = await signedIn(t, 'employee');
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${person.id}/role`,
      headers: { cookie: admin.session.cookie },
      payload: { role: 'moderator' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_TOKEN_INVALID');
  });
});
