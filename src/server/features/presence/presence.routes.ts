import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  presenceListSchema,
  presenceQuerySchema,
  presenceSettingsBodySchema,
} from '../../../shared/api/chats.js';
import type { App } from '../../app.js';
import { getPresence, setPresenceHidden } from './presence.service.js';

const tags = ['presence'];

/** Presence over HTTP (C3); live changes come over the realtime socket (`presence` frames). */
export function registerPresenceRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/presence',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Who of these people is online, away or offline, and when they were last seen',
        querystring: presenceQuerySchema,
        response: { 200: presenceListSchema },
      },
    },
    async (request) => ({ items: await getPresence(request.ctx, app.presence, request.query.ids) }),
  );

  r.put(
    '/me/presence',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Hide or show my presence and last seen',
        body: presenceSettingsBodySchema,
        response: { 200: z.object({ hidden: z.boolean() }) },
      },
    },
    (request) => setPresenceHidden(request.ctx, app.presence, request.body.hidden),
  );
}
