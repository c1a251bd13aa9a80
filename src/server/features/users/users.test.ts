import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';

let t: TestApp;
let admin: Person;
let employee: Person;
let guest: Person;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t, 'admin', { name: 'Ада Админова' });
  employee = await signedIn(t, 'employee', { name: 'Иван Петров' });
  guest = await signedIn(t, 'guest', { name: 'Guest Person' });
});
afterAll(async () => {
  await t.close();
});

const ledger = (action: string) =>
  t.database.handle.db.selectFrom('ledger').selectAll().where('action', '=', action).orderBy('seq').execute();

describe('POST /users', () => {
  it('refuses the anonymous caller, non-admins and bad input', async () => {
    const body = { email: 'new@corp.test', name: 'New Person' };
    expect((await call(t, null, { method: 'POST', url: '/api/v1/users', payload: body })).statusCode).toBe(
      401,
    );
    expect(
      (await call(t, employee, { method: 'POST', url: '/api/v1/users', payload: body })).statusCode,
    ).toBe(403);
    const extra = await call(t, admin, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { ...body, password: 'x' },
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().code).toBe('VALIDATION_FAILED');
    const badEmail = await call(t, admin, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { ...body, email: 'nope' },
    });
    expect(badEmail.json().code).toBe('EMAIL_INVALID');
  });

  it('adds a directory entry without a password, recorded in the ledger', async () => {
    const res = await call(t, admin, {
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        email: 'Olga.Smirnova@Corp.TEST',
        name: '  Ольга Смирнова ',
        position: 'Юрист',
        skills: ['Право', 'право'],
      },
    });
    expect(res.statusCode).toBe(201);
    const profile = res.json();
    expect(profile).toMatchObject({
      email: 'olga.smirnova@corp.test',
      name: 'Ольга Смирнова',
      position: 'Юрист',
      skills: ['Право'],
      hasAccount: false,
      status: 'active',
      role: 'employee',
      source: 'manual',
    });
    const entries = await ledger('user.created');
    expect(entries.at(-1)?.subject_id).toBe(profile.id);
    const again = await call(t, admin, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: 'olga.smirnova@corp.test', name: 'Другая Ольга' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('USER_EMAIL_TAKEN');
  });
});

describe('GET /users/{id}', () => {
  it('shows a profile to members with abilities, and hides it from guests', async () => {
    expect((await call(t, null, { url: `/api/v1/users/${employee.id}` })).statusCode).toBe(401);
    expect((await call(t, guest, { url: `/api/v1/users/${employee.id}` })).statusCode).toBe(403);
    expect((await call(t, guest, { url: `/api/v1/users/${guest.id}` })).statusCode).toBe(200);
    const asAdmin = (await call(t, admin, { url: `/api/v1/users/${employee.id}` })).json();
    expect(asAdmin.abilities).toEqual({
      edit: true,
      editOrganisation: true,
      deactivate: true,
      reactivate: false,
      changeRole: true,
      follow: true,
    });
    const asSelf = (await call(t, employee, { url: `/api/v1/users/${employee.id}` })).json();
    expect(asSelf.abilities).toMatchObject({
      edit: true,
      editOrganisation: false,
      deactivate: false,
      follow: false,
    });
    expect((await call(t, employee, { url: `/api/v1/users/${admin.id}` })).json().abilities.edit).toBe(false);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect(
      (await call(t, employee, { url: '/api/v1/users/0190a6f0-0000-7000-8000-000000000000' })).statusCode,
    ).toBe(404);
    expect((await call(t, employee, { url: '/api/v1/users/not-an-id' })).statusCode).toBe(400);
  });

  it('shows the birth year only to the person and admins', async () => {
    const res = await call(t, employee, {
      method: 'PATCH',
      url: `/api/v1/users/${employee.id}`,
      payload: { birthday: '1990-04-12' },
    });
    expect(res.json().birthday).toEqual({ day: 12, month: 4, year: 1990 });
    const other = await signedIn(t, 'employee');
    expect((await call(t, other, { url: `/api/v1/users/${employee.id}` })).json().birthday).toEqual({
      day: 12,
      month: 4,
      year: null,
    });
    expect((await call(t, admin, { url: `/api/v1/users/${employee.id}` })).json().birthday.year).toBe(1990);
  });
});

describe('PATCH /users/{id}', () => {
  it('lets people edit their own fields but not organisation fields or others', async () => {
    const own = await call(t, employee, {
      method: 'PATCH',
      url: `/api/v1/users/${employee.id}`,
      payload: {
        city: 'Москва',
        skills: ['TypeScript', 'PostgreSQL'],
        interests: ['Шахматы'],
        contacts: { telegram: '@ivan' },
        about: 'Строка 1\r\nСтрока 2',
      },
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({
      city: 'Москва',
      skills: ['PostgreSQL', 'TypeScript'],
      interests: ['Шахматы'],
      contacts: { telegram: '@ivan' },
      about: 'Строка 1\nСтрока 2',
    });
    const position = await call(t, employee, {
      method: 'PATCH',
      url: `/api/v1/users/${employee.id}`,
      payload: { position: 'CEO' },
    });
    expect(position.statusCode).toBe(403);
    const other = await call(t, employee, {
      method: 'PATCH',
      url: `/api/v1/users/${admin.id}`,
      payload: { city: 'X' },
    });
    expect(other.statusCode).toBe(403);
    const guestEdit = await call(t, guest, {
      method: 'PATCH',
      url: `/api/v1/users/${guest.id}`,
      payload: { city: 'Y' },
    });
    expect(guestEdit.statusCode).toBe(200);
    const anonymous = await call(t, null, {
      method: 'PATCH',
      url: `/api/v1/users/${employee.id}`,
      payload: { city: 'Z' },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('records before and after in the ledger, and nothing when nothing changes', async () => {
    const before = (await ledger('user.updated')).length;
    await call(t, employee, {
      method: 'PATCH',
      url: `/api/v1/users/${employee.id}`,
      payload: { office: 'Офис 1' },
    });
    const entries = await ledger('user.updated');
    expect(entries.length).toBe(before + 1);
    expect(JSON.parse(entries.at(-1)!.payload).changes).toEqual([
      { field: 'office', before: null, after: 'Офис 1' },
    ]);
    await call(t, employee, {
      method: 'PATCH',
      url: `/api/v1/users/${employee.id}`,
      payload: { office: 'Офис 1' },
    });
    expect((await ledger('user.updated')).length).toBe(before + 1);
  });

  it('refuses empty bodies, unknown fields, too many skills and names of invisible characters', async () => {
    const patch = (payload: unknown) =>
      call(t, employee, { method: 'PATCH', url: `/api/v1/users/${employee.id}`, payload: payload as object });
    expect((await patch({})).statusCode).toBe(400);
    expect((await patch({ role: 'admin' })).statusCode).toBe(400);
    expect((await patch({ skills: Array.from({ length: 51 }, (_, i) => `s${i}`) })).statusCode).toBe(400);
    expect((await patch({ skills: ['x'.repeat(65)] })).statusCode).toBe(400);
    expect((await patch({ birthday: '1990-02-30' })).statusCode).toBe(400);
    const invisible = await patch({ name: '\u200B\u202E\u2066' });
    expect(invisible.statusCode).toBe(400);
    expect(invisible.json().code).toBe('NAME_EMPTY');
  });

  it('lets admins set department, manager and e-mail, and refuses manager cycles', async () => {
    const dept = await call(t, admin, {
      method: 'POST',
      url: '/api/v1/departments',
      payload: { name: 'Продажи' },
    });
    const a = await signedIn(t, 'employee');
    const b = await signedIn(t, 'employee');
    const setB = await call(t, admin, {
      method: 'PATCH',
      url: `/api/v1/users/${b.id}`,
      payload: {
        managerId: a.id,
        departmentId: dept.json().id,
        email: 'B.Person@corp.test',
        position: 'Менеджер',
      },
    });
    expect(setB.statusCode).toBe(200);
    expect(setB.json()).toMatchObject({
      manager: { id: a.id, name: a.name },
      department: { id: dept.json().id, name: 'Продажи' },
      email: 'b.person@corp.test',
      position: 'Менеджер',
    });
    const cycle = await call(t, admin, {
      method: 'PATCH',
      url: `/api/v1/users/${a.id}`,
      payload: { managerId: b.id },
    });
    expect(cycle.statusCode).toBe(409);
    expect(cycle.json().code).toBe('MANAGER_CYCLE');
    const selfManager = await call(t, admin, {
      method: 'PATCH',
      url: `/api/v1/users/${a.id}`,
      payload: { managerId: a.id },
    });
    expect(selfManager.json().code).toBe('MANAGER_CYCLE');
    const unknown = await call(t, admin, {
      method: 'PATCH',
      url: `/api/v1/users/${a.id}`,
      payload: { departmentId: '0190a6f0-0000-7000-8000-000000000000' },
    });
    expect(unknown.json().code).toBe('REFERENCED_DEPARTMENT_NOT_FOUND');
    const taken = await call(t, admin, {
      method: 'PATCH',
      url: `/api/v1/users/${a.id}`,
      payload: { email: 'b.person@corp.test' },
    });
    expect(taken.json().code).toBe('USER_EMAIL_TAKEN');
    const reports = await call(t, employee, { url: `/api/v1/users/${a.id}` });
    expect(reports.json().directReportsCount).toBe(1);
  });
});
