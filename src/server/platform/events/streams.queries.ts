import type { Tx } from '../db/database.js';
import { fixedQuery } from '../db/fixed-query.js';

// Fixed text: these run for every durable event, chat messages included (db/fixed-query.ts).
const bumpHeadQuery = fixedQuery<{ seq: number | string }>(
  'update stream_heads set seq = seq + 1 where stream = ? returning seq',
);
const insertEventQuery = fixedQuery(
  'insert into stream_events (stream, seq, type, data, created_at) values (?, ?, ?, ?, ?)',
);

/** Moves the stream's head one on and returns it; undefined for a stream without events yet. */
export async function bumpStreamHead(tx: Tx, stream: string): Promise<number | undefined> {
  const row = (await bumpHeadQuery.execute(tx, [stream])).rows[0];
  return row === undefined ? undefined : Number(row.seq);
}

/** The first event of a stream: creates its head, or moves it if a concurrent writer just did. */
export async function createStreamHead(tx: Tx, stream: string): Promise<number> {
  await tx
    .insertInto('stream_heads')
    .values({ stream, seq: 1 })
    .onConflict((oc) => oc.column('stream').doUpdateSet((eb) => ({ seq: eb('stream_heads.seq', '+', 1) })))
    .execute();
  const head = await tx
    .selectFrom('stream_heads')
    .select('seq')
    .where('stream', '=', stream)
    .executeTakeFirstOrThrow();
  return Number(head.seq);
}

export async function insertStreamEvent(
  tx: Tx,
  event: { stream: string; seq: number; type: string; data: string; createdAt: string },
): Promise<void> {
  await insertEventQuery.execute(tx, [event.stream, event.seq, event.type, event.data, event.createdAt]);
}
