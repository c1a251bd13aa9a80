import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDialect } from '../../../tests/support/databases.js';
import type { Db } from '../platform/db/database.js';
import { appendLedger } from '../platform/ledger/ledger.js';
import { verifyLedger } from '../platform/ledger/verify.js';
import { backfillLedgerBlobKeys, up } from './0009_blob_references.js';

/**
 * The migration on a database whose ledger was written before it: the test database is migrated
 * to the latest version, so what 0009 created is dropped again and the migration re-run over
 * entries appended through the ledger API (the migrator only migrates to the latest).
 */

let t: TestDatabase;
let db: Db;
/** The same database as migrations see it: written against no schema. */
let schemaless: Kysely<unknown>;
beforeEach(async () => {
  t = await createTestDatabase();
  db = t.handle.db;
  schemaless = db as unknown as Kysely<unknown>;
});
afterEach(async () => {
  await t.drop();
});

const indexes = [
  'uploads_blob_key',
  'file_versions_blob_key',
  'file_versions_thumb_key',
  'chat_attachments_blob_key',
  'chat_attachments_thumb_key',
  'stickers_blob_key',
  'users_photo_key',
  'groups_photo_key',
  'chats_photo_key',
];

async function existingIndexes(): Promise<string[]> {
  const list = sql.join(indexes);
  const { rows } =
    testDialect === 'postgres'
      ? await sql<{ name: string }>`select indexname as name from pg_indexes
          where indexname in (${list})`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master
          where type = 'index' and name in (${list})`.execute(db);
  return rows.map((row) => row.name).sort();
}

const ledgerBlobKeys = async () =>
  (await db.selectFrom('ledger_blob_keys').select('blob_key').orderBy('blob_key').execute()).map(
    (row) => row.blob_key,
  );

const key = (c: string) => c.repeat(64);

/** Entries as features write them: keys at the top, nested in changes, or none at all. */
async function appendHistory(): Promise<string[]> {
  const payloads: Record<string, unknown>[] = [
    { name: 'a.pdf', blobKey: key('1') },
    { via: 'self', changes: [{ field: 'photo', before: null, after: key('2') }] },
    { via: 'self', changes: [{ field: 'photo', before: key('2'), after: key('3') }] },
    { body: 'no files here', hash: key('A'), requestId: 'req-1' },
    { version: 2, blobKey: key('1'), restored: { from: { blobKey: key('4') } } },
  ];
  for (const [i, payload] of payloads.entries()) {
    await db.transaction().execute((tx) =>
      appendLedger(tx, {
        actorId: null,
        action: 'test.appended',
        subjectType: 'test',
        subjectId: `${i}`,
        payload,
      }),
    );
  }
  return [key('1'), key('2'), key('3'), key('4')];
}

describe('migration 0009_blob_references', () => {
  it('indexes every blob key column and backfills the keys existing ledger entries name', async () => {
    const expected = await appendHistory();
    expect(await existingIndexes()).toEqual([...indexes].sort());

    // Back to how 0008 left the database, with the ledger kept.
    await db.schema.dropTable('ledger_blob_keys').execute();
    for (const name of indexes) await db.schema.dropIndex(name).execute();
    expect(await existingIndexes()).toEqual([]);

    await up(schemaless);
    expect(await existingIndexes()).toEqual([...indexes].sort());
    expect(await ledgerBlobKeys()).toEqual(expected);
    // The ledger itself is read, never changed.
    expect(await verifyLedger(db)).toMatchObject({ ok: true, entries: 5 });
  });

  it('backfills page by page, adds to what is there, and can run again', async () => {
    const expected = await appendHistory();
    await db.deleteFrom('ledger_blob_keys').where('blob_key', '!=', key('3')).execute();

    await backfillLedgerBlobKeys(schemaless, 2);
    expect(await ledgerBlobKeys()).toEqual(expected);
    await backfillLedgerBlobKeys(schemaless, 1);
    expect(await ledgerBlobKeys()).toEqual(expected);
  });

  it('does nothing to an empty ledger', async () => {
    await backfillLedgerBlobKeys(schemaless);
    expect(await ledgerBlobKeys()).toEqual([]);
  });
});
