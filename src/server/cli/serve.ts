import { buildApp } from '../app.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrator.js';
import { loadOrCreateSigningKey, writeCheckpoint } from '../platform/ledger/signing.js';
import { configOrExit } from './runtime.js';

const CHECKPOINT_INTERVAL_MS = 60_000;

/**
 * `atrium serve`: migrates, then serves the web app and API on one port. Signs a ledger
 * checkpoint every minute and on shutdown; stops cleanly on SIGINT/SIGTERM.
 */
export async function serve(): Promise<void> {
  const config = configOrExit();
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
  const key = loadOrCreateSigningKey(config.dataDir);
  const app = await buildApp({ config, database });

  const checkpoint = () =>
    writeCheckpoint(database.db, key).catch((err) => app.log.error({ err }, 'ledger checkpoint failed'));
  const timer = setInterval(checkpoint, CHECKPOINT_INTERVAL_MS);
  timer.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    clearInterval(timer);
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
