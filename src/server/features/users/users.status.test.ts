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
