import { isIPv6 } from 'node:net';
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/**
 * Sliding-window rate limits (R08, R44). A window is a log of hit times per key: a request is
 * admitted while fewer than `limit` hits fall inside the last `windowMs`. Refused attempts are not
 * logged, so a client that waits for `Retry-After` gets in.
 *
 * The counters live behind `RateLimitStore` so a Redis store (a sorted set per key:
 * ZREMRANGEBYSCORE, ZCARD, ZADD, PEXPIRE in one MULTI) can replace the in-process one when
 * several nodes must share them.
 */

/** What a store knows of one key's window after pruning hits older than the window. */
export interface WindowState {
  /** Hits inside the window (at most the `keep` newest are remembered). */
  count: number;
  /** Time of the oldest remembered hit inside the window, ms since the epoch. */
  oldest: number | null;
  /** Time of the newest hit, ms since the epoch. */
  newest: number | null;
}

/** Where the hit logs live: in this process, or in a shared store. */
export interface RateLimitStore {
  /** Logs a hit at `now` and returns the window including it; remembers at most `keep` hits. */
  hit(key: string, now: number, windowMs: number, keep: number): Promise<WindowState>;
  /**
   * Logs a hit only if fewer than `limit` fall inside the window, as one atomic step (a shared
   * store does it in one script, so concurrent requests cannot both take the last slot).
   */
  take(
    key: string,
    now: number,
    windowMs: number,
    limit: number,
  ): Promise<WindowState & { admitted: boolean }>;
  /** The window without logging a hit. */
  peek(key: string, now: number, windowMs: number): Promise<WindowState>;
  /** Forgets one key (e.g. an account's failures after a successful sign-in). */
  reset(key: string): Promise<void>;
  /** Forgets everything. */
  clear(): Promise<void>;
}

/** A named limit: at most `limit` hits per `windowMs` for each key. */
export interface RateRule {
  name: string;
  limit: number;
  windowMs: number;
}

const empty: WindowState = { count: 0, oldest: null, newest: null };

function stateOf(hits: number[]): WindowState {
  if (hits.length === 0) return empty;
  return { count: hits.length, oldest: hits[0] ?? null, newest: hits[hits.length - 1] ?? null };
}

/**
 * The in-process store. Memory is bounded twice: each key keeps at most `keep` hits, and the
 * store keeps at most `maxKeys` keys, dropping the least recently hit first (a flood of random
 * keys then costs old counters, never the process).
 */
export function createMemoryStore(options: { maxKeys?: number } = {}): RateLimitStore {
  const maxKeys = options.maxKeys ?? 100_000;
  const logs = new Map<string, number[]>();

  function prune(key: string, now: number, windowMs: number): number[] {
    const hits = logs.get(key);
    if (!hits) return [];
    const from = now - windowMs;
    let drop = 0;
    while (drop < hits.length && (hits[drop] ?? 0) <= from) drop += 1;
    if (drop > 0) hits.splice(0, drop);
    if (hits.length === 0) logs.delete(key);
    return hits;
  }

  function hit(key: string, now: number, windowMs: number, keep: number): WindowState {
    const hits = prune(key, now, windowMs);
    hits.push(now);
    if (hits.length > keep) hits.splice(0, hits.length - keep);
    // Re-inserting moves the key to the end of the Map's order: the eviction below is LRU.
    logs.delete(key);
    logs.set(key, hits);
    while (logs.size > maxKeys) {
      const first = logs.keys().next().value;
      if (first === undefined) break;
      logs.delete(first);
    }
    return stateOf(hits);
  }

  return {
    async hit(key, now, windowMs, keep) {
      return hit(key, now, windowMs, keep);
    },
    async take(key, now, windowMs, limit) {
      const before = stateOf(prune(key, now, windowMs));
      if (before.count >= limit) return { ...before, admitted: false };
      return { ...hit(key, now, windowMs, limit), admitted: true };
    },
    async peek(key, now, windowMs) {
      return stateOf(prune(key, now, windowMs));
    },
    async reset(key) {
      logs.delete(key);
    },
    async clear() {
      logs.clear();
    },
  };
}

/** The 429 a refused request gets, with the seconds to wait in Retry-After. */
export function rateLimited(retryAfterMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new AppError('RATE_LIMITED', { retryAfter: seconds }, [], { 'retry-after': String(seconds) });
}

/** Named limits over a store, with the 429 built in. */
export interface RateLimiter {
  readonly store: RateLimitStore;
  /** Admits one request under `rule` for `key` and logs it, or throws 429 with Retry-After. */
  consume(rule: RateRule, key: string): Promise<void>;
  /** Throws 429 if `key` is already at its limit, without logging anything. */
  check(rule: RateRule, key: string): Promise<void>;
  /** Logs a hit without checking (e.g. a failure counted after the fact). */
  record(rule: RateRule, key: string): Promise<WindowState>;
  /** The current window of `key` under `rule`. */
  peek(rule: RateRule, key: string): Promise<WindowState>;
  reset(rule: RateRule, key: string): Promise<void>;
}

/** A limiter over a store. `now` is the clock (the global Date by default), read at every call. */
export function createRateLimiter(store: RateLimitStore, now: () => number = () => Date.now()): RateLimiter {
  const fullKey = (rule: RateRule, key: string) => `${rule.name}:${key}`;

  function refuse(rule: RateRule, state: WindowState, at: number): AppError {
    return rateLimited((state.oldest ?? at) + rule.windowMs - at);
  }

  return {
    store,
    async consume(rule, key) {
      const at = now();
      const state = await store.take(fullKey(rule, key), at, rule.windowMs, rule.limit);
      if (!state.admitted) throw refuse(rule, state, at);
    },
    async check(rule, key) {
      const at = now();
      const state = await store.peek(fullKey(rule, key), at, rule.windowMs);
      if (state.count >= rule.limit) throw refuse(rule, state, at);
    },
    record(rule, key) {
      return store.hit(fullKey(rule, key), now(), rule.windowMs, rule.limit);
    },
    peek(rule, key) {
      return store.peek(fullKey(rule, key), now(), rule.windowMs);
    },
    reset(rule, key) {
      return store.reset(fullKey(rule, key));
    },
  };
}

/**
 * The key for a client address: IPv4 as is, IPv6 by its /64 prefix, since one host usually
 * owns a whole /64 and could otherwise rotate addresses to escape the limit.
 */
export function clientKey(ip: string | null | undefined): string {
  if (!ip) return 'unknown';
  const bare = ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
  if (!isIPv6(bare)) return bare;
  const [head = '', tail = ''] = bare.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const missing = 8 - headParts.length - tailParts.length;
  const full = bare.includes('::') ? [...headParts, ...Array(missing).fill('0'), ...tailParts] : headParts;
  return `${full
    .slice(0, 4)
    .map((h) => h.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * A route hook that spends one request of `rule`, keyed by the client's address unless `keyOf`
 * says otherwise (e.g. the signed-in person). Put it first in `preValidation`, so floods of junk
 * are limited too.
 */
export function rateLimitHook(
  limiter: () => RateLimiter,
  rule: RateRule,
  keyOf: (request: FastifyRequest) => string = (request) => clientKey(request.ip),
) {
  return async (request: FastifyRequest): Promise<void> => {
    await limiter().consume(rule, keyOf(request));
  };
}
