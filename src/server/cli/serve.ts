import { buildApp } from '../app.js';
import { startChatMediaJobs } from '../features/chats/chat-media.jobs.js';
import { startFileJobs } from '../features/files/files.jobs.js';
import { startGuestJobs } from '../features/guests/guests.jobs.js';
import { startPostKindJobs } from '../features/post-kinds/post-kinds.jobs.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrator.js';
import { loadOrCreateSigningKey, writeCheckpoint } from '../platform/ledger/signing.js';
import { pruneStreamEvents } from '../platform/realtime/stream-log.js';
import { startBlobSweepJob } from '../platform/storage/blob-sweep.jobs.js';
import { configOrExit } from './runtime.js';

const CHECKPOINT_INTERVAL_MS = 60_000;
/** Realtime events are kept a week: a client away longer refetches instead of replaying. */
const STREAM_EVENTS_KEEP_MS = 7 * 24 * 3_600_000;
const STREAM_PRUNE_INTERVAL_MS = 3_600_000;

/**
 * `atrium serve`: migrates, then serves the web app and API on one port. Signs a ledger
 * checkpoint every minute and on shutdown, prunes week-old realtime events every hour; stops
 * cleanly on SIGINT/SIGTERM.
 */
export async function serve(): Promise<void> {
  const config = configOrExit();
  // Until the app's logger exists, a failed checkpoint is written to stderr.
  let reportCheckpointError = (message: string) => console.error(`SQLite checkpoint failed: ${message}`);
  const database = openDatabase(config.databaseUrl, {
    backgroundCheckpoints: { onError: (message) => reportCheckpointError(message) },
  });
  await migrateToLatest(database.db);
  const key = loadOrCreateSigningKey(config.dataDir);
  const app = await buildApp({ config, database });
  reportCheckpointError = (message) => app.log.error({ message }, 'SQLite checkpoint failed');
  startPostKindJobs(app);
  startGuestJobs(app);
  startFileJobs(app);
  startChatMediaJobs(app);
  startBlobSweepJob(app);

  const checkpoint = () =>
    writeCheckpoint(database.db, key).catch((err) => app.log.error({ err }, 'ledger checkpoint failed'));
  const timer = setInterval(checkpoint, CHECKPOINT_INTERVAL_MS);
  timer.unref();
  const prune = () =>
    pruneStreamEvents(database.db, new Date(Date.now() - STREAM_EVENTS_KEEP_MS)).catch((err) =>
      app.log.error({ err }, 'pruning realtime events failed'),
    );
  const pruneTimer = setInterval(prune, STREAM_PRUNE_INTERVAL_MS);
  pruneTimer.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    clearInterval(timer);
    clearInterval(pruneTimer);
    await app.close();
    await checkpoint();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  const shown = config.publicUrl ?? `http://localhost:${config.port}`;
  app.log.info(`Atrium is running at ${shown} (database: ${database.dialect})`);
}
