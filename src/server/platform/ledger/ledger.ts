import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import type { Executor, Tx } from '../db/database.js';
import type { LedgerTable } from '../db/schema.js';
import { blobKeysIn } from '../storage/blobs.js';

// The package is CommonJS with an ES-style declaration: at run time the default import is the function.
const canonicalize = canonicalizeModule as unknown as (value: unknown) => string | undefined;

export const GENESIS_HASH = '0'.repeat(64);

/** What a feature records: who did what to which subject, with the details. */
export interface LedgerEntryInput {
  actorId: string | null;
  /** `noun.verbed`, e.g. `auth.login.succeeded`, `user.role.changed`. */
  action: string;
  subjectType: string;
  subjectId: string | null;
  /** Details; for content, the full version. Must be JSON-serialisable. */
  payload?: Record<string, unknown>;
}

/** A stored entry: the ledger table's row as written. */
export type LedgerRow = LedgerTable;

/** Canonical JSON (RFC 8785) so that the same entry always hashes to the same bytes. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('Value cannot be canonicalised');
  return text;
}

/** The hash of an entry: SHA-256 over the previous hash and the canonical entry. */
export function entryHash(row: Omit<LedgerRow, 'hash'>): string {
  const body = canonicalJson({
    seq: row.seq,
    ts: row.ts,
    actor_id: row.actor_id,
    action: row.action,
    subject_type: row.subject_type,
    subject_id: row.subject_id,
    payload: row.payload,
  });
  return createHash('sha256').update(row.prev_hash).update('\n').update(body).digest('hex');
}

/**
 * Appends one entry to the hash chain inside the caller's transaction, so the entry exists if
 * and only if the change it records was committed. Moving the head row first takes its row
 * lock on PostgreSQL (SQLite has a single writer anyway), which keeps the sequence gapless and
 * the chain linear under concurrent writers. The blob keys the payload names go into
 * `ledger_blob_keys` in the same transaction — beside the entry, not in it, so its hash is
 * unchanged: the blob sweep keeps those files however the rows that held them are deleted (X6).
 */
export async function appendLedger(tx: Tx, input: LedgerEntryInput): Promise<LedgerRow> {
  const head = await tx
    .updateTable('ledger_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const base = {
    seq: Number(head.seq),
    ts: new Date().toISOString(),
    actor_id: input.actorId,
    action: input.action,
    subject_type: input.subjectType,
    subject_id: input.subjectId,
    payload: canonicalJson(input.payload ?? {}),
    prev_hash: head.hash,
  };
  const row: LedgerRow = { ...base, hash: entryHash(base) };
  await tx.insertInto('ledger').values(row).execute();
  await tx.updateTable('ledger_head').set({ hash: row.hash }).where('id', '=', 1).execute();
  // From the stored JSON rather than the input: what the migration's backfill reads, too.
  const blobKeys = blobKeysIn(JSON.parse(row.payload));
  if (blobKeys.length > 0) {
    await tx
      .insertInto('ledger_blob_keys')
      .values(blobKeys.map((blob_key) => ({ blob_key })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return row;
}

/** The current head of the chain. */
export async function readLedgerHead(db: Executor): Promise<{ seq: number; hash: string }> {
  const head = await db
    .selectFrom('ledger_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { seq: Number(head.seq), hash: head.hash };
}
