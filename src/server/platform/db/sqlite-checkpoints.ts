import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints on a thread of their own, for a long-running server on SQLite.
 *
 * By default SQLite checkpoints inside whichever commit pushes the write-ahead log past 1,000
 * pages: that commit copies the log's pages back into the database file and syncs it, on the
 * event loop. Under a steady stream of chat messages this happened every half second and made
 * commits a fifth of the server's time (docs/BENCHMARKS.md "chat"). Here the serving connection
 * never checkpoints (`wal_autocheckpoint = 0`) and a worker thread with its own connection runs a
 * PASSIVE checkpoint every interval: it copies what no reader still needs, waits for no lock,
 * and runs beside the writer. Durability is unchanged — a commit is durable once its log frames
 * are synced, which the serving connection still does on every commit (`synchronous = FULL`).
 *
 * The worker's code is a plain script rather than a module of ours so that it runs the same
 * under tsx, compiled, and in tests, with nothing but the SQLite driver to load.
 */
const workerScript = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const checkpoint = () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ type: 'checkpoint', ...result });
  } catch (error) {
    parentPort.postMessage({ type: 'failed', message: String(error && error.message) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/** What one checkpoint did, in WAL frames (SQLite's `wal_checkpoint` result). */
export interface CheckpointResult {
  /** 1 if a lock it needed was taken (nothing is wrong: the next one copies it). */
  busy: number;
  /** Frames in the log. */
  log: number;
  /** Frames copied back into the database file so far. */
  checkpointed: number;
}

export interface CheckpointOptions {
  intervalMs?: number;
  /** Sees every checkpoint (tests, diagnostics). */
  onCheckpoint?: (result: CheckpointResult) => void;
  /** A checkpoint that threw; the next interval tries again. */
  onError?: (message: string) => void;
}

export interface BackgroundCheckpoints {
  /** Runs a last checkpoint and ends the thread; the caller closes its connection afterwards. */
  stop(): Promise<void>;
}

const DEFAULT_INTERVAL_MS = 1000;

/** Starts checkpointing `file` (a SQLite database in WAL mode) in a worker thread. */
export function startBackgroundCheckpoints(
  file: string,
  options: CheckpointOptions = {},
): BackgroundCheckpoints {
  const worker = new Worker(workerScript, {
    eval: true,
    workerData: {
      file,
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      intervalMs: options.intervalMs ?? DEFAULT_INTERVAL_MS,
    },
  });
  // The thread must not keep a process alive that is otherwise done.
  worker.unref();
  worker.on('message', (message: { type: 'checkpoint' } & CheckpointResult & { message: string }) => {
    if (message.type === 'checkpoint') options.onCheckpoint?.(message);
    else options.onError?.(message.message);
  });
  worker.on('error', (error) => options.onError?.(error.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      await exited;
    },
  };
}
