import { CompiledQuery } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { transactSyncingOffLoop } from '../../platform/db/sqlite-off-loop-sync.js';
import { beginEffects, type Effect, runEffects } from '../../platform/events/after-commit.js';

/**
 * Group commit of message sends on SQLite. With `synchronous=FULL` every commit waits for an
 * fsync (RELIABILITY.md F2), which caps one-transaction-per-message at a few hundred messages a
 * second whatever the CPU. Sends that arrive while a batch is being written wait and go
 * together into the next transaction, each in a savepoint of its own: a send that fails rolls
 * back alone (and its after-commit effects are dropped), the others commit, and every sender is
 * answered only after the commit and the publishing of the batch's frames — so an acknowledged
 * message is durable, exactly as with a transaction of its own. PostgreSQL groups concurrent
 * commits' WAL flushes by itself and keeps a transaction per send.
 *
 * A job must do all its work through the `tx` it is given: SQLite has one connection, and a
 * query on `ctx.db` inside a job would wait for the batch that waits for it.
 */

interface Job {
  run: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Queue {
  jobs: Job[];
  running: boolean;
  /** When the last batch began (performance.now()). */
  lastBatchAt: number;
}

// Compiled once: these run around every send.
const savepoint = CompiledQuery.raw('savepoint message_send');
const release = CompiledQuery.raw('release message_send');
const rollback = CompiledQuery.raw('rollback to message_send');

/** Sends in one transaction at most: bounds the wait of the last one in a burst. */
const maxBatch = 64;
/**
 * A batch begins at least this long after the one before, unless a full batch is waiting. Sends
 * spread evenly over time would otherwise commit a few at a time: each commit writes the WAL and
 * syncs it on the event loop, and at 1,000 messages a second those commits took a fifth of the
 * server's time (docs/BENCHMARKS.md "chat"). Costs a send at most this much latency under load,
 * nothing when the chat server is idle.
 */
const minBatchGapMs = 10;

const queues = new WeakMap<Db, Queue>();

export function inGroupCommit<T>(ctx: Ctx, run: (tx: Tx) => Promise<T>): Promise<T> {
  let queue = queues.get(ctx.db);
  if (!queue) {
    queue = { jobs: [], running: false, lastBatchAt: Number.NEGATIVE_INFINITY };
    queues.set(ctx.db, queue);
  }
  const promise = new Promise<T>((resolve, reject) => {
    queue.jobs.push({ run, resolve: resolve as (value: unknown) => void, reject });
  });
  if (!queue.running) void drain(ctx, queue);
  return promise;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

async function drain(ctx: Ctx, queue: Queue): Promise<void> {
  queue.running = true;
  try {
    while (queue.jobs.length > 0) {
      const wait = queue.lastBatchAt + minBatchGapMs - performance.now();
      if (wait > 0 && queue.jobs.length < maxBatch) await new Promise((resolve) => setTimeout(resolve, wait));
      queue.lastBatchAt = performance.now();
      const batch = queue.jobs.splice(0, maxBatch);
      const outcomes: Outcome[] = [];
      let effects: Effect[] = [];
      try {
        // Synced on the thread pool, not in COMMIT on the event loop; durable when this returns.
        await transactSyncingOffLoop(ctx.db, async (tx) => {
          effects = beginEffects(tx);
          for (const job of batch) outcomes.push(await runOne(tx, effects, job));
        });
      } catch (error) {
        // The commit itself failed: nothing of the batch is stored.
        for (const job of batch) job.reject(error);
        continue;
      }
      await runEffects(effects, { bus: ctx.bus, log: ctx.log });
      batch.forEach((job, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) job.resolve(outcome.value);
        else job.reject(outcome.error);
      });
    }
  } finally {
    queue.running = false;
  }
}

async function runOne(tx: Tx, effects: Effect[], job: Job): Promise<Outcome> {
  const mark = effects.length;
  await tx.executeQuery(savepoint);
  try {
    const value = await job.run(tx);
    await tx.executeQuery(release);
    return { ok: true, value };
  } catch (error) {
    await tx.executeQuery(rollback);
    await tx.executeQuery(release);
    // Frames and pushes of the rolled-back send must not go out.
    effects.length = mark;
    return { ok: false, error };
  }
}
