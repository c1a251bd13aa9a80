import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { goodPassword, login, sessionCookieOf } from '../../../../tests/support/auth-helpers.js';
import { insertUser } from '../../../../tests/support/session.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import type { Ctx } from '../../platform/context.js';
import { createAdministrator, setupCompany } from './setup.service.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const body = (overrides: Record<string, unknown> = {}) => ({
  companyName: 'Northwind Trading',
  allowedDomains: ['Corp.Test', 'почта.рф'],
  admin: { email: 'Founder@Corp.Test', name: 'Founding Admin', password: goodPassword },
  ...overrides,
});

const post = (payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/setup', payload });

/** A context like a CLI command's: no request, no actor. */
function cliCtx(): Ctx {
  return {
    db: t.database.handle.db,
    dialect: t.database.handle.dialect,
    config: t.config,
    actor: null,
    requestId: 'cli',
    log: t.app.log,
    locale: 'en',
    ip: null,
    userAgent: null,
    bus: t.app.bus,
  };
}

describe('first-run setup (X1, R05)', () => {
  it('starts with no account at all and reports that setup is needed', async () => {
    expect((await t.app.inject('/api/v1/setup')).json()).toEqual({ needed: true });
    const count = await t.database.handle.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    for (const [email, password] of [
      ['admin@localhost', 'admin'],
      ['admin@corp.test', 'admin'],
    ] as const) {
      expect((await login(t, email, password)).statusCode).toBe(401);
    }
  });

  it('creates the company and a signed-in administrator (201), then answers 409', async () => {
    const res = await post(body());
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({ email: 'founder@corp.test', role: 'admin', status: 'active' });
    const cookie = sessionCookieOf(res)!;
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: `sid=${cookie}` } });
    expect(me.json().csrfToken).toBe(res.json().csrfToken);
    expect((await t.app.inject('/api/v1/setup')).json()).toEqual({
      needed: false,
      companyName: 'Northwind Trading',
    });
    const domains = await t.app.inject({
      url: '/api/v1/admin/allowed-domains',
      headers: { cookie: `sid=${cookie}` },
    });
    expect(domains.json()).toEqual({ domains: ['corp.test', 'xn--80a1acny.xn--p1ai'] });
    const again = await post(body({ companyName: 'Hijack Ltd' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('SETUP_ALREADY_DONE');
    const actions = await t.database.handle.db.selectFrom('ledger').select('action').orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual(['setup.completed', 'admin.created']);
  });

  it('lets exactly one of several racing setups win', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        post(body({ admin: { email: `racer${i}@corp.test`, name: `Racer ${i}`, password: goodPassword } })),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    const admins = await t.database.handle.db.selectFrom('users').select('id').execute();
    expect(admins).toHaveLength(1);
  });

  it('refuses once anyone exists, e.g. people imported before setup', async () => {
    await insertUser(t.database.handle.db, {});
    expect((await t.app.inject('/api/v1/setup')).json().needed).toBe(false);
    expect((await post(body())).statusCode).toBe(409);
  });

  it('validates every field with field errors', async () => {
    const weak = await post(
      body({ admin: { email: 'a@corp.test', name: 'A', password: 'Northwind Trading 2024' } }),
    );
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0]).toMatchObject({ field: 'admin.password', code: 'PASSWORD_BLOCKLISTED' });
    const badDomain = await post(body({ allowedDomains: ['corp.test', 'not a domain'] }));
    expect(badDomain.json().errors[0]).toMatchObject({ field: 'allowedDomains.1', code: 'DOMAIN_INVALID' });
    const badEmail = await post(body({ admin: { email: 'nope', name: 'A', password: goodPassword } }));
    expect(badEmail.json().errors[0]).toMatchObject({ field: 'admin.email', code: 'EMAIL_INVALID' });
    const extra = await post({ ...body(), role: 'root' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors[0].field).toBe('role');
    const blank = await post(body({ companyName: '   ' }));
    expect(blank.json().errors[0].field).toBe('companyName');
    expect((await t.app.inject('/api/v1/setup')).json().needed).toBe(true);
  });
});

describe('services for `atrium admin create`', () => {
  it('before setup needs a company name, then sets the company up', async () => {
    const admin = { email: 'ops@corp.test', name: 'Ops Person', password: goodPassword };
    await expect(createAdministrator(cliCtx(), admin)).rejects.toMatchObject({ code: 'SETUP_REQUIRED' });
    const created = await createAdministrator(cliCtx(), { ...admin, companyName: 'Contoso' });
    expect(created.created).toBe(true);
    expect((await t.app.inject('/api/v1/setup')).json()).toEqual({ needed: false, companyName: 'Contoso' });
    expect((await login(t, admin.email, goodPassword)).json().user.role).toBe('admin');
  });

  it('after setup creates another administrator or promotes an existing person', async () => {
    await setupCompany(cliCtx(), body());
    const person = await insertUser(t.database.handle.db, { email: 'promote.me@corp.test' });
    const promoted = await createAdministrator(cliCtx(), {
      email: 'promote.me@corp.test',
      name: 'Ignored',
      password: 'brass compass orchard 12',
    });
    expect(promoted).toEqual({ userId: person.id, created: false });
    const res = await login(t, 'promote.me@corp.test', 'brass compass orchard 12');
    expect(res.json().user).toMatchObject({ role: 'admin', name: person.name });
    const actions = await t.database.handle.db.selectFrom('ledger').select('action').orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toContain('admin.created');
    await expect(
      createAdministrator(cliCtx(), { email: 'x@corp.test', name: 'X', password: 'Password1!' }),
    ).rejects.toMatchObject({ code: 'PASSWORD_TOO_SHORT' });
  });
});
