import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, type Db, openDatabase } from './database.js';
import { transactSyncingOffLoop } from './sqlite-off-loop-sync.js';

/** SQLite's `synchronous` levels: 1 NORMAL, 2 FULL. */
async function syncLevel(db: Db): Promise<number> {
  const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
  return rows[0]!.synchronous;
}

describe('transactions synced off the event loop (SQLite)', () => {
  let dir = '';
  let handle: DatabaseHandle;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-offloop-'));
    handle = openDatabase(`sqlite:${path.join(dir, 'atrium.db')}`);
    await sql`create table notes (id integer primary key, body text not null unique)`.execute(handle.db);
  });

  afterEach(async () => {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('commits, and the connection is back to FULL for everyone else', async () => {
    const id = await transactSyncingOffLoop(handle.db, async (tx) => {
      // Inside, this transaction's commit is the one that skips the in-COMMIT sync.
      expect(await syncLevel(tx)).toBe(1);
      const { rows } = await sql<{
        id: number;
      }>`insert into notes (body) values ('first') returning id`.execute(tx);
      return rows[0]!.id;
    });
    expect(id).toBe(1);
    expect(await syncLevel(handle.db)).toBe(2);
    const { rows } = await sql<{ body: string }>`select body from notes`.execute(handle.db);
    expect(rows).toEqual([{ body: 'first' }]);
  });

  it('rolls back a failing transaction and still restores FULL', async () => {
    await sql`insert into notes (body) values ('taken')`.execute(handle.db);
    await expect(
      transactSyncingOffLoop(handle.db, async (tx) => {
        await sql`insert into notes (body) values ('kept?')`.execute(tx);
        await sql`insert into notes (body) values ('taken')`.execute(tx);
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect(await syncLevel(handle.db)).toBe(2);
    const { rows } = await sql<{ body: string }>`select body from notes order by id`.execute(handle.db);
    expect(rows).toEqual([{ body: 'taken' }]);
  });

  it('never lets a query waiting for the connection run while it is set to NORMAL', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered = () => {};
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const transaction = transactSyncingOffLoop(handle.db, async (tx) => {
      await sql`insert into notes (body) values ('slow')`.execute(tx);
      entered();
      await gate;
    });
    await inside;
    // Issued while the transaction holds the connection: it runs after the level is restored.
    const levelSeenByOthers = syncLevel(handle.db);
    const write = sql`insert into notes (body) values ('other')`.execute(handle.db);
    release();
    await transaction;
    await write;
    expect(await levelSeenByOthers).toBe(2);
  });

  it('survives the write-ahead log being checkpointed and truncated between commits', async () => {
    for (let i = 0; i < 20; i++) {
      await transactSyncingOffLoop(handle.db, (tx) =>
        sql`insert into notes (body) values (${`n${i}`})`.execute(tx),
      );
      if (i % 5 === 0) await sql`pragma wal_checkpoint(truncate)`.execute(handle.db);
    }
    const { rows } = await sql<{ n: number }>`select count(*) as n from notes`.execute(handle.db);
    expect(rows[0]!.n).toBe(20);
  });
});
