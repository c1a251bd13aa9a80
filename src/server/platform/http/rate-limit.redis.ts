import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RateLimitStore, WindowState } from './rate-limit.js';

/**
 * Prunes the window, optionally adds a hit (always, or only while under the limit), trims the
 * log to `keep` newest, and returns count, oldest, newest and whether the hit was admitted —
 * one script, so concurrent requests on several nodes cannot both take the last slot.
 * KEYS[1] key; ARGV now, windowMs, mode (0 peek, 1 hit, 2 take), limit/keep, member.
 */
const WINDOW_SCRIPT = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local mode = tonumber(ARGV[3])
local limit = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
local admitted = 0
if mode == 1 or (mode == 2 and count < limit) then
  redis.call('ZADD', key, now, ARGV[5])
  admitted = 1
  count = count + 1
  if count > limit then
    redis.call('ZREMRANGEBYRANK', key, 0, count - limit - 1)
    count = limit
  end
  redis.call('PEXPIRE', key, window)
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
local newest = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
return { count, oldest[2] or '', newest[2] or '', admitted }
`;

type ScriptReply = [number, string, string, number];

function stateOf(reply: ScriptReply): WindowState & { admitted: boolean } {
  const [count, oldest, newest, admitted] = reply;
  return {
    count: Number(count),
    oldest: oldest === '' ? null : Number(oldest),
    newest: newest === '' ? null : Number(newest),
    admitted: Number(admitted) === 1,
  };
}

/**
 * Rate-limit counters shared by every node through Redis (R44). When Redis does not answer, each
 * call falls back to this node's own `fallback` store: limits stay on (per node) rather than
 * failing open, and sign-in keeps working while Redis is away (RELIABILITY.md F5).
 */
export function createRedisStore(
  redis: Redis,
  fallback: RateLimitStore,
  options: { prefix?: string; onFallback?: (error: unknown) => void } = {},
): RateLimitStore {
  const prefix = options.prefix ?? 'atrium:rl:';
  const run = async (key: string, now: number, windowMs: number, mode: 0 | 1 | 2, limit: number) => {
    const member = `${now}:${randomBytes(6).toString('hex')}`;
    const reply = (await redis.eval(
      WINDOW_SCRIPT,
      1,
      prefix + key,
      now,
      windowMs,
      mode,
      limit,
      member,
    )) as ScriptReply;
    return stateOf(reply);
  };
  async function guarded<T>(primary: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    try {
      return await primary();
    } catch (error) {
      options.onFallback?.(error);
      return local();
    }
  }

  return {
    hit: (key, now, windowMs, keep) =>
      guarded(
        async () => {
          const { admitted: _, ...state } = await run(key, now, windowMs, 1, keep);
          return state;
        },
        () => fallback.hit(key, now, windowMs, keep),
      ),
    take: (key, now, windowMs, limit) =>
      guarded(
        () => run(key, now, windowMs, 2, limit),
        () => fallback.take(key, now, windowMs, limit),
      ),
    peek: (key, now, windowMs) =>
      guarded(
        async () => {
          const { admitted: _, ...state } = await run(key, now, windowMs, 0, Number.MAX_SAFE_INTEGER);
          return state;
        },
        () => fallback.peek(key, now, windowMs),
      ),
    reset: (key) =>
      guarded(
        async () => {
          await redis.del(prefix + key);
          await fallback.reset(key);
        },
        () => fallback.reset(key),
      ),
    clear: () =>
      guarded(
        async () => {
          let cursor = '0';
          do {
            const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
            if (keys.length > 0) await redis.del(...keys);
            cursor = next;
          } while (cursor !== '0');
          await fallback.clear();
        },
        () => fallback.clear(),
      ),
  };
}
