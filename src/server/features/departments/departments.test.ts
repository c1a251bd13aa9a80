import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';

let t: TestApp;
let admin: Person;
let employee: Person;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t, 'admin');
  employee = await signedIn(t, 'employee');
});
afterAll(async () => {
  await t.close();
});

const create = async (payload: object) => {
  const res = await call(t, admin, { method: 'POST', url: '/api/v1/departments', payload });
  return res;
};
const tree = async () => (await call(t, employee, { url: '/api/v1/departments' })).json();

describe('departments', () => {
  it('builds a tree with heads and member counts', async () => {
    const sales = (await create({ name: 'Продажи / Sales' })).json();
    const moscow = (await create({ name: 'Москва', parentId: sales.id, headId: employee.id })).json();
    expect(moscow).toMatchObject({
      parentId: sales.id,
      headId: employee.id,
      head: { id: employee.id, name: employee.name },
    });
    await call(t, admin, {
      method: 'PATCH',
      url: `/api/v1/users/${employee.id}`,
      payload: { departmentId: moscow.id },
    });
    const list = await tree();
    expect(list.abilities).toEqual({ create: false });
    const bySales = list.items.find((d: { id: string }) => d.id === sales.id);
    expect(bySales).toMatchObject({
      memberCount: 0,
      totalMemberCount: 1,
      childCount: 1,
      abilities: { edit: false, delete: false },
    });
    const asAdmin = (await call(t, admin, { url: '/api/v1/departments' })).json();
    expect(asAdmin.abilities).toEqual({ create: true });
    expect(asAdmin.items.find((d: { id: string }) => d.id === moscow.id).abilities).toEqual({
      edit: true,
      delete: false,
    });
  });

  it('keeps sibling names unique, case-insensitively', async () => {
    const a = await create({ name: 'Финансы' });
    expect(a.statusCode).toBe(201);
    const b = await create({ name: 'ФИНАНСЫ' });
    expect(b.statusCode).toBe(409);
    expect(b.json().code).toBe('DEPARTMENT_NAME_TAKEN');
    expect((await create({ name: 'Финансы', parentId: a.json().id })).statusCode).toBe(201);
  });

  it('moves departments but never into their own subtree', async () => {
    const root = (await create({ name: 'Root' })).json();
    const child = (await create({ name: 'Child', parentId: root.id })).json();
    const grandchild = (await create({ name: 'Grandchild', parentId: child.id })).json();
    for (const parentId of [root.id, child.id, grandchild.id]) {
      const res = await call(t, admin, {
        method: 'PATCH',
        url: `/api/v1/departments/${root.id}`,
        payload: { parentId },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('DEPARTMENT_CYCLE');
    }
    const moved = await call(t, admin, {
      method: 'PATCH',
      url: `/api/v1/departments/${grandchild.id}`,
      payload: { parentId: null, name: 'Top now' },
    });
    expect(moved.json()).toMatchObject({ parentId: null, name: 'Top now' });
    const entry = await t.database.handle.db
      .selectFrom('ledger')
      .selectAll()
      .where('action', '=', 'department.updated')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.payload).changes).toEqual([
      { field: 'name', before: 'Grandchild', after: 'Top now' },
      { field: 'parentId', before: child.id, after: null },
    ]);
  });

  it('deletes only empty departments', async () => {
    const parent = (await create({ name: 'Удаляемый' })).json();
    const child = (await create({ name: 'Дочерний', parentId: parent.id })).json();
    const del = (id: string) => call(t, admin, { method: 'DELETE', url: `/api/v1/departments/${id}` });
    expect((await del(parent.id)).json().code).toBe('DEPARTMENT_NOT_EMPTY');
    const person = await signedIn(t, 'employee');
    await call(t, admin, {
      method: 'PATCH',
      url: `/api/v1/users/${person.id}`,
      payload: { departmentId: child.id },
    });
    expect((await del(child.id)).statusCode).toBe(409);
    await call(t, admin, {
      method: 'PATCH',
      url: `/api/v1/users/${person.id}`,
      payload: { departmentId: null },
    });
    expect((await del(child.id)).statusCode).toBe(204);
    expect((await del(parent.id)).statusCode).toBe(204);
    expect((await del(parent.id)).statusCode).toBe(404);
  });

  it('answers 401, 403 and 400 as it should', async () => {
    const guest = await signedIn(t, 'guest');
    expect((await call(t, guest, { url: '/api/v1/departments' })).statusCode).toBe(403);
    expect((await call(t, null, { url: '/api/v1/departments' })).statusCode).toBe(401);
    const post = (who: Person | null, payload: object) =>
      call(t, who, { method: 'POST', url: '/api/v1/departments', payload });
    expect((await post(employee, { name: 'X' })).statusCode).toBe(403);
    expect((await post(null, { name: 'X' })).statusCode).toBe(401);
    expect((await post(admin, { name: '' })).statusCode).toBe(400);
    expect((await post(admin, { name: 'x'.repeat(201) })).statusCode).toBe(400);
    expect((await post(admin, { name: 'X', color: 'red' })).statusCode).toBe(400);
    expect((await post(admin, { name: '\u202E\u200B' })).json().code).toBe('NAME_EMPTY');
    const missing = '0190a6f0-0000-7000-8000-000000000000';
    expect((await post(admin, { name: 'X', parentId: missing })).json().code).toBe(
      'REFERENCED_DEPARTMENT_NOT_FOUND',
    );
    expect((await post(admin, { name: 'X', headId: missing })).json().code).toBe('DEPARTMENT_HEAD_NOT_FOUND');
    expect(
      (
        await call(t, admin, {
          method: 'PATCH',
          url: `/api/v1/departments/${missing}`,
          payload: { name: 'Y' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await call(t, admin, { method: 'PATCH', url: `/api/v1/departments/${missing}`, payload: {} }))
        .statusCode,
    ).toBe(400);
  });
});
