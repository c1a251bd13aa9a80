import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pushKeySchema, pushSubscriptionBodySchema } from '../../../shared/api/chats.js';
import type { App } from '../../app.js';
import { stopPushes } from './chat-push.js';
import { getPushKey, subscribe, unsubscribe } from './push.service.js';
import { getVapidKeys } from './vapid-keys.js';

const tags = ['push'];
const unsubscribeBodySchema = z.strictObject({ endpoint: z.string().min(1).max(2000) });

/** Web Push (C6): the server's VAPID key and this browser's subscription. */
export function registerPushRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Generate the VAPID keys at start rather than on the first visitor's request; a failure
  // here is logged and retried on first use.
  app.addHook('onReady', async () => {
    await getVapidKeys(app.database.db).catch((error: unknown) =>
      app.log.error({ err: error }, 'VAPID keys'),
    );
  });
  // Pushes in flight use the database and the bus: let them finish before those close.
  app.addHook('onClose', () => stopPushes(app.bus));

  r.get(
    '/push/key',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'The VAPID public key a browser subscribes to push notifications with',
        response: { 200: pushKeySchema },
      },
    },
    (request) => getPushKey(request.ctx),
  );

  r.post(
    '/push/subscriptions',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "Stores this browser's push subscription for the viewer (upsert by endpoint)",
        body: pushSubscriptionBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await subscribe(request.ctx, request.body);
      return reply.code(204).send(null);
    },
  );

  r.delete(
    '/push/subscriptions',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "Removes the viewer's push subscription at this endpoint",
        body: unsubscribeBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await unsubscribe(request.ctx, request.body.endpoint);
      return reply.code(204).send(null);
    },
  );
}
