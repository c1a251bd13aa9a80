import { sql } from 'kysely';
import client from 'prom-client';
import { z } from 'zod';
import type { App } from '../../app.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The Prometheus registry `/metrics` serves; features add their own gauges and counters to it. */
    metrics: client.Registry;
  }
}

/**
 * Liveness, readiness and Prometheus metrics. `/readyz` answers 503 while the database cannot
 * be reached, so a load balancer stops sending traffic to this node.
 */
export function registerOps(app: App): void {
  const registry = new client.Registry();
  app.decorate('metrics', registry);
  client.collectDefaultMetrics({ register: registry });
  const requests = new client.Histogram({
    name: 'atrium_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    requests.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  const health = z.object({ status: z.enum(['ok', 'unavailable']) });
  app.get(
    '/healthz',
    { schema: { tags: ['ops'], summary: 'The process is alive', response: { 200: health } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['ops'],
        summary: 'The node can serve requests: its database answers',
        response: { 200: health, 503: health },
      },
    },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(app.database.db);
        return { status: 'ok' as const };
      } catch {
        return reply.code(503).send({ status: 'unavailable' as const });
      }
    },
  );
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
