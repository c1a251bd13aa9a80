import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupThroughApi } from '../../../../tests/support/auth-helpers.js';
import { injectAs, insertUser, openSession, type TestSession } from '../../../../tests/support/session.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';

let t: TestApp;
let admin: TestSession;
let employee: TestSession;

beforeAll(async () => {
  t = await buildTestApp();
  ({ session: admin } = await setupThroughApi(t, {
    companyName: 'Northwind Trading',
    allowedDomains: ['corp.test'],
  }));
  const person = await insertUser(t.database.handle.db, { role: 'employee' });
  employee = await openSession(t.database.handle.db, person.id);
});
afterAll(async () => {
  await t.close();
});

async function ledger(action: string) {
  const rows = await t.database.handle.db
    .selectFrom('ledger')
    .select(['action', 'payload', 'actor_id'])
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) }));
}

const validBodies: Record<string, Record<string, unknown>> = {
  '/api/v1/admin/password-policy': {
    minLength: 15,
    lockoutThreshold: 10,
    blocklist: [],
    minLetters: 0,
    minDigits: 0,
    minSymbols: 0,
    expiryDays: 0,
    historyCount: 0,
  },
  '/api/v1/admin/allowed-domains': { domains: ['corp.test'] },
  '/api/v1/admin/company': { name: 'Northwind Trading' },
};

describe('admin settings: who may call them', () => {
  for (const [url, payload] of Object.entries(validBodies)) {
    it(`${url}: 401 anonymous, 403 employee, 200 admin (GET and PUT)`, async () => {
      expect((await t.app.inject({ url })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'PUT', url, payload })).statusCode).toBe(401);
      expect((await injectAs(t.app, employee, { url })).statusCode).toBe(403);
      expect((await injectAs(t.app, employee, { method: 'PUT', url, payload })).statusCode).toBe(403);
      expect((await injectAs(t.app, admin, { url })).statusCode).toBe(200);
      expect((await injectAs(t.app, admin, { method: 'PUT', url, payload })).statusCode).toBe(200);
      // An anonymous caller with a bad body is refused for who they are, not for the body.
      expect((await t.app.inject({ method: 'PUT', url, payload: { junk: true } })).statusCode).toBe(401);
      expect((await injectAs(t.app, admin, { method: 'PUT', url, payload: { junk: true } })).statusCode).toBe(
        400,
      );
    });
  }
});

describe('GET|PUT /admin/password-policy', () => {
  it('starts from the NIST defaults without a warning', async () => {
    const res = await injectAs(t.app, admin, { url: '/api/v1/admin/password-policy' });
    expect(res.json()).toEqual({
      policy: validBodies['/api/v1/admin/password-policy'],
      defaults: validBodies['/api/v1/admin/password-policy'],
      nistWarning: false,
      nistNotes: [],
    });
  });

  it('stores a change, flags composition and expiry, and records before and after', async () => {
    const policy = {
      ...validBodies['/api/v1/admin/password-policy'],
      minDigits: 1,
      expiryDays: 90,
      lockoutThreshold: 20,
      blocklist: ['aurora'],
    };
    const res = await injectAs(t.app, admin, {
      method: 'PUT',
      url: '/api/v1/admin/password-policy',
      payload: policy,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ policy, nistWarning: true, nistNotes: ['composition', 'expiry'] });
    expect((await injectAs(t.app, admin, { url: '/api/v1/admin/password-policy' })).json().policy).toEqual(
      policy,
    );
    const entries = await ledger('settings.password_policy.changed');
    expect(entries.at(-1)?.payload).toMatchObject({
      before: { minDigits: 0 },
      after: { minDigits: 1, expiryDays: 90 },
    });
    const publicView = await t.app.inject('/api/v1/auth/password-policy');
    expect(publicView.json()).toEqual({
      minLength: 15,
      maxLength: 128,
      minLetters: 0,
      minDigits: 1,
      minSymbols: 0,
    });
    await injectAs(t.app, admin, {
      method: 'PUT',
      url: '/api/v1/admin/password-policy',
      payload: validBodies['/api/v1/admin/password-policy'],
    });
  });

  it.each([
    { lockoutThreshold: 101 },
    { lockoutThreshold: 0 },
    { minLength: 7 },
    { minLength: 200 },
    { expiryDays: -1 },
    { blocklist: [''] },
    { blocklist: ['x'.repeat(129)] },
  ])('refuses %j with 400', async (override) => {
    const res = await injectAs(t.app, admin, {
      method: 'PUT',
      url: '/api/v1/admin/password-policy',
      payload: { ...validBodies['/api/v1/admin/password-policy'], ...override },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toMatch(new RegExp(`^${Object.keys(override)[0]}`));
  });
});

describe('GET|PUT /admin/allowed-domains', () => {
  it('normalises to ASCII lower case, drops duplicates and records the change', async () => {
    const res = await injectAs(t.app, admin, {
      method: 'PUT',
      url: '/api/v1/admin/allowed-domains',
      payload: { domains: ['Corp.Test', 'corp.test', 'почта.рф', ' mail.corp.test '] },
    });
    expect(res.json()).toEqual({ domains: ['corp.test', 'mail.corp.test', 'xn--80a1acny.xn--p1ai'] });
    const entry = (await ledger('settings.allowed_domains.changed')).at(-1)!;
    expect(entry.payload).toMatchObject({
      before: ['corp.test'],
      after: ['corp.test', 'mail.corp.test', 'xn--80a1acny.xn--p1ai'],
    });
    expect(entry.actor_id).not.toBeNull();
  });

  it('refuses entries that are not domains, naming each', async () => {
    const res = await injectAs(t.app, admin, {
      method: 'PUT',
      url: '/api/v1/admin/allowed-domains',
      payload: { domains: ['corp.test', '*.corp.test', 'corp.test.', 'http://x.io'] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'domains.1',
      'domains.2',
      'domains.3',
    ]);
  });
});

describe('GET|PUT /admin/company', () => {
  it('renames the company and records before and after', async () => {
    const res = await injectAs(t.app, admin, {
      method: 'PUT',
      url: '/api/v1/admin/company',
      payload: { name: '  Рога и Копыта  ' },
    });
    expect(res.json()).toEqual({ name: 'Рога и Копыта' });
    expect((await injectAs(t.app, admin, { url: '/api/v1/admin/company' })).json()).toEqual({
      name: 'Рога и Копыта',
    });
    expect((await ledger('settings.company.changed')).at(-1)?.payload).toMatchObject({
      before: 'Northwind Trading',
      after: 'Рога и Копыта',
    });
    expect((await t.app.inject('/api/v1/setup')).json().companyName).toBe('Рога и Копыта');
  });
});
