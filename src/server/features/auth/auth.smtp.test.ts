import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodPassword } from '../../../../tests/support/auth-helpers.js';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/databases.js';
import { type App, buildApp } from '../../app.js';
import { loadConfig } from '../../platform/config.js';

/** Mail as a real SMTP server received it. */
interface Received {
  to: string[];
  raw: string;
}

let smtp: SMTPServer;
let received: Received[];
let database: TestDatabase;
let app: App;

beforeAll(async () => {
  received = [];
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    ATRIUM_DATA_DIR: database.dataDir,
    DATABASE_URL: database.url,
    LOG_LEVEL: 'silent',
    SMTP_URL: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    MAIL_FROM: 'Atrium <atrium@corp.test>',
    PUBLIC_URL: 'http://atrium.corp.test',
  });
  // No mailer override: the app sends through nodemailer to the server above.
  app = await buildApp({ config, database: database.handle, logger: false });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.drop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function mailTo(address: string, count: number): Promise<Received> {
  for (let i = 0; i < 100; i += 1) {
    const mine = received.filter((m) => m.to.includes(address));
    if (mine.length >= count) return mine[count - 1]!;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no mail #${count} to ${address}`);
}

/** The token of a link in a (possibly quoted-printable) message body. */
function tokenIn(raw: string, page: string): string {
  const body = raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const match = new RegExp(`http://atrium\\.corp\\.test/${page}\\?token=([A-Za-z0-9_-]+)`).exec(body);
  if (!match?.[1]) throw new Error(`no ${page} link in mail`);
  return match[1];
}

describe('sign-up and password reset over real SMTP', () => {
  it('delivers the verification and reset links through SMTP_URL, and both work', async () => {
    const setup = await app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: {
        companyName: 'Northwind Trading',
        allowedDomains: ['corp.test'],
        admin: { email: 'founder@corp.test', name: 'Founder', password: goodPassword },
      },
    });
    expect(setup.statusCode).toBe(201);

    const email = 'smtp.user@corp.test';
    const reg = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email, name: 'Smtp User', password: goodPassword },
    });
    expect(reg.statusCode).toBe(202);
    const verifyMail = await mailTo(email, 1);
    expect(verifyMail.raw).toContain('From: Atrium <atrium@corp.test>');
    const verified = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email',
      payload: { token: tokenIn(verifyMail.raw, 'verify-email'), password: goodPassword },
    });
    expect(verified.statusCode).toBe(200);

    const forgot = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/forgot',
      payload: { email },
    });
    expect(forgot.statusCode).toBe(202);
    const resetMail = await mailTo(email, 2);
    const newPassword = 'harbour lights at dusk 42';
    const reset = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/reset',
      payload: { token: tokenIn(resetMail.raw, 'reset-password'), password: newPassword },
    });
    expect(reset.statusCode).toBe(200);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: newPassword },
    });
    expect(login.statusCode).toBe(200);
  });
});
