import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';

let t: TestApp;
let admin: Person;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t, 'admin', { name: 'Админ' });
});
afterAll(async () => {
  await t.close();
});

describe('the manager tree', () => {
  it('lists the top level, then each level lazily, with report counts', async () => {
    const ceo = await signedIn(t, 'employee', { name: 'Генеральный' });
    const cto = await signedIn(t, 'employee', { name: 'Технический' });
    const dev = await signedIn(t, 'employee', { name: 'Разработчик' });
    const setManager = (who: Person, managerId: string) =>
      call(t, admin, { method: 'PATCH', url: `/api/v1/users/${who.id}`, payload: { managerId } });
    await setManager(cto, ceo.id);
    await setManager(dev, cto.id);
    await setManager(admin, ceo.id);

    const top = (await call(t, dev, { url: '/api/v1/org-chart/managers' })).json();
    expect(top.items).toEqual([
      expect.objectContaining({ user: expect.objectContaining({ id: ceo.id }), reportsCount: 2 }),
    ]);
    const second = (await call(t, dev, { url: `/api/v1/org-chart/managers?rootId=${ceo.id}` })).json();
    expect(
      second.items.map((n: { user: { id: string }; reportsCount: number }) => [n.user.id, n.reportsCount]),
    ).toEqual(
      expect.arrayContaining([
        [cto.id, 1],
        [admin.id, 0],
      ]),
    );
    const reports = (await call(t, dev, { url: `/api/v1/users/${cto.id}/reports` })).json();
    expect(reports.items).toEqual([
      expect.objectContaining({ user: expect.objectContaining({ id: dev.id }), reportsCount: 0 }),
    ]);
  });

  it('refuses guests, the anonymous, and unknown roots', async () => {
    const guest = await signedIn(t, 'guest');
    expect((await call(t, guest, { url: '/api/v1/org-chart/managers' })).statusCode).toBe(403);
    expect((await call(t, null, { url: '/api/v1/org-chart/managers' })).statusCode).toBe(401);
    const missing = '0190a6f0-0000-7000-8000-000000000000';
    expect((await call(t, admin, { url: `/api/v1/org-chart/managers?rootId=${missing}` })).statusCode).toBe(
      404,
    );
    expect((await call(t, admin, { url: '/api/v1/org-chart/managers?rootId=x' })).statusCode).toBe(400);
  });
});
