import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { messageSearchPageSchema, messageSearchQuerySchema } from '../../../shared/api/chats.js';
import type { App } from '../../app.js';
import { searchMessages } from './message-search.service.js';

/** Search inside the viewer's chats (a simple word index until the unified search issue). */
export function registerMessageSearchRoutes(app: App): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/chats/search',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['chats'],
        summary: 'Messages of my chats with every word (the last may be a prefix), newest first',
        querystring: messageSearchQuerySchema,
        response: { 200: messageSearchPageSchema },
      },
    },
    (request) => searchMessages(request.ctx, request.query),
  );
}
