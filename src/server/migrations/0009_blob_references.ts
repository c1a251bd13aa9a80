import { type Kysely, sql } from 'kysely';
import { blobKeysIn } from '../platform/storage/blobs.js';

/**
 * What the blob sweep (platform/storage/blob-sweep.ts) asks before it removes a stored file.
 *
 * - An index on every column that holds a blob key: the sweep looks each old blob up in all of
 *   them, a few hundred keys per query; without these each query scans the nine tables.
 * - `ledger_blob_keys`: every blob key that any ledger entry's payload names. Deleting a post or
 *   a group deletes its documents' rows by cascade, but the ledger keeps their keys, and deleted
 *   content must stay readable for compliance (X6): a blob the ledger names is never removed.
 *   `appendLedger` adds the keys of each new entry in its transaction; entries written before
 *   are read here, in pages by `seq`, with the same extraction (`blobKeysIn`).
 *
 * `if not exists` throughout: SQLite runs a migration outside a transaction, so one interrupted
 * in the backfill can simply run again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, column] of blobKeyColumns) {
    await db.schema.createIndex(`${table}_${column}`).ifNotExists().on(table).column(column).execute();
  }
  await db.schema
    .createTable('ledger_blob_keys')
    .ifNotExists()
    .addColumn('blob_key', 'text', (c) => c.primaryKey())
    .execute();
  await backfillLedgerBlobKeys(db);
}

/** The columns that held blob keys when this was written (blob-references.queries.ts). */
const blobKeyColumns = [
  ['uploads', 'blob_key'],
  ['file_versions', 'blob_key'],
  ['file_versions', 'thumb_key'],
  ['chat_attachments', 'blob_key'],
  ['chat_attachments', 'thumb_key'],
  ['stickers', 'blob_key'],
  ['users', 'photo_key'],
  ['groups', 'photo_key'],
  ['chats', 'photo_key'],
] as const;

/**
 * Adds to `ledger_blob_keys` the keys named by every ledger entry, reading `pageSize` entries at
 * a time so a long ledger is never held whole. Keys already there stay as they are.
 */
export async function backfillLedgerBlobKeys(db: Kysely<unknown>, pageSize = 1000): Promise<void> {
  let after = 0;
  for (;;) {
    const { rows } = await sql<{ seq: number | string; payload: string }>`
      select seq, payload from ledger where seq > ${after} order by seq limit ${pageSize}`.execute(db);
    if (rows.length === 0) return;
    const keys = [...new Set(rows.flatMap((row) => blobKeysIn(JSON.parse(row.payload))))];
    // A few hundred bound parameters per statement, well under either engine's limit.
    for (let i = 0; i < keys.length; i += 500) {
      const values = keys.slice(i, i + 500).map((key) => sql`(${key})`);
      await sql`insert into ledger_blob_keys (blob_key) values ${sql.join(values)}
        on conflict do nothing`.execute(db);
    }
    after = Number(rows[rows.length - 1]!.seq);
  }
}
