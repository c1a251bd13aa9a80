import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { messageReactionParamsSchema, messageSchema } from '../../../shared/api/chats.js';
import type { App } from '../../app.js';
import { addMessageReaction, removeMessageReaction } from './message-reactions.service.js';

const tags = ['chats'];

/** Emoji reactions on messages: the answer is the message with its fresh reactions. */
export function registerMessageReactionRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const schema = { tags, params: messageReactionParamsSchema, response: { 200: messageSchema } };

  r.put(
    '/chats/:id/messages/:messageId/reactions/:emoji',
    { config: { access: 'signed-in' }, schema: { ...schema, summary: 'React to a message with one emoji' } },
    (request) =>
      addMessageReaction(request.ctx, request.params.id, request.params.messageId, request.params.emoji),
  );

  r.delete(
    '/chats/:id/messages/:messageId/reactions/:emoji',
    { config: { access: 'signed-in' }, schema: { ...schema, summary: 'Take back one’s reaction' } },
    (request) =>
      removeMessageReaction(request.ctx, request.params.id, request.params.messageId, request.params.emoji),
  );
}
