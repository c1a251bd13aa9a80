import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from './database.js';
import type { CheckpointResult } from './sqlite-checkpoints.js';

const pageBytes = 4096;

describe('SQLite checkpoints on a worker thread', () => {
  let dir = '';
  let handle: DatabaseHandle | undefined;

  afterEach(async () => {
    await handle?.close();
    handle = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function open(intervalMs: number, seen: CheckpointResult[] = [], errors: string[] = []) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-checkpoints-'));
    const file = path.join(dir, 'atrium.db');
    handle = openDatabase(`sqlite:${file}`, {
      backgroundCheckpoints: {
        intervalMs,
        onCheckpoint: (result) => seen.push(result),
        onError: (message) => errors.push(message),
      },
    });
    return { db: handle.db, file };
  }

  /** Writes about `pages` pages of rows, a commit at a time as the server does. */
  async function write(db: DatabaseHandle['db'], pages: number) {
    await sql`create table if not exists filler (id integer primary key, body text not null)`.execute(db);
    for (let i = 0; i < pages; i++)
      await sql`insert into filler (body) values (${'x'.repeat(3900)})`.execute(db);
  }

  const walBytes = (file: string) => fs.statSync(`${file}-wal`).size;

  it('keeps checkpoints out of commits: the log grows past SQLite’s 1,000-page trigger', async () => {
    // An interval longer than the test: only the serving connection's commits run.
    const { db, file } = open(3_600_000);
    await write(db, 1500);
    expect(walBytes(file)).toBeGreaterThan(1500 * pageBytes);
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db);
    expect(rows[0]!.wal_autocheckpoint).toBe(0);
  });

  it('copies the log back into the database file beside the writer, and nothing is lost', async () => {
    const seen: CheckpointResult[] = [];
    const errors: string[] = [];
    const { db, file } = open(20, seen, errors);
    await write(db, 600);
    // Caught up: some checkpoint copied every frame the log held.
    await expect
      .poll(() => seen.some((r) => r.log > 0 && r.checkpointed === r.log), { timeout: 10_000 })
      .toBe(true);
    expect(errors).toEqual([]);
    expect(fs.statSync(file).size).toBeGreaterThan(600 * pageBytes);

    await handle!.close();
    handle = undefined;
    // Closing the last connection folds the log in and removes it; the rows are all there.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const reopened = openDatabase(`sqlite:${file}`);
    const { rows } = await sql<{ n: number }>`select count(*) as n from filler`.execute(reopened.db);
    expect(rows[0]!.n).toBe(600);
    await reopened.close();
  });

  it('stops its thread with the database, also when no checkpoint has run yet', async () => {
    const { db } = open(3_600_000);
    await write(db, 10);
    // A thread that never ended would hold close() until the test's timeout.
    await handle!.close();
    handle = undefined;
  });
});
