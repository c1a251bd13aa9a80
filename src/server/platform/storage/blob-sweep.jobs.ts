import type { App } from '../../app.js';
import { type BlobSweepCtx, sweepBlobs } from './blob-sweep.js';

const INTERVAL_MS = 3_600_000;

/**
 * Sweeps the blob store every hour in the background of `atrium serve` (not in `buildApp`, so
 * tests stay deterministic), until the app closes; closing stops a sweep between two files and
 * waits for it, as it needs the database. Runs never overlap (`sweepBlobs` guards that, across
 * nodes too on PostgreSQL). Call it before `listen`.
 */
export function startBlobSweepJob(app: App): void {
  const ctx: BlobSweepCtx = { db: app.database.db, dialect: app.database.dialect, config: app.config };
  const stopping = new AbortController();
  let running: Promise<void> | undefined;
  const tick = async () => {
    try {
      const report = await sweepBlobs(ctx, { signal: stopping.signal });
      if (report.ran) app.log.info(report, 'blob sweep done');
    } catch (err) {
      if (!stopping.signal.aborted) app.log.error({ err }, 'blob sweep failed');
    } finally {
      running = undefined;
    }
  };
  const timer = setInterval(() => {
    running ??= tick();
  }, INTERVAL_MS);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    stopping.abort();
    await running;
  });
}
