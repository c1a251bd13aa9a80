import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  chatIdParamsSchema,
  editMessageBodySchema,
  forwardMessageBodySchema,
  messageListQuerySchema,
  messageListSchema,
  messageParamsSchema,
  messageReceiptsSchema,
  messageSchema,
  sendMessageBodySchema,
} from '../../../shared/api/chats.js';
import type { App } from '../../app.js';
import { registerMessageReactionRoutes } from './message-reactions.routes.js';
import { getMessageReceipts } from './message-receipts.service.js';
import { registerMessageSearchRoutes } from './message-search.routes.js';
import { forwardMessage, getMessage, listMessages, sendMessage } from './messages.service.js';
import { deleteMessage, editMessage } from './messages-edit.service.js';

const tags = ['chats'];

/**
 * Routes of messages (C4, C7). Every one passes the membership gate first: for someone not in
 * the chat, the chat and its messages do not exist (404 CHAT_NOT_FOUND).
 */
export function registerMessageRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/chats/:id/messages',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Send a message; a retry with the same clientId returns the stored one (200)',
        params: chatIdParamsSchema,
        body: sendMessageBodySchema,
        response: { 200: messageSchema, 201: messageSchema },
      },
    },
    async (request, reply) => {
      const { message, created } = await sendMessage(request.ctx, request.params.id, request.body);
      return reply.code(created ? 201 : 200).send(message);
    },
  );

  r.get(
    '/chats/:id/messages',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'A page of messages by seq, oldest first (before: older, after: newer, thread: a thread)',
        params: chatIdParamsSchema,
        querystring: messageListQuerySchema,
        response: { 200: messageListSchema },
      },
    },
    (request) => listMessages(request.ctx, request.params.id, request.query),
  );

  r.get(
    '/chats/:id/messages/:messageId',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'One message', params: messageParamsSchema, response: { 200: messageSchema } },
    },
    (request) => getMessage(request.ctx, request.params.id, request.params.messageId),
  );

  r.patch(
    '/chats/:id/messages/:messageId',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Edit one’s own message (shown as edited; every version goes to the ledger)',
        params: messageParamsSchema,
        body: editMessageBodySchema,
        response: { 200: messageSchema },
      },
    },
    (request) => editMessage(request.ctx, request.params.id, request.params.messageId, request.body),
  );

  r.delete(
    '/chats/:id/messages/:messageId',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Delete a message (its author, chat admins, moderators); the ledger keeps it',
        params: messageParamsSchema,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      await deleteMessage(request.ctx, request.params.id, request.params.messageId);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/chats/:id/messages/:messageId/forward',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Forward a message to another chat of the viewer’s; idempotent by clientId',
        params: messageParamsSchema,
        body: forwardMessageBodySchema,
        response: { 200: messageSchema, 201: messageSchema },
      },
    },
    async (request, reply) => {
      const { message, created } = await forwardMessage(
        request.ctx,
        request.params.id,
        request.params.messageId,
        request.body,
      );
      return reply.code(created ? 201 : 200).send(message);
    },
  );

  r.get(
    '/chats/:id/messages/:messageId/receipts',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Who has read a message (named in small chats, counted in large ones)',
        params: messageParamsSchema,
        response: { 200: messageReceiptsSchema },
      },
    },
    (request) => getMessageReceipts(request.ctx, request.params.id, request.params.messageId),
  );

  registerMessageReactionRoutes(app);
  registerMessageSearchRoutes(app);
}
