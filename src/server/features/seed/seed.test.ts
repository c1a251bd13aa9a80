import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import type { Ctx } from '../../platform/context.js';
import { seedDemoCompany } from './seed.service.js';

let t: TestApp;
let admin: Person;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t, 'admin');
});
afterAll(async () => {
  await t.close();
});

describe('POST /admin/seed-demo', () => {
  it('is for admins only', async () => {
    expect(
      (await call(t, null, { method: 'POST', url: '/api/v1/admin/seed-demo', payload: {} })).statusCode,
    ).toBe(401);
    const employee = await signedIn(t, 'employee');
    expect(
      (await call(t, employee, { method: 'POST', url: '/api/v1/admin/seed-demo', payload: {} })).statusCode,
    ).toBe(403);
    const bad = await call(t, admin, {
      method: 'POST',
      url: '/api/v1/admin/seed-demo',
      payload: { users: 5 },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('fills a believable company once', async () => {
    const res = await call(t, admin, { method: 'POST', url: '/api/v1/admin/seed-demo', payload: {} });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ departments: 21, users: 200 });

    const departments = (await call(t, admin, { url: '/api/v1/departments' })).json().items;
    expect(departments).toHaveLength(21);
    expect(departments.every((d: { headId: string | null }) => d.headId !== null)).toBe(true);
    expect(departments.map((d: { name: string }) => d.name)).toEqual(
      expect.arrayContaining(['Продажи', 'Engineering']),
    );

    const people = await t.database.handle.db
      .selectFrom('users')
      .select(['id', 'name', 'email', 'manager_id', 'position', 'password_hash'])
      .where('source', '=', 'demo')
      .execute();
    expect(people).toHaveLength(200);
    expect(people.every((p) => p.password_hash === null && p.position)).toBe(true);
    expect(new Set(people.map((p) => p.email)).size).toBe(200);
    expect(people.some((p) => /[а-яё]/i.test(p.name))).toBe(true);
    expect(people.some((p) => /^[A-Za-z ]+$/.test(p.name))).toBe(true);
    // One tree: exactly one person without a manager, and every chain reaches them.
    const managerOf = new Map(people.map((p) => [p.id, p.manager_id]));
    const roots = people.filter((p) => p.manager_id === null);
    expect(roots).toHaveLength(1);
    for (const p of people) {
      let current: string | null | undefined = p.id;
      for (let depth = 0; depth < 10 && current; depth++) current = managerOf.get(current);
      expect(current).toBeNull();
    }
    const top = (await call(t, admin, { url: '/api/v1/org-chart/managers' })).json().items;
    expect(
      top.find((n: { user: { id: string } }) => n.user.id === roots[0]!.id).reportsCount,
    ).toBeGreaterThan(5);
    const skills = (await call(t, admin, { url: '/api/v1/skills?limit=5' })).json().items;
    expect(skills[0].count).toBeGreaterThan(5);

    const entries = await t.database.handle.db.selectFrom('ledger').select('action').execute();
    expect(entries.filter((e) => e.action === 'seed.demo.applied')).toHaveLength(1);
    expect(entries.filter((e) => e.action === 'user.created')).toHaveLength(200);

    const again = await call(t, admin, { method: 'POST', url: '/api/v1/admin/seed-demo', payload: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('DEMO_ALREADY_SEEDED');
  });

  it('is deterministic for a seed', async () => {
    const names = async () => {
      const other = await buildTestApp();
      const ctx: Ctx = {
        db: other.database.handle.db,
        dialect: other.database.handle.dialect,
        config: other.config,
        actor: null,
        requestId: 'cli',
        log: other.app.log,
        locale: 'en',
        ip: null,
        userAgent: null,
        bus: other.app.bus,
      };
      await seedDemoCompany(ctx, { users: 30, seed: 7 });
      const rows = await ctx.db
        .selectFrom('users')
        .select(['name', 'email', 'position', 'city'])
        .orderBy('email')
        .execute();
      await other.close();
      return rows;
    };
    const [a, b] = [await names(), await names()];
    expect(a).toHaveLength(30);
    expect(a).toEqual(b);
  });
});
