import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { type Config, loadConfig } from '../../src/server/platform/config.js';
import type { Ctx } from '../../src/server/platform/context.js';
import type { Mailer, MailMessage } from '../../src/server/platform/mail/mailer.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  /** Every e-mail the app sent, newest last (tests that need real SMTP use smtp-server). */
  mail: MailMessage[];
  close(): Promise<void>;
}

/** A fully built app on a fresh database of its own; call `close()` in afterAll. */
export async function buildTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    ATRIUM_DATA_DIR: database.dataDir,
    DATABASE_URL: database.url,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const mail: MailMessage[] = [];
  const mailer: Mailer = {
    async send(message) {
      mail.push(message);
    },
  };
  const app = await buildApp({ config, database: database.handle, mailer, logger: false });
  await app.ready();
  return {
    app,
    database,
    config,
    mail,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** A context like a CLI command's or a job's: the test app's database and bus, no request, no actor. */
export function systemCtx(t: TestApp): Ctx {
  return {
    db: t.database.handle.db,
    dialect: t.database.handle.dialect,
    config: t.config,
    actor: null,
    requestId: 'cli',
    log: t.app.log,
    locale: 'en',
    ip: null,
    userAgent: null,
    bus: t.app.bus,
  };
}
