import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { mentionQuerySchema, mentionSuggestionsSchema } from '../../../shared/api/posts.js';
import type { App } from '../../app.js';
import { suggestMentions } from './post-mentions.service.js';

/** The composer's `@` autocomplete. */
export function registerMentionRoutes(app: App): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/mentions',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['posts'],
        summary: 'People, groups and departments to mention, matching what follows "@"',
        querystring: mentionQuerySchema,
        response: { 200: mentionSuggestionsSchema },
      },
    },
    (request) => suggestMentions(request.ctx, request.query.q),
  );
}
