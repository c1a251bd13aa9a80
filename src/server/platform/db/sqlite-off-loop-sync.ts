import fs from 'node:fs/promises';
import { CompiledQuery } from 'kysely';
import type { Db, Tx } from './database.js';

/**
 * Transactions whose commit waits for the disk off the event loop, on SQLite.
 *
 * With `synchronous = FULL` a commit syncs the write-ahead log inside `COMMIT`, and better-sqlite3
 * runs `COMMIT` on the event loop: under a steady stream of chat messages those syncs were a
 * tenth of the server's time, during which no socket was served (docs/BENCHMARKS.md "chat").
 * Here the transaction commits with `synchronous = NORMAL` — its log frames are written but not
 * yet synced — and the log file is then synced on libuv's thread pool; the promise resolves only
 * after that sync, so whatever the caller does next (answer, publish) sees a commit as durable as
 * a FULL one. A power loss before the sync can roll the transaction back, exactly as it can a
 * FULL commit that has not returned yet; nobody has been told of it. The connection is held
 * from the first pragma to the last, so no other transaction ever commits with NORMAL.
 *
 * The log file exists as long as the database is open (SQLite deletes it when the last
 * connection closes), so one descriptor serves every sync. PostgreSQL and in-memory databases
 * run a plain transaction.
 */
const logFiles = new WeakMap<Db, { path: string; handle?: Promise<fs.FileHandle> }>();

/** Called by openDatabase for a SQLite file: `path` is the database's write-ahead log. */
export function registerWriteAheadLog(db: Db, path: string): void {
  logFiles.set(db, { path });
}

/** Closes the descriptor opened for `db`'s syncs, if any. */
export async function releaseWriteAheadLog(db: Db): Promise<void> {
  const log = logFiles.get(db);
  logFiles.delete(db);
  await (await log?.handle?.catch(() => undefined))?.close();
}

const unsyncedCommits = CompiledQuery.raw('pragma synchronous = NORMAL');
const syncedCommits = CompiledQuery.raw('pragma synchronous = FULL');

export async function transactSyncingOffLoop<T>(db: Db, run: (tx: Tx) => Promise<T>): Promise<T> {
  const log = logFiles.get(db);
  if (!log) return db.transaction().execute(run);
  const result = await db.connection().execute(async (connection) => {
    await connection.executeQuery(unsyncedCommits);
    try {
      return await connection.transaction().execute(run);
    } finally {
      await connection.executeQuery(syncedCommits);
    }
  });
  // The file is opened here, not at open time: SQLite creates it on the first write. A failed
  // open is not kept: the next commit tries again.
  log.handle ??= fs.open(log.path, 'r').catch((error: unknown) => {
    log.handle = undefined;
    throw error;
  });
  await (await log.handle).datasync();
  return result;
}
