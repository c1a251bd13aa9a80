import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { insertUser } from '../../../../tests/support/session.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';

let t: TestApp;
let admin: Person;
let employee: Person;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t, 'admin', { name: 'Zz Admin' });
  employee = await signedIn(t, 'employee', { name: 'Zz Employee' });
});
afterAll(async () => {
  await t.close();
});

type Summary = { id: string; name: string };

async function walk(
  url: string,
  limit: number,
  between?: (page: number) => Promise<void>,
): Promise<Summary[]> {
  const seen: Summary[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const sep = url.includes('?') ? '&' : '?';
    const res = await call(t, employee, {
      url: `${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: Summary[]; nextCursor: string | null };
    expect(body.items.length).toBeLessThanOrEqual(limit);
    seen.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return seen;
    await between?.(page);
  }
  throw new Error('too many pages');
}

describe('GET /users pagination', () => {
  it('walks 120 people in pages of 25 with no duplicates and no gaps, stable under inserts', async () => {
    const db = t.database.handle.db;
    // Names with ties (same name, different ids) exercise the id tie-breaker of the cursor.
    for (let i = 0; i < 118; i++) await insertUser(db, { name: `Person ${String(i % 40).padStart(3, '0')}` });
    const all = await walk('/api/v1/users', 25);
    expect(all.length).toBe(120);
    expect(new Set(all.map((p) => p.id)).size).toBe(120);

    const inserted: string[] = [];
    const during = await walk('/api/v1/users', 25, async (page) => {
      // People who sort before and after the cursor arrive while the client is paging.
      inserted.push((await insertUser(db, { name: `Aaa New ${page}` })).id);
      inserted.push((await insertUser(db, { name: `Zzzz New ${page}` })).id);
    });
    const ids = new Set(during.map((p) => p.id));
    expect(ids.size).toBe(during.length);
    for (const p of all) expect(ids.has(p.id)).toBe(true);
  });

  it('refuses forged or garbage cursors with 400', async () => {
    for (const cursor of [
      'garbage!',
      'eyJ4IjoxfQ',
      Buffer.from('[1,2]').toString('base64url'),
      'a'.repeat(600),
    ]) {
      const res = await call(t, employee, { url: `/api/v1/users?cursor=${cursor}` });
      expect(res.statusCode).toBe(400);
    }
    expect((await call(t, employee, { url: '/api/v1/users?limit=0' })).statusCode).toBe(400);
    expect((await call(t, employee, { url: '/api/v1/users?limit=101' })).statusCode).toBe(400);
  });

  it('refuses guests (R22) and the anonymous caller', async () => {
    const guest = await signedIn(t, 'guest');
    expect((await call(t, guest, { url: '/api/v1/users' })).statusCode).toBe(403);
    expect((await call(t, null, { url: '/api/v1/users' })).statusCode).toBe(401);
  });
});

describe('GET /users filters', () => {
  let sales: string;
  let moscow: string;

  beforeAll(async () => {
    const create = async (payload: object) => {
      const res = await call(t, admin, { method: 'POST', url: '/api/v1/users', payload });
      expect(res.statusCode).toBe(201);
      return res.json().id as string;
    };
    sales = (
      await call(t, admin, { method: 'POST', url: '/api/v1/departments', payload: { name: 'Продажи' } })
    ).json().id;
    moscow = (
      await call(t, admin, {
        method: 'POST',
        url: '/api/v1/departments',
        payload: { name: 'Москва', parentId: sales },
      })
    ).json().id;
    await create({
      email: 'ivan@corp.test',
      name: 'Иван Грозный',
      position: 'Менеджер по продажам',
      departmentId: sales,
      skills: ['Переговоры', 'CRM'],
    });
    await create({
      email: 'ЁЖИК@corp.test',
      name: 'ЁЖИК Туманов',
      position: 'Старший менеджер',
      departmentId: moscow,
      skills: ['crm'],
    });
    await create({
      email: 'percent@corp.test',
      name: 'Скидка 50%_off',
      position: 'Маркетолог',
      skills: ['SEO'],
    });
    await create({ email: 'plain@corp.test', name: 'Скидка 50 off', position: 'Маркетолог' });
  });

  // Sorted here: the order between Cyrillic letters is the database collation's business.
  const names = async (query: string) =>
    ((await call(t, employee, { url: `/api/v1/users?${query}` })).json().items as Summary[])
      .map((p) => p.name)
      .sort();

  it('filters by department, with and without sub-departments', async () => {
    expect(await names(`department=${sales}`)).toEqual(['Иван Грозный']);
    expect(await names(`department=${sales}&includeSubdepartments=true`)).toEqual(
      ['Иван Грозный', 'ЁЖИК Туманов'].sort(),
    );
    expect(await names(`department=${moscow}`)).toEqual(['ЁЖИК Туманов']);
  });

  it('filters by skill case-insensitively and by part of the position', async () => {
    expect(await names(`skill=${encodeURIComponent('CRM')}`)).toEqual(
      ['Иван Грозный', 'ЁЖИК Туманов'].sort(),
    );
    expect(await names(`skill=${encodeURIComponent('переговоры')}`)).toEqual(['Иван Грозный']);
    expect(await names(`position=${encodeURIComponent('МЕНЕДЖЕР')}`)).toEqual(
      ['Иван Грозный', 'ЁЖИК Туманов'].sort(),
    );
  });

  it('searches names and e-mails case-insensitively, Cyrillic included', async () => {
    expect(await names(`q=${encodeURIComponent('ёжик')}`)).toEqual(['ЁЖИК Туманов']);
    expect(await names(`q=${encodeURIComponent('ЕЖИК')}`)).toEqual(['ЁЖИК Туманов']);
    expect(await names(`q=${encodeURIComponent('ГРОЗН')}`)).toEqual(['Иван Грозный']);
    expect(await names(`q=${encodeURIComponent('IVAN@')}`)).toEqual(['Иван Грозный']);
    expect(await names(`q=${encodeURIComponent('ivan')}&skill=crm&department=${sales}`)).toEqual([
      'Иван Грозный',
    ]);
  });

  it('treats LIKE wildcards in the query as text', async () => {
    expect(await names(`q=${encodeURIComponent('50%_')}`)).toEqual(['Скидка 50%_off']);
    expect(await names(`q=${encodeURIComponent('%')}`)).toEqual(['Скидка 50%_off']);
    expect(await names(`q=${encodeURIComponent('_')}`)).toEqual(['Скидка 50%_off']);
  });

  it('lists only active people', async () => {
    const gone = await signedIn(t, 'employee', { name: 'Ушедший Сотрудник', status: 'deactivated' });
    expect(await names(`q=${encodeURIComponent('ушедший')}`)).toEqual([]);
    expect((await call(t, employee, { url: `/api/v1/users/${gone.id}` })).json().status).toBe('deactivated');
  });

  it('suggests skills by prefix, most common first', async () => {
    const res = await call(t, employee, { url: `/api/v1/skills?q=${encodeURIComponent('c')}` });
    expect(res.json().items).toEqual([{ skill: expect.stringMatching(/^crm$/i), count: 2 }]);
    const all = (await call(t, employee, { url: '/api/v1/skills' })).json().items;
    expect(all[0].count).toBe(2);
    expect((await call(t, await signedIn(t, 'guest'), { url: '/api/v1/skills' })).statusCode).toBe(403);
  });
});
