import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { type Config, ConfigError, loadConfig } from '../platform/config.js';
import type { Ctx } from '../platform/context.js';
import { type DatabaseHandle, openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrator.js';
import { loadOrCreateSigningKey, writeCheckpoint } from '../platform/ledger/signing.js';
import { createLocalBus } from '../platform/realtime/bus.js';

export interface Runtime {
  config: Config;
  database: DatabaseHandle;
  ctx: Ctx;
  /** Signs the ledger head (if it moved) and closes the database. */
  close(): Promise<void>;
}

/** Loads the configuration or prints every problem and exits with status 2. */
export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

/**
 * Everything a command needs: configuration, a migrated database and a system context (no
 * actor: actions are attributed to the command line in the ledger).
 */
export async function openRuntime(options: { migrate?: boolean } = {}): Promise<Runtime> {
  const config = configOrExit();
  const database = openDatabase(config.databaseUrl);
  if (options.migrate !== false) await migrateToLatest(database.db);
  const log = pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const key = loadOrCreateSigningKey(config.dataDir);
  const ctx: Ctx = {
    db: database.db,
    dialect: database.dialect,
    config,
    actor: null,
    requestId: `cli-${randomUUID()}`,
    log,
    locale: process.env.LANG?.startsWith('ru') ? 'ru' : 'en',
    ip: null,
    userAgent: 'atrium-cli',
    // Commands run outside the server: nobody is connected to this process's bus.
    bus: createLocalBus(),
  };
  return {
    config,
    database,
    ctx,
    async close() {
      await writeCheckpoint(database.db, key);
      await database.close();
    },
  };
}
