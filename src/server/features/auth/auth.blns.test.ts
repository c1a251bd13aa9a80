import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodPassword, login, sessionFrom, setupThroughApi } from '../../../../tests/support/auth-helpers.js';
import { naughtyStrings } from '../../../../tests/support/naughty-strings.js';
import { injectAs, insertUser, type TestSession } from '../../../../tests/support/session.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { cleanLine } from '../../../shared/text.js';
import { hashPassword } from '../../platform/auth/passwords.js';

/**
 * C1: every line of the Big List of Naughty Strings in every string field of the auth, setup
 * and settings bodies. None may cause a 500; names that are accepted must come back exactly as
 * the documented normalisation of names (`cleanLine`) leaves them — unchanged whenever that
 * normalisation has nothing to remove.
 */

let t: TestApp;
let admin: TestSession;

beforeAll(async () => {
  t = await buildTestApp();
  ({ session: admin } = await setupThroughApi(t, {
    companyName: 'Northwind Trading',
    allowedDomains: ['corp.test'],
  }));
});
afterAll(async () => {
  await t.close();
});

/** Sends one request per line, a few at a time (hashing runs on the thread pool); all must be < 500. */
async function everyLine(send: (line: string, i: number) => Promise<LightMyRequestResponse>, parallel = 4) {
  const failures: { line: string; status: number }[] = [];
  for (let start = 0; start < naughtyStrings.length; start += parallel) {
    const batch = naughtyStrings.slice(start, start + parallel);
    await t.app.rateLimiter.store.clear();
    const results = await Promise.all(batch.map((line, k) => send(line, start + k)));
    results.forEach((res, k) => {
      if (res.statusCode >= 500) failures.push({ line: batch[k]!, status: res.statusCode });
    });
  }
  expect(failures).toEqual([]);
}

const post = (url: string, payload: Record<string, unknown>, session?: TestSession) =>
  session
    ? injectAs(t.app, session, { method: 'POST', url, payload })
    : t.app.inject({ method: 'POST', url, payload });

/** Puts a person at the lockout threshold: their password is no longer evaluated. */
function lockOut(userId: string) {
  return t.database.handle.db
    .updateTable('users')
    .set({ failed_logins: 100, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

describe('every BLNS line in every string field, without a 500', () => {
  it('register: name round-trips through the stored person', async () => {
    let unchanged = 0;
    await everyLine(async (line, i) => {
      const email = `blns.name.${i}@corp.test`;
      const res = await post('/api/v1/auth/register', { email, name: line, password: goodPassword });
      if (res.statusCode === 202) {
        const row = await t.database.handle.db
          .selectFrom('users')
          .select('name')
          .where('email', '=', email)
          .executeTakeFirst();
        expect(row?.name).toBe(cleanLine(line));
        if (cleanLine(line) === line) {
          expect(row?.name).toBe(line);
          unchanged += 1;
        }
      } else {
        // Refused only for being blank once cleaned, or longer than a name may be.
        expect(res.statusCode).toBe(400);
        expect(cleanLine(line) === '' || line.length > 200).toBe(true);
      }
      return res;
    });
    expect(unchanged).toBeGreaterThan(naughtyStrings.length / 2);
    // One argon2 hash per line (sign-up hashes before it stores anything): give it room on slow CI.
  }, 120_000);

  it('register: email; password (checked by the policy, then refused at the domain gate)', async () => {
    await everyLine(
      (line) => post('/api/v1/auth/register', { email: line, name: 'N', password: goodPassword }),
      8,
    );
    await everyLine(
      (line) => post('/api/v1/auth/register', { email: 'someone@evil.io', name: 'N', password: line }),
      8,
    );
  });

  it('login: email; password against a locked account and an unknown one', async () => {
    const locked = await insertUser(t.database.handle.db, { passwordHash: await hashPassword(goodPassword) });
    await lockOut(locked.id);
    await everyLine((line) => login(t, line, goodPassword), 8);
    await everyLine((line) => login(t, locked.email, line), 8);
  });

  it('verify-email, forgot and reset: token, email and password', async () => {
    await everyLine((line) => post('/api/v1/auth/verify-email', { token: line, password: line || 'x' }), 8);
    await everyLine((line) => post('/api/v1/auth/password/forgot', { email: line }), 8);
    await everyLine(
      (line) => post('/api/v1/auth/password/reset', { token: line, password: goodPassword }),
      8,
    );
    await everyLine(
      (line) => post('/api/v1/auth/password/reset', { token: 'z'.repeat(43), password: line }),
      8,
    );
  });

  it('me/password: current and new password; me/locale; session ids and cursors', async () => {
    const person = await insertUser(t.database.handle.db, { passwordHash: await hashPassword(goodPassword) });
    const session = sessionFrom(await login(t, person.email, goodPassword));
    // Locked, so only the new password's policy check runs and the current one is never evaluated.
    await lockOut(person.id);
    await everyLine((line) =>
      post('/api/v1/me/password', { currentPassword: line, newPassword: 'a fresh passphrase here' }, session),
    );
    await everyLine((line) =>
      post('/api/v1/me/password', { currentPassword: goodPassword, newPassword: line }, session),
    );
    await everyLine(
      (line) =>
        injectAs(t.app, session, { method: 'PATCH', url: '/api/v1/me/locale', payload: { locale: line } }),
      8,
    );
    await everyLine(
      (line) =>
        injectAs(t.app, session, {
          method: 'DELETE',
          url: `/api/v1/me/sessions/${encodeURIComponent(line)}`,
        }),
      8,
    );
    await everyLine(
      (line) => injectAs(t.app, session, { url: `/api/v1/me/sessions?cursor=${encodeURIComponent(line)}` }),
      8,
    );
  });

  it('setup: company name, domains, admin email and name (with a refused password), then the password', async () => {
    const fresh = await buildTestApp();
    try {
      const setup = (overrides: Record<string, unknown>, admin: Record<string, unknown> = {}) => {
        void fresh.app.rateLimiter.store.clear();
        return fresh.app.inject({
          method: 'POST',
          url: '/api/v1/setup',
          payload: {
            companyName: 'Acme',
            allowedDomains: ['corp.test'],
            admin: { email: 'a@corp.test', name: 'A', password: 'too short', ...admin },
            ...overrides,
          },
        });
      };
      await everyLine((line) => setup({ companyName: line }), 8);
      await everyLine((line) => setup({ allowedDomains: [line] }), 8);
      await everyLine((line) => setup({}, { email: line }), 8);
      await everyLine((line) => setup({}, { name: line }), 8);
      // The first line the policy accepts completes the setup; the rest then get 409.
      await everyLine((line) => setup({}, { password: line }), 1);
    } finally {
      await fresh.close();
    }
  });

  it('settings: company name round-trips; domains and blocklist words', async () => {
    await everyLine(async (line) => {
      const res = await injectAs(t.app, admin, {
        method: 'PUT',
        url: '/api/v1/admin/company',
        payload: { name: line },
      });
      if (res.statusCode === 200) {
        expect(res.json().name).toBe(cleanLine(line));
        const stored = await injectAs(t.app, admin, { url: '/api/v1/admin/company' });
        expect(stored.json().name).toBe(cleanLine(line));
        if (cleanLine(line) === line) expect(stored.json().name).toBe(line);
      } else {
        expect(cleanLine(line) === '' || line.length > 200).toBe(true);
      }
      return res;
    }, 1);
    await everyLine(
      (line) =>
        injectAs(t.app, admin, {
          method: 'PUT',
          url: '/api/v1/admin/allowed-domains',
          payload: { domains: [line] },
        }),
      1,
    );
    const policy = (await injectAs(t.app, admin, { url: '/api/v1/admin/password-policy' })).json().policy;
    await everyLine(
      (line) =>
        injectAs(t.app, admin, {
          method: 'PUT',
          url: '/api/v1/admin/password-policy',
          payload: { ...policy, blocklist: [line] },
        }),
      1,
    );
  });
});
