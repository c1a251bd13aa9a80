import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { reactionBodySchema, reactionParamsSchema, reactionStateSchema } from '../../../shared/api/posts.js';
import type { App } from '../../app.js';
import { setReaction } from './post-reactions.service.js';

const tags = ['posts'];

/** Emoji reactions, idempotent both ways. */
export function registerReactionRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.put(
    '/posts/:id/reactions/:emoji',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'React to a post with one of the allowed emoji',
        params: reactionParamsSchema,
        body: reactionBodySchema,
        response: { 200: reactionStateSchema },
      },
    },
    (request) => setReaction(request.ctx, request.params.id, request.params.emoji, true),
  );

  r.delete(
    '/posts/:id/reactions/:emoji',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Take a reaction back',
        params: reactionParamsSchema,
        response: { 200: reactionStateSchema },
      },
    },
    (request) => setReaction(request.ctx, request.params.id, request.params.emoji, false),
  );
}
