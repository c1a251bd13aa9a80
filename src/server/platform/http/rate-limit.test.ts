import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { clientKey, createMemoryStore, createRateLimiter } from './rate-limit.js';

const rule = { name: 'test', limit: 3, windowMs: 10_000 };

function clockAt(start: number) {
  const clock = { now: start };
  return { clock, read: () => clock.now };
}

describe('sliding-window rate limiter', () => {
  it('admits `limit` hits per window, then answers 429 with Retry-After until the oldest expires', async () => {
    const { clock, read } = clockAt(1_000_000);
    const limiter = createRateLimiter(createMemoryStore(), read);
    await limiter.consume(rule, 'k');
    clock.now += 4_000;
    await limiter.consume(rule, 'k');
    await limiter.consume(rule, 'k');
    const refused = await limiter.consume(rule, 'k').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('RATE_LIMITED');
    expect((refused as AppError).headers['retry-after']).toBe('6');
    // Refused hits are not logged: once the first hit leaves the window, one slot opens.
    clock.now += 6_001;
    await limiter.consume(rule, 'k');
    await expect(limiter.consume(rule, 'k')).rejects.toBeInstanceOf(AppError);
    // Other keys are independent.
    await limiter.consume(rule, 'other');
  });

  it('checks without logging and records without checking', async () => {
    const { read } = clockAt(0);
    const limiter = createRateLimiter(createMemoryStore(), read);
    for (let i = 0; i < 5; i += 1) await limiter.record(rule, 'k');
    expect((await limiter.peek(rule, 'k')).count).toBe(3);
    await expect(limiter.check(rule, 'k')).rejects.toBeInstanceOf(AppError);
    await limiter.reset(rule, 'k');
    await limiter.check(rule, 'k');
    expect((await limiter.peek(rule, 'k')).count).toBe(0);
  });

  it('takes the last slot atomically under concurrency', async () => {
    const store = createMemoryStore();
    const results = await Promise.all(Array.from({ length: 20 }, () => store.take('k', 1, 1000, 5)));
    expect(results.filter((r) => r.admitted)).toHaveLength(5);
  });

  it('bounds memory by evicting the least recently used keys', async () => {
    const store = createMemoryStore({ maxKeys: 100 });
    for (let i = 0; i < 1000; i += 1) await store.hit(`k${i}`, 1, 1000, 5);
    expect((await store.peek('k0', 2, 1000)).count).toBe(0);
    expect((await store.peek('k999', 2, 1000)).count).toBe(1);
  });

  it('keys IPv4 by address and IPv6 by its /64', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:2::99')).toBe(clientKey('2001:0db8:0001:0002:ffff::1'));
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey(undefined)).toBe('unknown');
  });
});
