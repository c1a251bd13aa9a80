import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDialect } from '../../../../tests/support/databases.js';
import { queryTemplate } from './query-template.js';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.handle.db
    .insertInto('settings')
    .values(
      ['a', 'b', 'c', 'd'].map((key, i) => ({
        key: `qt.${key}`,
        value: String(i),
        updated_at: '2026-11-29',
      })),
    )
    .execute();
});
afterAll(() => t.drop());

const keysOf = (rows: { key: string }[]) => rows.map((r) => r.key).sort();

describe('query templates', () => {
  const byKeys = queryTemplate(
    (db, { desc }: { desc: boolean }, { keys, above }: { keys: readonly string[]; above: string | null }) => {
      let q = db.selectFrom('settings').select(['key', 'value']).where('key', 'in', keys);
      if (above !== null) q = q.where('value', '>', above);
      return q.orderBy('key', desc ? 'desc' : 'asc');
    },
  );

  it('runs one compiled statement with each call’s values, per shape', async () => {
    const db = t.handle.db;
    expect(
      keysOf(await byKeys.execute(db, { desc: false }, { keys: ['qt.a', 'qt.b'], above: null })),
    ).toEqual(['qt.a', 'qt.b']);
    expect(
      keysOf(await byKeys.execute(db, { desc: false }, { keys: ['qt.c', 'qt.d'], above: null })),
    ).toEqual(['qt.c', 'qt.d']);
    // A longer list, a value where there was null, another shape: each is a statement of its own.
    expect(
      keysOf(
        await byKeys.execute(db, { desc: true }, { keys: ['qt.a', 'qt.b', 'qt.c', 'qt.d'], above: '1' }),
      ),
    ).toEqual(['qt.c', 'qt.d']);
    const ordered = await byKeys.execute(db, { desc: true }, { keys: ['qt.a', 'qt.b', 'qt.c'], above: null });
    expect(ordered.map((r) => r.key)).toEqual(['qt.c', 'qt.b', 'qt.a']);
  });

  it('runs inside a transaction, as a prepared statement on PostgreSQL', async () => {
    await t.handle.db.transaction().execute(async (tx) => {
      const rows = await byKeys.execute(tx, { desc: false }, { keys: ['qt.b'], above: null });
      expect(rows).toEqual([{ key: 'qt.b', value: '1' }]);
      if (testDialect !== 'postgres') return;
      const { rows: prepared } = await sql<{ statement: string }>`
        select statement from pg_prepared_statements where name like 'atrium_%'`.execute(tx);
      expect(prepared.map((p) => p.statement)).toContainEqual(expect.stringContaining('from "settings"'));
    });
  });

  it.runIf(testDialect === 'postgres')('binds a whole list as one array parameter', async () => {
    const anyOf = queryTemplate((db, _: null, { keys }: { keys: readonly string[] }) =>
      db.selectFrom('settings').select('key').where(sql<boolean>`key = any(${keys})`),
    );
    expect(keysOf(await anyOf.execute(t.handle.db, null, { keys: ['qt.a', 'qt.d'] }))).toEqual([
      'qt.a',
      'qt.d',
    ]);
    expect(keysOf(await anyOf.execute(t.handle.db, null, { keys: ['qt.b', 'qt.c'] }))).toEqual([
      'qt.b',
      'qt.c',
    ]);
  });

  it('refuses a value the builder transforms instead of binding it', async () => {
    const prefixed = queryTemplate((db, _: null, { start }: { start: string }) =>
      db.selectFrom('settings').select('key').where('key', 'like', `${start}%`),
    );
    await expect(prefixed.execute(t.handle.db, null, { start: 'qt.' })).rejects.toThrow(
      /transformed a value/,
    );
  });

  it('refuses a value written into the statement’s text', async () => {
    const raw = queryTemplate((db, _: null, { column }: { column: string }) =>
      db.selectFrom('settings').select(sql<string>`${sql.raw(column)}`.as('x')),
    );
    await expect(raw.execute(t.handle.db, null, { column: 'key' })).rejects.toThrow(/into its text/);
  });

  it('outside production, catches a builder whose text depends on a value', async () => {
    const branching = queryTemplate((db, _: null, { key }: { key: string }) =>
      key === 'qt.a'
        ? db.selectFrom('settings').select('key').where('key', '=', key)
        : db.selectFrom('settings').select('value as key').where('key', '=', key),
    );
    // The plan is made with a placeholder, which is not 'qt.a': the second branch.
    await expect(branching.execute(t.handle.db, null, { key: 'qt.a' })).rejects.toThrow(/drifted/);
  });
});
