import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis } from '../redis.js';
import { createMemoryStore, createRateLimiter, type RateRule } from './rate-limit.js';
import { createRedisStore } from './rate-limit.redis.js';

const redisUrl = process.env.TEST_REDIS_URL;
const rule: RateRule = { name: 'login', limit: 3, windowMs: 60_000 };

describe.runIf(redisUrl)('rate limits shared through Redis', () => {
  let a: Redis;
  let b: Redis;
  // Every run writes under its own prefix: the Redis server is shared with other runs.
  const prefix = `atrium-test:${randomBytes(6).toString('hex')}:`;

  beforeAll(async () => {
    a = connectRedis(redisUrl!);
    b = connectRedis(redisUrl!);
    await Promise.all([a.ping(), b.ping()]).catch(async () => {
      await new Promise((r) => setTimeout(r, 500));
      await Promise.all([a.ping(), b.ping()]);
    });
  });
  afterAll(async () => {
    await createRedisStore(a, createMemoryStore(), { prefix }).clear();
    a.disconnect();
    b.disconnect();
  });

  it('two nodes share one counter, and the limit holds across them', async () => {
    const nodeA = createRateLimiter(createRedisStore(a, createMemoryStore(), { prefix }));
    const nodeB = createRateLimiter(createRedisStore(b, createMemoryStore(), { prefix }));
    await nodeA.consume(rule, '10.0.0.1');
    await nodeB.consume(rule, '10.0.0.1');
    await nodeA.consume(rule, '10.0.0.1');
    await expect(nodeB.consume(rule, '10.0.0.1')).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      status: 429,
    });
    await expect(nodeA.consume(rule, '10.0.0.2')).resolves.toBeUndefined();
  });

  it('concurrent requests cannot overshoot the limit', async () => {
    const stores = [a, b].map((r) => createRateLimiter(createRedisStore(r, createMemoryStore(), { prefix })));
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => stores[i % 2]!.consume({ ...rule, limit: 10 }, 'burst')),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
  });

  it('the window slides: old hits stop counting', async () => {
    let now = 1_000_000;
    const limiter = createRateLimiter(createRedisStore(a, createMemoryStore(), { prefix }), () => now);
    for (let i = 0; i < 3; i++) await limiter.consume(rule, 'slide');
    await expect(limiter.consume(rule, 'slide')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    now += rule.windowMs + 1;
    await expect(limiter.consume(rule, 'slide')).resolves.toBeUndefined();
  });

  it('reset forgets a key', async () => {
    const limiter = createRateLimiter(createRedisStore(a, createMemoryStore(), { prefix }));
    for (let i = 0; i < 3; i++) await limiter.consume(rule, 'reset-me');
    await limiter.reset(rule, 'reset-me');
    await expect(limiter.consume(rule, 'reset-me')).resolves.toBeUndefined();
  });
});

describe('when Redis is unreachable', () => {
  it('falls back to local limits instead of failing open or hanging', async () => {
    // Nothing listens on port 1: every command fails at once.
    const down = connectRedis('redis://127.0.0.1:1');
    const fallbacks: unknown[] = [];
    const limiter = createRateLimiter(
      createRedisStore(down, createMemoryStore(), { onFallback: (e) => fallbacks.push(e) }),
    );
    for (let i = 0; i < 3; i++) await limiter.consume(rule, 'offline');
    await expect(limiter.consume(rule, 'offline')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(fallbacks.length).toBeGreaterThanOrEqual(4);
    down.disconnect();
  });
});
