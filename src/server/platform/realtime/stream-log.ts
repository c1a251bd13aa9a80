import type { Executor } from '../db/database.js';

/**
 * Reads of the durable stream log (`stream_events`, `stream_heads`) that the gateway replays
 * from; written by `appendStreamEvent` (events/streams.ts).
 */

export interface LoggedEvent {
  stream: string;
  seq: number;
  type: string;
  data: unknown;
}

/** Each stream's head `seq` (0 for a stream that never had an event). */
export async function readStreamHeads(db: Executor, names: readonly string[]): Promise<Map<string, number>> {
  const heads = new Map<string, number>(names.map((name) => [name, 0]));
  for (let i = 0; i < names.length; i += 500) {
    const rows = await db
      .selectFrom('stream_heads')
      .select(['stream', 'seq'])
      .where('stream', 'in', names.slice(i, i + 500))
      .execute();
    for (const row of rows) heads.set(row.stream, Number(row.seq));
  }
  return heads;
}

/** Up to `limit` events of `stream` after `afterSeq`, oldest first. */
export async function readStreamEvents(
  db: Executor,
  stream: string,
  afterSeq: number,
  limit: number,
): Promise<LoggedEvent[]> {
  const rows = await db
    .selectFrom('stream_events')
    .select(['seq', 'type', 'data'])
    .where('stream', '=', stream)
    .where('seq', '>', afterSeq)
    .orderBy('seq', 'asc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ stream, seq: Number(row.seq), type: row.type, data: JSON.parse(row.data) }));
}

/**
 * Deletes events written before `olderThan` (the heads stay, so numbering never restarts).
 * A client whose cursor points into the deleted range gets a `reset` and refetches.
 */
export async function pruneStreamEvents(db: Executor, olderThan: Date): Promise<number> {
  const result = await db
    .deleteFrom('stream_events')
    .where('created_at', '<', olderThan.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
