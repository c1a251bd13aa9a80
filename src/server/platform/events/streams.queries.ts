import type { Tx } from '../db/database.js';
import { queryTemplate } from '../db/query-template.js';

// Compiled once (db/query-template.ts): these run for every durable event, chat messages included.
const bumpHead = queryTemplate((db, _: null, { stream }: { stream: string }) =>
  db
    .updateTable('stream_heads')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('stream', '=', stream)
    .returning('seq'),
);
const insertEvent = queryTemplate(
  (db, _: null, event: { stream: string; seq: number; type: string; data: string; created_at: string }) =>
    db.insertInto('stream_events').values(event),
);

/** Moves the stream's head one on and returns it; undefined for a stream without events yet. */
export async function bumpStreamHead(tx: Tx, stream: string): Promise<number | undefined> {
  const [row] = await bumpHead.execute(tx, null, { stream });
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
  await insertEvent.execute(tx, null, {
    stream: event.stream,
    seq: event.seq,
    type: event.type,
    data: event.data,
    created_at: event.createdAt,
  });
}
