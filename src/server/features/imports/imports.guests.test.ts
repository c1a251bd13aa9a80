import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, encode, importFile, multipart } from '../../../../tests/support/csv-files.js';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
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

const dayMs = 86_400_000;
/** The UTC day `days` from now as `YYYY-MM-DD`. */
const day = (days: number) => new Date(Date.now() + days * dayMs).toISOString().slice(0, 10);
/** What the import stores for a day: its end in UTC. */
const endOf = (date: string) => `${date}T23:59:59.999Z`;

const byEmail = (email: string) =>
  t.database.handle.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
const ledgerOf = async (userId: string, action: string) =>
  (
    await t.database.handle.db
      .selectFrom('ledger')
      .select('payload')
      .where('subject_id', '=', userId)
      .where('action', '=', action)
      .orderBy('seq')
      .execute()
  ).map((row) => JSON.parse(row.payload));

/**
 * The guests' access end in the CSV import: the `access_expires_at` column (also «Доступ до»)
 * sets it under the rules of the people API, and a guest without one gets the default.
 */
describe('guests’ access end in the CSV import', () => {
  const until = day(30);
  const rows = [
    ['email', 'name', 'role', 'access_expires_at'],
    ['partner@partner.example', 'Partner With Date', 'guest', until],
    ['consultant@partner.example', 'Partner Without Date', 'guest', ''],
    ['staff@corp.test', 'Staff Member', 'employee', ''],
  ];
  const file = encode(csv(rows), 'utf-8');

  it('creates guests with the end of the day given, or the default 90 days', async () => {
    const dry = (await importFile(t, admin, file, 'dryRun=true')).json();
    expect(dry.columns).toEqual(['email', 'name', 'role', 'access_expires_at']);
    expect(dry.errors).toEqual([]);
    expect(dry.summary.creates).toBe(3);

    const res = await importFile(t, admin, file, 'dryRun=false');
    expect(res.statusCode).toBe(200);
    const dated = await byEmail('partner@partner.example');
    expect(dated).toMatchObject({ role: 'guest', access_expires_at: endOf(until) });
    expect((await ledgerOf(dated!.id, 'user.created'))[0]).toMatchObject({
      via: 'csv',
      accessExpiresAt: endOf(until),
    });

    const undated = await byEmail('consultant@partner.example');
    const lifetime = Date.parse(undated!.access_expires_at!) - Date.now();
    expect(lifetime).toBeGreaterThan(89 * dayMs);
    expect(lifetime).toBeLessThanOrEqual(90 * dayMs);
    expect((await byEmail('staff@corp.test'))?.access_expires_at).toBeNull();

    // The guest's profile shows administrators the same end.
    const profile = (await call(t, admin, { url: `/api/v1/users/${dated!.id}` })).json();
    expect(profile.accessExpiresAt).toBe(endOf(until));
  });

  it('changes nothing when the same file is imported again', async () => {
    const res = (await importFile(t, admin, file, 'dryRun=false')).json();
    expect(res.summary).toMatchObject({ creates: 0, updates: 0, unchanged: 3 });
  });

  it('moves an existing guest’s end, gives one to a person made a guest, keeps it when the cell is empty', async () => {
    const later = day(200);
    const soon = day(10);
    const before = await byEmail('partner@partner.example');
    const undated = await byEmail('consultant@partner.example');
    const moved = csv([
      ['email', 'name', 'role', 'access_expires_at'],
      ['partner@partner.example', 'Partner With Date', 'guest', later],
      ['consultant@partner.example', 'Partner Without Date', 'guest', ''],
      ['staff@corp.test', 'Staff Member', 'guest', soon],
    ]);
    const dry = (await importFile(t, admin, encode(moved, 'utf-8'), 'dryRun=true')).json();
    expect(dry.errors).toEqual([]);
    expect(dry.updates.map((u: { email: string; changes: unknown[] }) => [u.email, u.changes])).toEqual([
      ['partner@partner.example', [{ field: 'accessExpiresAt', before: endOf(until), after: endOf(later) }]],
      [
        'staff@corp.test',
        [
          { field: 'role', before: 'employee', after: 'guest' },
          { field: 'accessExpiresAt', before: null, after: endOf(soon) },
        ],
      ],
    ]);
    expect(dry.summary.unchanged).toBe(1);

    expect((await importFile(t, admin, encode(moved, 'utf-8'), 'dryRun=false')).statusCode).toBe(200);
    expect((await byEmail('partner@partner.example'))?.access_expires_at).toBe(endOf(later));
    expect(await ledgerOf(before!.id, 'guest.access_changed')).toEqual([
      expect.objectContaining({ before: endOf(until), after: endOf(later), via: 'csv' }),
    ]);
    expect((await byEmail('consultant@partner.example'))?.access_expires_at).toBe(undated!.access_expires_at);
    expect(await byEmail('staff@corp.test')).toMatchObject({
      role: 'guest',
      access_expires_at: endOf(soon),
    });
  });

  it('refuses rows whose date the people API would refuse, each with its reason', async () => {
    const bad = csv([
      ['email', 'name', 'role', 'access_expires_at'],
      ['past@partner.example', 'Past', 'guest', day(-2)],
      ['far@partner.example', 'Far', 'guest', day(400)],
      ['word@partner.example', 'Word', 'guest', 'soon'],
      ['employee@corp.test', 'Employee', 'employee', day(30)],
      ['norole@corp.test', 'No Role', '', day(30)],
      ['today@partner.example', 'Today', 'guest', day(0)],
    ]);
    const dry = (await importFile(t, admin, encode(bad, 'utf-8'), 'dryRun=true')).json();
    expect(
      dry.errors.map((e: { line: number; field: string; code: string }) => [e.line, e.field, e.code]),
    ).toEqual([
      [2, 'access_expires_at', 'ACCESS_END_PAST'],
      [3, 'access_expires_at', 'ACCESS_END_TOO_FAR'],
      [4, 'access_expires_at', 'ACCESS_END_INVALID'],
      [5, 'access_expires_at', 'ACCESS_END_NOT_GUEST'],
      [6, 'access_expires_at', 'ACCESS_END_NOT_GUEST'],
    ]);
    expect(dry.errors[1].message).toBe('Guest access can be given for at most 365 days.');
    // The rest of today is still in the future: that row is fine.
    expect(dry.creates.map((c: { email: string }) => c.email)).toEqual(['today@partner.example']);

    const apply = await importFile(t, admin, encode(bad, 'utf-8'), 'dryRun=false&force=true');
    expect(apply.statusCode).toBe(400);
    expect(apply.json().code).toBe('IMPORT_HAS_ERRORS');
    expect(await byEmail('today@partner.example')).toBeUndefined();
  });

  it('reads the Russian header and dates, and explains in Russian', async () => {
    const text = csv(
      [
        ['Почта', 'ФИО', 'Роль', 'Доступ до'],
        ['gost@partner.example', 'Гость Партнёров', 'гость', day(45).split('-').reverse().join('.')],
        ['sotrudnik@corp.test', 'Сотрудник Компании', 'сотрудник', day(45)],
      ],
      ';',
    );
    const body = multipart(encode(text, 'windows-1251'));
    const res = await call(t, admin, {
      method: 'POST',
      url: '/api/v1/admin/imports/users?dryRun=true',
      payload: body.payload,
      headers: { ...body.headers, 'accept-language': 'ru' },
    });
    const plan = res.json();
    expect(plan.columns).toEqual(['email', 'name', 'role', 'access_expires_at']);
    expect(plan.errors).toEqual([
      {
        line: 3,
        field: 'access_expires_at',
        code: 'ACCESS_END_NOT_GUEST',
        message:
          'Дата окончания доступа бывает только у гостей: оставьте ячейку пустой или укажите роль guest.',
      },
    ]);
    expect(plan.creates.map((c: { email: string }) => c.email)).toEqual(['gost@partner.example']);
  });
});
