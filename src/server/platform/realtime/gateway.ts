import type { WebsocketPluginOptions } from '@fastify/websocket';
import client from 'prom-client';
import { realtimeCloseCodes, realtimeLimits } from '../../../shared/realtime/frames.js';
import type { App } from '../../app.js';
import { assertOriginAllowed } from '../auth/authenticate.js';
import { AppError } from '../http/errors.js';
import { openConnection, type RealtimeMetrics } from './connection.js';

/**
 * The WebSocket gateway at `/api/v1/realtime` (DESIGN.md "Realtime protocol", protocol in
 * src/shared/realtime/frames.ts). One socket per browser tab, opened with the session cookie
 * from our own origin. The server picks the streams (subscriptions.ts), says hello with their
 * heads, replays from the database what the client missed since its cursors, then goes live.
 * One socket's life is in connection.ts.
 */

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
}

export const defaultGatewayOptions: GatewayOptions = {
  maxBufferedBytes: 1024 * 1024,
  maxPendingSteps: 10_000,
  replayLimit: realtimeLimits.replay,
  sessionCheckMs: 60_000,
  heartbeatMs: 30_000,
  resumeTimeoutMs: 5_000,
};

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
  const open = new Set<{ end(code: number, reason: string): void }>();

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
          db: api.database.db,
          bus: api.bus,
          config: api.config,
          log: request.log,
          metrics,
          options,
        },
        socket,
        request.actor!,
      );
      open.add(connection);
      socket.once('close', () => open.delete(connection));
    },
  );

  api.addHook('preClose', async () => {
    for (const connection of [...open]) connection.end(realtimeCloseCodes.serverClosing, 'server closing');
  });
}
