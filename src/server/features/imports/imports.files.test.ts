import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, encode, importFile } from '../../../../tests/support/csv-files.js';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import type { Ctx } from '../../platform/context.js';
import { importUsersCsv } from './imports.service.js';

let t: TestApp;
let admin: Person;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t, 'admin');
});
afterAll(async () => {
  await t.close();
});

const byEmail = (email: string) =>
  t.database.handle.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();

const russianHeader = [
  'Почта',
  'ФИО',
  'Должность',
  'Подразделение',
  'Руководитель',
  'Табельный номер',
  'Дата приёма',
  'Роль',
];

describe('encodings and headers', () => {
  it.each([
    ['utf-8', 'enc-a'],
    ['utf-8-bom', 'enc-b'],
    ['windows-1251', 'enc-c'],
  ] as const)('reads %s files with Russian headers and ; as delimiter', async (encoding, prefix) => {
    const text = csv(
      [
        russianHeader,
        [
          `${prefix}.boss@corp.test`,
          'Ёлкина Алёна Игоревна',
          'Директор',
          'Продажи/Москва',
          '',
          `${prefix}-1`,
          '01.09.2015',
          'сотрудник',
        ],
        [
          `${prefix}.dev@corp.test`,
          'Щукин Юрий',
          'Разработчик; backend',
          'Продажи/Москва',
          `${prefix}.boss@corp.test`,
          `${prefix}-2`,
          '2020-02-29',
          '',
        ],
      ],
      ';',
    );
    // Each file here is a different set of people: force past the guard that would otherwise
    // stop the earlier imports' people from being deactivated.
    const res = await importFile(t, admin, encode(text, encoding), 'dryRun=false&force=true');
    expect(res.statusCode).toBe(200);
    const result = res.json();
    expect(result).toMatchObject({
      encoding: encoding === 'windows-1251' ? 'windows-1251' : 'utf-8',
      delimiter: ';',
    });
    expect(result.columns).toEqual([
      'email',
      'name',
      'position',
      'department',
      'manager_email',
      'employee_id',
      'start_date',
      'role',
    ]);
    const boss = await byEmail(`${prefix}.boss@corp.test`);
    const dev = await byEmail(`${prefix}.dev@corp.test`);
    expect(boss).toMatchObject({ name: 'Ёлкина Алёна Игоревна', start_date: '2015-09-01', role: 'employee' });
    expect(dev).toMatchObject({
      name: 'Щукин Юрий',
      position: 'Разработчик; backend',
      manager_id: boss!.id,
      start_date: '2020-02-29',
    });
  });

  it('lets the caller force the encoding', async () => {
    const text = csv([
      ['email', 'name'],
      ['forced@corp.test', 'Привет'],
    ]);
    const res = await importFile(t, admin, encode(text, 'windows-1251'), 'dryRun=true&encoding=windows-1251');
    expect(res.json().creates[0].name).toBe('Привет');
  });

  it('reports unknown columns as warnings', async () => {
    const text = csv([
      ['email', 'name', 'shoe size'],
      ['shoe@corp.test', 'Shoe', '44'],
    ]);
    const res = (await importFile(t, admin, encode(text, 'utf-8'), 'dryRun=true')).json();
    expect(res.warnings).toEqual([expect.objectContaining({ code: 'UNKNOWN_COLUMN', line: 1 })]);
  });
});

describe('cells are data', () => {
  it('keeps cells starting with = + - @ exactly as written', async () => {
    const formulas = ['=HYPERLINK("http://evil.example","x")', '+7 (495) 123-45-67', '-2+3', '@SUM(A1:A2)'];
    const text = csv([
      ['email', 'name', 'position', 'phone', 'office'],
      ['formula@corp.test', formulas[0]!, formulas[2]!, formulas[1]!, formulas[3]!],
    ]);
    const res = await importFile(t, admin, encode(text, 'utf-8'), 'dryRun=false&force=true');
    expect(res.statusCode).toBe(200);
    expect(await byEmail('formula@corp.test')).toMatchObject({
      name: formulas[0],
      position: formulas[2],
      phone: formulas[1],
      office: formulas[3],
    });
  });
});

describe('bad files', () => {
  it.each([
    ['an unclosed quote', 'email,name\nq@corp.test,"Broken\n', 'quote'],
    ['a short row', 'email,name,city\na@corp.test,A\n', 'line 2'],
    ['no e-mail column', 'name,city\nA,B\n', 'email'],
    ['an empty file', '   \n', 'empty'],
    ['a duplicated column', 'email,name,e-mail\na@corp.test,A,b@corp.test\n', 'twice'],
  ])('refuses %s with a readable reason', async (_case, text, fragment) => {
    const res = await importFile(t, admin, Buffer.from(text), 'dryRun=true');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('IMPORT_INVALID_FILE');
    expect(res.json().detail).toContain(fragment);
  });

  it('refuses files over 10 MB with 413', async () => {
    const big = Buffer.concat([Buffer.from('email,name\n'), Buffer.alloc(10 * 1024 * 1024 + 1, 0x61)]);
    const res = await importFile(t, admin, big, 'dryRun=true');
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('gives the reason in Russian too', async () => {
    const res = await importFile(t, admin, Buffer.from('email,name\nq@corp.test,"Broken\n'), 'dryRun=true');
    expect(res.statusCode).toBe(400);
    const ru = await call(t, admin, {
      method: 'POST',
      url: '/api/v1/admin/imports/users?dryRun=true',
      headers: { 'accept-language': 'ru', 'content-type': 'multipart/form-data; boundary=b' },
      payload: Buffer.from(
        '--b\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nname\nx\r\n--b--\r\n',
      ),
    });
    expect(ru.json().detail).toContain('в заголовке должны быть столбцы');
  });

  it('lists row errors on a dry run and refuses to apply them', async () => {
    const text = csv([
      ['email', 'name', 'manager_email', 'birthday', 'role'],
      ['not-an-email', 'Нет почты', '', '', ''],
      ['dup@corp.test', 'Первый', '', '', ''],
      ['DUP@corp.test', 'Второй', '', '', ''],
      ['noname@corp.test', '\u200B', '', '', ''],
      ['a@corp.test', 'A', 'b@corp.test', '31.02.1990', 'boss'],
      ['b@corp.test', 'B', 'a@corp.test', '', ''],
      ['c@corp.test', 'C', 'nobody@corp.test', '', ''],
    ]);
    const dry = (await importFile(t, admin, encode(text, 'utf-8'), 'dryRun=true')).json();
    const errors = dry.errors.map((e: { line: number; code: string }) => [e.line, e.code]);
    expect(errors).toEqual([
      [2, 'EMAIL_INVALID'],
      [4, 'DUPLICATE_EMAIL'],
      [5, 'NAME_MISSING'],
      [6, 'MANAGER_CYCLE'],
      [7, 'MANAGER_CYCLE'],
    ]);
    const warnings = dry.warnings.map((e: { line: number; code: string }) => [e.line, e.code]);
    expect(warnings).toEqual([
      [6, 'ROLE_INVALID'],
      [6, 'DATE_INVALID'],
      [8, 'MANAGER_UNKNOWN'],
    ]);
    expect(dry.errors[0].message).toBeTruthy();
    const apply = await importFile(t, admin, encode(text, 'utf-8'), 'dryRun=false');
    expect(apply.statusCode).toBe(400);
    expect(apply.json().code).toBe('IMPORT_HAS_ERRORS');
    expect(await byEmail('c@corp.test')).toBeUndefined();
  });
});

describe('the service the CLI calls', () => {
  it('never leaves the company without an active administrator', async () => {
    const ctx: Ctx = {
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
    const text = csv([
      ['email', 'name', 'role'],
      [admin.email, admin.name, 'employee'],
    ]);
    const dry = await importUsersCsv(ctx, encode(text, 'utf-8'), { dryRun: true, force: true });
    expect(dry.errors).toEqual([expect.objectContaining({ code: 'LAST_ADMIN' })]);
    await expect(
      importUsersCsv(ctx, encode(text, 'utf-8'), { dryRun: false, force: true }),
    ).rejects.toMatchObject({
      code: 'IMPORT_HAS_ERRORS',
    });
    expect((await byEmail(admin.email))?.role).toBe('admin');
  });

  it('never changes the importing admin’s own role', async () => {
    const text = csv([
      ['email', 'name', 'role'],
      [admin.email, admin.name, 'guest'],
    ]);
    const res = (await importFile(t, admin, encode(text, 'utf-8'), 'dryRun=false&force=true')).json();
    expect(res.warnings).toContainEqual(expect.objectContaining({ code: 'SELF_KEPT' }));
    expect((await byEmail(admin.email))?.role).toBe('admin');
  });
});
