import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectAs, insertUser, openSession, type TestSession } from '../../../../tests/support/session.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';

let t: TestApp;
let admin: TestSession;
let employee: TestSession;

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.app.database.db;
  admin = await openSession(db, (await insertUser(db, { role: 'admin', name: 'Ada Admin' })).id);
  employee = await openSession(db, (await insertUser(db, { name: 'Eve Employee' })).id);
  await insertUser(db, { name: 'Gone Person', status: 'deactivated' });
});
afterAll(async () => {
  await t.close();
});

describe('listing deactivated people (admin pages)', () => {
  it('the directory lists active people only by default', async () => {
    const res = await injectAs(t.app, employee, { url: '/api/v1/users' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((u: { name: string }) => u.name)).toEqual(['Ada Admin', 'Eve Employee']);
  });

  it('an administrator lists the deactivated to reactivate them', async () => {
    const res = await injectAs(t.app, admin, { url: '/api/v1/users?status=deactivated' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((u: { name: string }) => u.name)).toEqual(['Gone Person']);
  });

  it('nobody else may list them', async () => {
    const res = await injectAs(t.app, employee, { url: '/api/v1/users?status=deactivated' });
    expect(res.statusCode).toBe(403);
  });

  it('an unknown status is a readable 400', async () => {
    const res = await injectAs(t.app, admin, { url: '/api/v1/users?status=everyone' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toContain('status');
  });
});

describe('an administrator signs a person out everywhere', () => {
  it('ends every session of that person, keeps them active, and records it', async () => {
    const db = t.app.database.db;
    const person = await insertUser(db, { name: 'Laptop Lost' });
    const phone = await openSession(db, person.id);
    const laptop = await openSession(db, person.id);
    expect((await injectAs(t.app, phone, { url: '/api/v1/me' })).statusCode).toBe(200);
    const res = await injectAs(t.app, admin, {
      method: 'DELETE',
      url: `/api/v1/users/${person.id}/sessions`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ended: 2 });
    expect((await injectAs(t.app, phone, { url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await injectAs(t.app, laptop, { url: '/api/v1/me' })).statusCode).toBe(401);
    const entry = await db
      .selectFrom('ledger')
      .selectAll()
      .where('action', '=', 'auth.sessions.revoked')
      .where('subject_id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.payload)).toMatchObject({ ended: 2, via: 'admin' });
    const profile = await injectAs(t.app, admin, { url: `/api/v1/users/${person.id}` });
    expect(profile.json().status).toBe('active');
  });

  it('an employee may not, and an unknown person is a 404', async () => {
    const someone = await insertUser(t.app.database.db);
    expect(
      (await injectAs(t.app, employee, { method: 'DELETE', url: `/api/v1/users/${someone.id}/sessions` }))
        .statusCode,
    ).toBe(403);
    const missing = '01900000-0000-7000-8000-000000000000';
    expect(
      (await injectAs(t.app, admin, { method: 'DELETE', url: `/api/v1/users/${missing}/sessions` }))
        .statusCode,
    ).toBe(404);
  });
});
