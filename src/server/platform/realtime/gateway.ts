import type { WebsocketPluginOptions } from '@fastify/websocket';
import type { FastifyBaseLogger } from 'fastify';
import client from 'prom-client';
import { realtimeCloseCodes, realtimeLimits } from '../../../shared/realtime/frames.js';
import type { App } from '../../app.js';
import { touchLastSeen } from '../../features/presence/presence.service.js';
import { assertOriginAllowed } from '../auth/authenticate.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { type ConnectionHandle, openConnection, type RealtimeMetrics } from './connection.js';
import { createLocalPresence, type PresenceRegistry } from './presence.js';
import { createRedisPresence } from './presence.redis.js';
import { readStreamHeads } from './stream-log.js';

/**
 * The WebSocket gateway at `/api/v1/realtime` (DESIGN.md "Realtime protocol", protocol in
 * src/shared/realtime/frames.ts). One socket per browser tab, opened with the session cookie
 * from our own origin. The server picks the streams (subscriptions.ts), says hello with their
 * heads, replays from the database what the client missed since its cursors, then goes live.
 * One socket's life is in connection.ts.
 */

declare module 'fastify' {
  interface FastifyInstance {
    /** Who is online (presence.ts), created in app.ts like the bus. */
    presence: PresenceRegistry;
  }
}

export interface GatewayOptions {
  /** A socket whose unsent data passes this is dropped (1013) and resumes on reconnect. */
  maxBufferedBytes: number;
  /** Steps (live frames, checks) a socket may have waiting before it counts as too slow. */
  maxPendingSteps: number;
  /** Events replayed per stream; a client further behind gets a `reset`. */
  replayLimit: number;
  /** How often each socket re-checks its session and memberships in the database. */
  sessionCheckMs: number;
  /** Protocol-level ping interval; a socket that misses one pong is terminated. */
  heartbeatMs: number;
  /** If the client never sends `resume`, it is resumed from the hello heads after this. */
  resumeTimeoutMs: number;
  /**
   * How often the node reads the heads of every chat stream its sockets follow (one query for
   * all of them) to repair a lost frame the bus never delivered (F6): within two of these.
   */
  gapCheckMs: number;
  /**
   * How long a live frame that skipped ahead waits for the ones before it to arrive from the
   * bus before they are read from the database (connection.ts `StreamState.ahead`).
   */
  reorderWaitMs: number;
}

export const defaultGatewayOptions: GatewayOptions = {
  maxBufferedBytes: 1024 * 1024,
  maxPendingSteps: 10_000,
  replayLimit: realtimeLimits.replay,
  sessionCheckMs: 60_000,
  heartbeatMs: 30_000,
  resumeTimeoutMs: 5_000,
  gapCheckMs: 1_000,
  reorderWaitMs: 200,
};

/** The presence registry of this node: shared through Redis when there is one (presence.ts). */
export function createPresence(config: Config, db: Db, log: FastifyBaseLogger): PresenceRegistry {
  const options = { log, writeLastSeen: (userIds: string[], at: string) => touchLastSeen(db, userIds, at) };
  return config.redisUrl
    ? createRedisPresence(config.redisUrl, config.redisPrefix, options)
    : createLocalPresence(options);
}

function createMetrics(registry: client.Registry): RealtimeMetrics {
  return {
    sockets: new client.Gauge({
      name: 'atrium_realtime_sockets',
      help: 'Open realtime WebSockets on this node',
      registers: [registry],
    }),
    framesSent: new client.Counter({
      name: 'atrium_realtime_frames_sent_total',
      help: 'Frames sent on realtime WebSockets',
      registers: [registry],
    }),
    dropped: new client.Counter({
      name: 'atrium_realtime_sockets_dropped_total',
      help: 'Realtime WebSockets closed by the server, by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
  };
}

/**
 * Options of `@fastify/websocket` (registered in app.ts): the size of a client message, and a
 * socket error (a client breaking the protocol) is a warning about that client, not a server
 * error.
 */
export const websocketPluginOptions: WebsocketPluginOptions = {
  options: { maxPayload: realtimeLimits.messageBytes },
  errorHandler(error, socket, request) {
    request.log.warn({ err: error }, 'realtime socket error');
    socket.terminate();
  },
};

/** `GET /api/v1/realtime`: the WebSocket upgrade (hidden from the OpenAPI document). */
export function registerRealtimeRoutes(api: App, overrides: Partial<GatewayOptions> = {}): void {
  const options = { ...defaultGatewayOptions, ...overrides };
  const metrics = createMetrics(api.metrics);
  const open = new Set<ConnectionHandle>();
  const db = api.database.db;

  /**
   * Reads the heads of the streams the node's sockets follow (`chatsOnly`: the chat streams) in
   * one query and lets each socket replay what it lacks. `previous` heads are used on the
   * periodic check: a frame committed since the last look may still be on its way.
   */
  let checking = false;
  let previousHeads = new Map<string, number>();
  async function repairAll(chatsOnly: boolean): Promise<void> {
    if (checking) return;
    checking = true;
    try {
      const names = new Set<string>();
      for (const connection of open) {
        for (const stream of connection.streams()) {
          if (!chatsOnly || stream.startsWith('chat:')) names.add(stream);
        }
      }
      const heads = names.size > 0 ? await readStreamHeads(db, [...names]) : new Map<string, number>();
      const use = chatsOnly ? previousHeads : heads;
      if (chatsOnly) previousHeads = heads;
      if (use.size === 0) return;
      for (const connection of open) connection.repair(use);
    } catch (err) {
      api.log.warn({ err }, 'realtime gap check failed');
    } finally {
      checking = false;
    }
  }
  const gapTimer = setInterval(() => void repairAll(true), options.gapCheckMs);
  gapTimer.unref();
  // The bus lost frames (Redis away): every socket catches up at once, and again a moment later
  // for what was committed while the subscriptions were being restored.
  const offReconnect = api.bus.onReconnect?.(() => {
    void repairAll(false);
    setTimeout(() => void repairAll(false), 1000).unref();
  });

  api.get(
    '/realtime',
    {
      websocket: true,
      config: { access: 'signed-in' },
      schema: { hide: true, tags: ['realtime'], summary: 'The realtime WebSocket (upgrade only)' },
      // R14: a page of another site must not open a socket with our cookie.
      onRequest: async (request) => {
        if (request.headers.origin === undefined) throw new AppError('ORIGIN_NOT_ALLOWED');
        assertOriginAllowed(request, api.config.publicUrl);
      },
    },
    (socket, request) => {
      const connection = openConnection(
        {
          db,
          dialect: api.database.dialect,
          bus: api.bus,
          presence: api.presence,
          config: api.config,
          log: request.log,
          metrics,
          options,
          request: {
            id: String(request.id),
            locale: request.locale,
            ip: request.ip ?? null,
            userAgent: request.headers['user-agent'] ?? null,
          },
        },
        socket,
        request.actor!,
      );
      open.add(connection);
      socket.once('close', () => open.delete(connection));
    },
  );

  api.addHook('preClose', async () => {
    clearInterval(gapTimer);
    offReconnect?.();
    for (const connection of [...open]) connection.end(realtimeCloseCodes.serverClosing, 'server closing');
  });
}
