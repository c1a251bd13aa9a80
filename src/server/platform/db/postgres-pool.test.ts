import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDialect } from '../../../../tests/support/databases.js';
import { storageErrorCode } from '../http/problem.js';
import { type DatabaseHandle, openDatabase } from './database.js';

describe.runIf(testDialect === 'postgres')('a PostgreSQL pool with every connection busy', () => {
  let database: TestDatabase;
  let small: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestDatabase();
    small = openDatabase(database.url, { pool: { max: 1, connectionTimeoutMillis: 200 } });
  });

  afterAll(async () => {
    await small.close();
    await database.drop();
  });

  it('answers a query that waited too long as the database being unavailable (503), not a bug', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered = () => {};
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const holder = small.db.transaction().execute(async (tx) => {
      await sql`select 1`.execute(tx);
      entered();
      await held;
    });
    await inside;
    const error = await sql`select 1`.execute(small.db).then(
      () => undefined,
      (e: unknown) => e,
    );
    release();
    await holder;
    expect(error).toBeInstanceOf(Error);
    expect(storageErrorCode(error)).toBe('SERVICE_UNAVAILABLE');
    // The pool is whole again once the connection is back.
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(small.db);
    expect(rows).toEqual([{ one: 1 }]);
  });
});
