import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/databases.js';
import type { Db } from '../db/database.js';
import { appendLedger, canonicalJson, entryHash, readLedgerHead } from './ledger.js';
import { loadOrCreateSigningKey, writeCheckpoint } from './signing.js';
import { verifyLedger } from './verify.js';

const run = promisify(execFile);
// The sources, not bin/atrium.js: that prefers a compiled dist/ which may be older than the code under test.
const main = path.resolve(import.meta.dirname, '../../main.ts');

let t: TestDatabase;
let db: Db;
beforeEach(async () => {
  t = await createTestDatabase();
  db = t.handle.db;
});
afterEach(async () => {
  await t.drop();
});

async function appendMany(n: number, from = 0): Promise<void> {
  for (let i = from; i < from + n; i++) {
    await db.transaction().execute((tx) =>
      appendLedger(tx, {
        actorId: null,
        action: 'test.appended',
        subjectType: 'test',
        subjectId: String(i),
        payload: { i, text: `entry ${i} — запись`, nested: { b: 2, a: [1, 'x'] } },
      }),
    );
  }
}

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['--import', 'tsx', main, ...args], {
      env: { ...process.env, DATABASE_URL: t.url, ATRIUM_DATA_DIR: t.dataDir, LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the ledger hash chain', () => {
  it('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: 'я' } })).toBe(
      canonicalJson({ a: { c: 'я', d: [2, 1] }, b: 1 }),
    );
  });

  it('appends gapless entries that verify, with signed checkpoints', async () => {
    const key = loadOrCreateSigningKey(t.dataDir);
    await appendMany(5);
    expect(await writeCheckpoint(db, key)).toBe(5);
    expect(await writeCheckpoint(db, key)).toBeNull();
    await appendMany(3, 5);
    expect(await writeCheckpoint(db, key)).toBe(8);
    const report = await verifyLedger(db);
    expect(report).toEqual({ ok: true, entries: 8, checkpoints: 2, problem: null });
    expect((await readLedgerHead(db)).seq).toBe(8);
  });

  it('an entry rolled back with its transaction leaves no trace and no gap', async () => {
    await appendMany(2);
    await expect(
      db.transaction().execute(async (tx) => {
        await appendLedger(tx, {
          actorId: null,
          action: 'test.doomed',
          subjectType: 'test',
          subjectId: null,
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await appendMany(1, 2);
    const seqs = (await db.selectFrom('ledger').select('seq').orderBy('seq').execute()).map((r) =>
      Number(r.seq),
    );
    expect(seqs).toEqual([1, 2, 3]);
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('keeps the blob keys a payload names beside the entry, in its transaction, hash unchanged', async () => {
    const [photo, old, doc, doomed] = ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64), 'd'.repeat(64)];
    const ledgerBlobKeys = async () =>
      (await db.selectFrom('ledger_blob_keys').select('blob_key').orderBy('blob_key').execute()).map(
        (r) => r.blob_key,
      );
    const row = await db.transaction().execute((tx) =>
      appendLedger(tx, {
        actorId: null,
        action: 'user.updated',
        subjectType: 'user',
        subjectId: 'u1',
        payload: { changes: [{ field: 'photo', before: old, after: photo }], note: photo.toUpperCase() },
      }),
    );
    // Named again by a later entry: stored once, no conflict.
    await db.transaction().execute((tx) =>
      appendLedger(tx, {
        actorId: null,
        action: 'file.uploaded',
        subjectType: 'file',
        subjectId: 'f1',
        payload: { blobKey: doc, previous: { blobKey: old } },
      }),
    );
    await expect(
      db.transaction().execute(async (tx) => {
        await appendLedger(tx, {
          actorId: null,
          action: 'file.uploaded',
          subjectType: 'file',
          subjectId: 'f2',
          payload: { blobKey: doomed },
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await appendMany(1);

    expect(await ledgerBlobKeys()).toEqual([photo, old, doc].sort());
    const { hash, ...base } = row;
    expect(hash).toBe(entryHash(base));
    const stored = await db
      .selectFrom('ledger')
      .selectAll()
      .where('seq', '=', row.seq)
      .executeTakeFirstOrThrow();
    expect({ ...stored, seq: Number(stored.seq) }).toEqual(row);
    expect(await verifyLedger(db)).toMatchObject({ ok: true, entries: 3 });
  });

  it('concurrent writers still produce one gapless chain', async () => {
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        db.transaction().execute((tx) =>
          appendLedger(tx, {
            actorId: null,
            action: 'test.parallel',
            subjectType: 'test',
            subjectId: String(i),
          }),
        ),
      ),
    );
    const report = await verifyLedger(db);
    expect(report.ok).toBe(true);
    expect(report.entries).toBe(25);
  });

  describe('detects tampering', () => {
    beforeEach(async () => {
      await appendMany(10);
      await writeCheckpoint(db, loadOrCreateSigningKey(t.dataDir));
    });

    it.each([
      [
        'a changed payload',
        () => sql`update ledger set payload = '{"i":99}' where seq = 4`,
        { kind: 'altered', seq: 4 },
      ],
      [
        'a changed action',
        () => sql`update ledger set action = 'x.y' where seq = 7`,
        { kind: 'altered', seq: 7 },
      ],
      [
        'a changed timestamp',
        () => sql`update ledger set ts = '2001-01-01T00:00:00.000Z' where seq = 1`,
        { kind: 'altered', seq: 1 },
      ],
      ['a deleted entry', () => sql`delete from ledger where seq = 6`, { kind: 'gap', seq: 7, expected: 6 }],
      [
        'a re-hashed entry',
        () => sql`update ledger set hash = prev_hash where seq = 3`,
        { kind: 'altered', seq: 3 },
      ],
      ['a cut-off tail', () => sql`delete from ledger where seq > 8`, { kind: 'gap', seq: 10, expected: 9 }],
      [
        'a forged checkpoint',
        () => sql`update ledger_checkpoints set head_hash = ${'f'.repeat(64)}`,
        { kind: 'bad-signature', seq: 10 },
      ],
    ])('%s', async (_name, mutate, problem) => {
      await mutate().execute(db);
      const report = await verifyLedger(db);
      expect(report.ok).toBe(false);
      expect(report.problem).toEqual(problem);
    });

    it('`atrium audit verify` exits non-zero and names the altered row', async () => {
      const clean = await cli('audit', 'verify');
      expect(clean.code).toBe(0);
      expect(clean.stdout).toContain('Ledger OK: 10 entries');
      await sql`update ledger set subject_id = 'someone-else' where seq = 6`.execute(db);
      const tampered = await cli('audit', 'verify');
      expect(tampered.code).toBe(1);
      expect(tampered.stderr).toContain('entry 6 was altered');
      expect(tampered.stderr).toContain('First bad entry: seq 6');
    });
  });
});
