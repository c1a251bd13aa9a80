import type { Db } from '../db/database.js';
import { entryHash, GENESIS_HASH } from './ledger.js';
import { verifyCheckpointSignature } from './signing.js';

export type VerifyProblem =
  | { kind: 'gap'; seq: number; expected: number }
  | { kind: 'broken-link'; seq: number }
  | { kind: 'altered'; seq: number }
  | { kind: 'head-mismatch'; seq: number }
  | { kind: 'bad-signature'; seq: number }
  | { kind: 'checkpoint-mismatch'; seq: number };

export interface VerifyReport {
  ok: boolean;
  entries: number;
  checkpoints: number;
  /** The first problem found, in chain order. */
  problem: VerifyProblem | null;
}

const BATCH = 2000;

/**
 * Recomputes the whole chain from the genesis hash and checks every signed checkpoint against
 * it. Reads in keyset-paginated batches so memory stays flat on a long ledger.
 */
export async function verifyLedger(db: Db): Promise<VerifyReport> {
  const checkpoints = await db.selectFrom('ledger_checkpoints').selectAll().orderBy('seq').execute();
  const cpBySeq = new Map(checkpoints.map((c) => [Number(c.seq), c]));
  let prevHash = GENESIS_HASH;
  let expected = 1;
  let entries = 0;
  const fail = (problem: VerifyProblem): VerifyReport => ({
    ok: false,
    entries,
    checkpoints: checkpoints.length,
    problem,
  });

  for (;;) {
    const rows = await db
      .selectFrom('ledger')
      .selectAll()
      .where('seq', '>=', expected)
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    for (const raw of rows) {
      const row = { ...raw, seq: Number(raw.seq) };
      if (row.seq !== expected) return fail({ kind: 'gap', seq: row.seq, expected });
      if (row.prev_hash !== prevHash) return fail({ kind: 'broken-link', seq: row.seq });
      if (entryHash(row) !== row.hash) return fail({ kind: 'altered', seq: row.seq });
      const cp = cpBySeq.get(row.seq);
      if (cp) {
        if (!verifyCheckpointSignature({ ...cp, seq: Number(cp.seq) }))
          return fail({ kind: 'bad-signature', seq: row.seq });
        if (cp.head_hash !== row.hash) return fail({ kind: 'checkpoint-mismatch', seq: row.seq });
      }
      prevHash = row.hash;
      expected += 1;
      entries += 1;
    }
  }
  // A checkpoint beyond the last entry means entries were cut off the end of the chain.
  const beyond = checkpoints.find((c) => Number(c.seq) >= expected);
  if (beyond) return fail({ kind: 'gap', seq: Number(beyond.seq), expected });
  const head = await db.selectFrom('ledger_head').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!head || Number(head.seq) !== expected - 1 || head.hash !== prevHash) {
    return fail({ kind: 'head-mismatch', seq: expected - 1 });
  }
  return { ok: true, entries, checkpoints: checkpoints.length, problem: null };
}
