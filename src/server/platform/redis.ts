import { Redis } from 'ioredis';

/**
 * A Redis connection that fails fast instead of queueing while the server is away, so callers
 * can fall back to local behaviour (RELIABILITY.md F5) rather than hang; it keeps reconnecting
 * in the background.
 */
export function connectRedis(url: string): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 500,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    lazyConnect: false,
  });
  // Connection errors are expected while Redis is down; each command reports its own failure.
  redis.on('error', () => {});
  return redis;
}
