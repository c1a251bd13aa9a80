import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Dialect, Executor } from '../db/database.js';
import type { Database } from '../db/schema.js';

/** A column that holds the key of a blob in the store (blob-store.ts), typed against the schema. */
export type BlobColumn = {
  [T in keyof Database]: { table: T; column: keyof Database[T] & string };
}[keyof Database];

/**
 * Every column that keeps a blob alive: while any row holds a key in one of these, the blob sweep
 * (blob-sweep.ts) leaves it on disk. Rows deleted in the product but kept in their table — files
 * in the trash (`files.deleted_at`; their versions are never removed), attachments of deleted
 * chat messages, archived sticker packs — are rows like any other, so their bytes stay.
 *
 * The ledger counts too (`ledger_blob_keys`: every key any entry's payload names — an upload's
 * `blobKey`, a photo's `before` and `after`). Deleting a post or a group deletes its documents'
 * rows by cascade, yet deleted content must stay readable for compliance (X6), and the ledger is
 * where it is read from. So a blob the ledger ever named stays for good: replaced photos and
 * removed stickers included. What goes is what no row holds and no entry names: bytes stored
 * for an upload that was then refused or rolled back, thumbnails (derived, never recorded) of
 * documents deleted for real, and chat attachments once their rows are gone (a chat deleted with
 * its group), as sends are not recorded in the ledger.
 *
 * `blob-sweep.test.ts` compares this list with the migrated schema: a new column whose name
 * looks like a key or a hash fails it until it is added here or named as not being a blob.
 */
export const blobColumns: readonly BlobColumn[] = [
  { table: 'uploads', column: 'blob_key' },
  { table: 'file_versions', column: 'blob_key' },
  { table: 'file_versions', column: 'thumb_key' },
  { table: 'chat_attachments', column: 'blob_key' },
  { table: 'chat_attachments', column: 'thumb_key' },
  { table: 'stickers', column: 'blob_key' },
  { table: 'users', column: 'photo_key' },
  { table: 'groups', column: 'photo_key' },
  { table: 'chats', column: 'photo_key' },
  { table: 'ledger_blob_keys', column: 'blob_key' },
];

/**
 * The subset of `keys` that some row references. One statement over every column, so that on
 * both engines it reads one snapshot: a key moving between tables (a row replaced by another in
 * one transaction) is seen in one place or the other, never in neither. Keep `keys` to a few
 * hundred: each appears once per column as a bound parameter.
 */
export async function listReferencedBlobKeys(db: Executor, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const list = sql.join(keys);
  const selects = blobColumns.map(
    ({ table, column }) =>
      sql`select ${sql.ref(column)} as blob_key from ${sql.table(table)} where ${sql.ref(column)} in (${list})`,
  );
  const { rows } = await sql<{ blob_key: string }>`${sql.join(selects, sql` union `)}`.execute(db);
  return new Set(rows.map((row) => row.blob_key));
}

/** The first key of the sweep's advisory lock (the second is fixed): apart from other locks. */
const sweepLockSpace = 0x42_4c_4f_42;
const sweepLockId = createHash('sha256').update('blob-sweep').digest().readInt32BE(0);

/**
 * Runs `fn` unless a sweep already runs against this database. PostgreSQL: a session advisory
 * lock, held on one connection of the pool for the whole run (and `fn` gets that connection), so
 * one node sweeps at a time however many there are; `undefined` when another holds it. SQLite:
 * one process serves a database file, which guards itself; `fn` gets the database as is — a
 * reserved connection would be Kysely's only one, and block every request until the sweep ends.
 */
export async function withBlobSweepLock<T>(
  db: Db,
  dialect: Dialect,
  fn: (db: Db) => Promise<T>,
): Promise<T | undefined> {
  if (dialect !== 'postgres') return fn(db);
  return db.connection().execute(async (connection) => {
    const { rows } = await sql<{ locked: boolean }>`
      select pg_try_advisory_lock(${sweepLockSpace}::int4, ${sweepLockId}::int4) as locked`.execute(
      connection,
    );
    if (!rows[0]?.locked) return undefined;
    try {
      return await fn(connection);
    } finally {
      await sql`select pg_advisory_unlock(${sweepLockSpace}::int4, ${sweepLockId}::int4)`.execute(connection);
    }
  });
}
