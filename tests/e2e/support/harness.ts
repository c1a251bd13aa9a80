import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { buildApp } from '../../../src/server/app.js';
import { loadConfig } from '../../../src/server/platform/config.js';
import { createTestDatabase, type TestDatabase } from '../../support/databases.js';

const CHROMIUM = '/usr/bin/chromium';

/** Whether the browser tests can run here; with ATRIUM_REQUIRE_BROWSER=1 a missing browser fails the run. */
export function browserAvailable(): boolean {
  const present = fs.existsSync(CHROMIUM);
  if (!present && process.env.ATRIUM_REQUIRE_BROWSER === '1') {
    throw new Error(`ATRIUM_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing (apt-get install -y chromium)`);
  }
  return present;
}

export interface CapturedMail {
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps every message it receives. */
export async function startMailServer(): Promise<{
  port: number;
  inbox: CapturedMail[];
  close(): Promise<void>;
}> {
  const inbox: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, inbox, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The first link in a captured message (quoted-printable soft breaks undone) whose path starts with `path`. */
export function linkFrom(mail: CapturedMail, path: string): string {
  const text = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const match = text.match(new RegExp(`https?://[^\\s"<>]+${path.replace('/', '\\/')}[^\\s"<>]*`));
  if (!match) throw new Error(`No ${path} link in the message to ${mail.to.join(', ')}`);
  return match[0];
}

export interface RunningAtrium {
  url: string;
  database: TestDatabase;
  inbox: CapturedMail[];
  /** Waits for a message to `to` and returns it. */
  waitForMail(to: string, timeoutMs?: number): Promise<CapturedMail>;
  close(): Promise<void>;
}

/** Atrium listening on a loopback port, on a fresh database, sending mail to a real SMTP server. */
export async function startAtrium(): Promise<RunningAtrium> {
  const database = await createTestDatabase();
  const mail = await startMailServer();
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    ATRIUM_DATA_DIR: database.dataDir,
    DATABASE_URL: database.url,
    LOG_LEVEL: 'silent',
    SMTP_URL: `smtp://127.0.0.1:${mail.port}?ignoreTLS=true`,
  });
  const app = await buildApp({ config, database: database.handle, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    url,
    database,
    inbox: mail.inbox,
    async waitForMail(to, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = mail.inbox.findLast((m) => m.to.includes(to));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`No mail to ${to} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      await app.close();
      await mail.close();
      await database.drop();
    },
  };
}

/** Debian's Chromium, headless, with the flags this machine needs (no outside network). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
}

/** A browser context that reports any page error or dialog (an XSS payload firing) to `errors`. */
export async function newContext(
  browser: Browser,
  locale: 'ru-RU' | 'en-US',
  errors: string[],
): Promise<BrowserContext> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  context.on('page', (page) => {
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
  });
  return context;
}
