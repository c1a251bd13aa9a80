import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { goodPassword } from '../../../../tests/support/auth-helpers.js';
import { insertUser } from '../../../../tests/support/session.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { hashPassword } from '../../platform/auth/passwords.js';

const redisUrl = process.env.TEST_REDIS_URL;

function signIn(t: TestApp, email: string, password: string, remoteAddress: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress,
  });
}

describe('sign-in rate limits with Redis (R44, F5)', () => {
  it('keeps signing in, and keeps limiting, while Redis cannot be reached', async () => {
    const t = await buildTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const p = await insertUser(t.database.handle.db, { passwordHash: await hashPassword(goodPassword) });
      expect((await signIn(t, p.email, goodPassword, '192.0.2.10')).statusCode).toBe(200);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1)
        statuses.push((await signIn(t, p.email, 'wrong', '192.0.2.10')).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    } finally {
      await t.close();
    }
  });

  it.runIf(redisUrl)('shares the limits of an unknown address between two nodes', async () => {
    // Keys of this run only, removed afterwards: the Redis server is shared.
    const env = { REDIS_URL: redisUrl!, REDIS_PREFIX: `atrium-test-${randomBytes(6).toString('hex')}:` };
    const nodes = [await buildTestApp(env), await buildTestApp(env)];
    try {
      const ghost = `ghost.${randomBytes(6).toString('hex')}@corp.test`;
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        statuses.push((await signIn(nodes[i % 2]!, ghost, 'wrong', `192.0.2.${20 + i}`)).statusCode);
      }
      // Five failures across both nodes, then the back-off delay — known only if the count is shared.
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    } finally {
      await nodes[0]!.app.rateLimiter.store.clear();
      await Promise.all(nodes.map((n) => n.close()));
    }
  });
});
