import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../app.js';
import type { Actor, Ctx } from '../context.js';
import { AppError } from '../http/errors.js';
import {
  createMemoryStore,
  createRateLimiter,
  type RateLimiter,
  type RateLimitStore,
} from '../http/rate-limit.js';
import { createRedisStore } from '../http/rate-limit.redis.js';
import { connectRedis } from '../redis.js';
import { hashSecret, sessionCookieName } from './session-token.js';
import { clearSessionCookie, judgeSession } from './sessions.js';
import { deleteSession, findSessionWithUser, updateSessionLastSeen } from './sessions.queries.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's rate limiter (in-process store; a shared store can replace it for several nodes). */
    rateLimiter: RateLimiter;
  }
  interface FastifyContextConfig {
    /**
     * Media types besides `application/json` an unsafe request to this route may carry
     * (e.g. `['multipart/form-data']` for a file upload).
     */
    bodyTypes?: readonly string[];
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Session activity is written at most once a minute: reads must not each cost a write. */
const touchIntervalMs = 60_000;

function sameSecret(a: string, b: string): boolean {
  // Comparing digests keeps the comparison constant-time even when the lengths differ.
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}

function hostOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.host.replace(/:(80|443)$/, '').toLowerCase();
  } catch {
    return null;
  }
}

/**
 * R14: a browser names the page that sent an unsafe request in `Origin`. It must be our own
 * origin: PUBLIC_URL when configured, otherwise the Host the request was sent to.
 */
export function assertOriginAllowed(request: FastifyRequest, publicUrl: string | undefined): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  if (publicUrl) {
    if (hostOf(origin) === null || new URL(origin).origin !== new URL(publicUrl).origin) {
      throw new AppError('ORIGIN_NOT_ALLOWED');
    }
    return;
  }
  const expected = hostOf(`http://${request.host}`);
  if (expected === null || hostOf(origin) !== expected) throw new AppError('ORIGIN_NOT_ALLOWED');
}

/**
 * Unsafe requests with a body must be JSON (or a type the route declares): HTML forms can send
 * only urlencoded, multipart and text/plain bodies across sites without a CORS preflight.
 */
function assertBodyType(request: FastifyRequest): void {
  const length = request.headers['content-length'];
  const hasBody =
    (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return;
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json') return;
  const allowed = request.routeOptions.config?.bodyTypes ?? [];
  if (!allowed.includes(type)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
}

/**
 * The store behind the rate limits: this process's memory, or Redis shared by every node when
 * REDIS_URL is set — falling back to local counters while Redis is away, so limits stay on and
 * sign-in keeps working (R44, F5).
 */
function rateLimitStore(app: App): RateLimitStore {
  const local = createMemoryStore();
  if (!app.config.redisUrl) return local;
  const redis = connectRedis(app.config.redisUrl);
  app.addHook('onClose', async () => {
    redis.disconnect();
  });
  let warnedAt = 0;
  return createRedisStore(redis, local, {
    prefix: `${app.config.redisPrefix}rl:`,
    onFallback: (err) => {
      // Once a minute is enough to tell operators; every request would drown the log.
      if (Date.now() - warnedAt < 60_000) return;
      warnedAt = Date.now();
      app.log.warn({ err }, "Redis unavailable: rate limits use this node's own counters");
    },
  });
}

/**
 * Resolves the request's actor from its session cookie and builds the request context.
 * A session that is expired, idle or whose person is no longer active makes the request
 * anonymous and clears the cookie; an unsafe request authenticated by cookie must carry the
 * session's CSRF token in `x-csrf-token`.
 */
export async function registerAuthentication(app: App): Promise<void> {
  app.decorate('rateLimiter', createRateLimiter(rateLimitStore(app)));
  const cookieName = sessionCookieName(app.config);

  app.addHook('onRequest', async (request, reply) => {
    const base: Ctx = {
      db: app.database.db,
      dialect: app.database.dialect,
      config: app.config,
      actor: null,
      requestId: String(request.id),
      log: request.log,
      locale: request.locale,
      ip: request.ip ?? null,
      userAgent: request.headers['user-agent'] ?? null,
      bus: app.bus,
    };
    request.actor = null;
    request.ctx = base;

    const unsafe = unsafeMethods.has(request.method);
    if (unsafe) {
      assertOriginAllowed(request, app.config.publicUrl);
      assertBodyType(request);
    }

    const secret = request.cookies[cookieName];
    if (!secret) return;
    const session = await findSessionWithUser(app.database.db, hashSecret(secret));
    if (!session) {
      clearSessionCookie(reply, app.config);
      return;
    }
    const now = Date.now();
    if (judgeSession(session, app.config, now) !== 'ok') {
      await deleteSession(app.database.db, session.id);
      clearSessionCookie(reply, app.config);
      return;
    }
    if (unsafe) {
      const presented = request.headers['x-csrf-token'];
      if (typeof presented !== 'string' || !sameSecret(presented, session.csrf_token)) {
        throw new AppError('CSRF_TOKEN_INVALID');
      }
    }
    if (now - Date.parse(session.last_seen_at) >= touchIntervalMs) {
      await updateSessionLastSeen(app.database.db, session.id, new Date(now).toISOString());
    }
    const actor: Actor = {
      id: session.user_id,
      role: session.role,
      status: session.status,
      departmentId: session.department_id,
      sessionId: session.id,
    };
    request.actor = actor;
    request.ctx = { ...base, actor };
  });
}
