import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, encode, header, importFile, staff } from '../../../../tests/support/csv-files.js';
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

const db = () => t.database.handle.db;
const countUsers = async () =>
  Number(
    (
      await db()
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const ledgerSize = async () =>
  Number(
    (
      await db()
        .selectFrom('ledger')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const byEmail = (email: string) =>
  db().selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();

describe('CSV import of employees', () => {
  const rows = staff(40);
  const file = encode(csv([header, ...rows]), 'utf-8');

  it('shows the plan on a dry run and changes nothing', async () => {
    const [users, entries] = [await countUsers(), await ledgerSize()];
    const res = await importFile(t, admin, file, 'dryRun=true');
    expect(res.statusCode).toBe(200);
    const plan = res.json();
    expect(plan).toMatchObject({
      dryRun: true,
      applied: false,
      encoding: 'utf-8',
      delimiter: ',',
      rowCount: 40,
    });
    expect(plan.summary).toMatchObject({
      creates: 40,
      updates: 0,
      deactivations: 0,
      errors: 0,
      departmentsCreated: 4,
    });
    expect(plan.departmentsCreated).toEqual([
      'Продажи',
      'Продажи/Москва',
      'Engineering',
      'Engineering/Backend',
    ]);
    expect(plan.creates[0]).toEqual({ line: 2, userId: null, email: 'p0@corp.test', name: 'Сотрудник 000' });
    expect(await countUsers()).toBe(users);
    expect(await ledgerSize()).toBe(entries);
  });

  it('applies in one go: people, departments, managers, skills, dates, ledger', async () => {
    const res = await importFile(t, admin, file, 'dryRun=false');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ applied: true, summary: { creates: 40, errors: 0 } });
    const p5 = await byEmail('p5@corp.test');
    const p3 = await byEmail('p3@corp.test');
    expect(p5).toMatchObject({
      source: 'csv',
      status: 'active',
      manager_id: p3.id,
      external_id: 'E1005',
      birthday: '1990-06-06',
    });
    const profile = (await call(t, admin, { url: `/api/v1/users/${p5.id}` })).json();
    expect(profile).toMatchObject({ department: { name: 'Backend' }, skills: ['PostgreSQL', 'TypeScript'] });
    const actions = await db().selectFrom('ledger').select(['action', 'payload']).orderBy('seq').execute();
    const applied = actions.filter((a) => a.action === 'import.applied');
    expect(applied).toHaveLength(1);
    expect(JSON.parse(applied[0]!.payload).summary).toMatchObject({ creates: 40 });
    expect(
      actions.filter((a) => a.action === 'user.created' && JSON.parse(a.payload).via === 'csv'),
    ).toHaveLength(40);
    expect(actions.filter((a) => a.action === 'department.created')).toHaveLength(4);
  });

  it('changes nothing when the same file is imported again', async () => {
    const entries = await ledgerSize();
    const res = await importFile(t, admin, file, 'dryRun=false');
    expect(res.json().summary).toMatchObject({
      creates: 0,
      updates: 0,
      deactivations: 0,
      reactivations: 0,
      unchanged: 40,
    });
    // Only the import itself is recorded.
    expect(await ledgerSize()).toBe(entries + 1);
  });

  it('updates with per-field before and after', async () => {
    const changed = rows.map((r) => [...r]);
    changed[7]![2] = 'Старший специалист';
    changed[7]![4] = 'p0@corp.test';
    changed[7]![3] = 'продажи / МОСКВА';
    const res = await importFile(t, admin, encode(csv([header, ...changed]), 'utf-8'), 'dryRun=false');
    const plan = res.json();
    expect(plan.summary).toMatchObject({ updates: 1, creates: 0, departmentsCreated: 0 });
    expect(plan.updates[0].changes).toEqual([
      { field: 'position', before: 'Специалист', after: 'Старший специалист' },
      { field: 'department', before: 'Engineering/Backend', after: 'продажи/МОСКВА' },
      { field: 'manager', before: 'p2@corp.test', after: 'p0@corp.test' },
    ]);
    rows[7] = changed[7]!;
  });

  it('deactivates people missing from the file and ends their sessions; the 5% guard needs force', async () => {
    const leaver = await byEmail('p39@corp.test');
    const session = await openSession(db(), leaver.id);
    expect(
      (await t.app.inject({ url: `/api/v1/users/${leaver.id}`, headers: session.headers })).statusCode,
    ).toBe(200);
    const fewer = encode(csv([header, ...rows.slice(0, 37)]), 'utf-8');
    const dry = (await importFile(t, admin, fewer, 'dryRun=true')).json();
    expect(dry.summary.deactivations).toBe(3);
    expect(dry.guard).toMatchObject({ tripped: true, thresholdPercent: 5 });
    const refused = await importFile(t, admin, fewer, 'dryRun=false');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('IMPORT_MASS_DEACTIVATION');
    expect((await byEmail('p39@corp.test')).status).toBe('active');

    const oneLess = encode(csv([header, ...rows.slice(0, 39)]), 'utf-8');
    const applied = (await importFile(t, admin, oneLess, 'dryRun=false')).json();
    expect(applied.guard.tripped).toBe(false);
    expect(applied.deactivations).toEqual([
      { line: null, userId: leaver.id, email: 'p39@corp.test', name: 'Сотрудник 039' },
    ]);
    expect(await byEmail('p39@corp.test')).toMatchObject({ status: 'deactivated', deactivated_via: 'csv' });
    expect(
      (await t.app.inject({ url: `/api/v1/users/${leaver.id}`, headers: session.headers })).statusCode,
    ).toBe(401);

    const forced = (await importFile(t, admin, fewer, 'dryRun=false&force=true')).json();
    expect(forced).toMatchObject({ applied: true, summary: { deactivations: 2 } });
  });

  it('reactivates people the import deactivated, but not those an admin deactivated', async () => {
    const p10 = await byEmail('p10@corp.test');
    await call(t, admin, { method: 'POST', url: `/api/v1/users/${p10.id}/deactivate` });
    const res = await importFile(t, admin, file, 'dryRun=false&force=true');
    const result = res.json();
    expect(result.reactivations.map((r: { email: string }) => r.email).sort()).toEqual([
      'p37@corp.test',
      'p38@corp.test',
      'p39@corp.test',
    ]);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ line: 12, code: 'DEACTIVATED_BY_ADMIN' }),
    );
    expect((await byEmail('p39@corp.test')).status).toBe('active');
    expect((await byEmail('p10@corp.test')).status).toBe('deactivated');
  });
});

describe('import access', () => {
  it('answers 401, 403 and 415 as it should', async () => {
    const file = encode(csv([header, ...staff(2)]), 'utf-8');
    expect((await importFile(t, null, file, 'dryRun=true')).statusCode).toBe(401);
    for (const role of ['employee', 'moderator', 'guest'] as const) {
      expect((await importFile(t, await signedIn(t, role), file, 'dryRun=true')).statusCode).toBe(403);
    }
    const json = await call(t, admin, {
      method: 'POST',
      url: '/api/v1/admin/imports/users',
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
    expect((await importFile(t, admin, file, 'dryRun=maybe')).statusCode).toBe(400);
  });
});
