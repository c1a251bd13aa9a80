import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  chatIdParamsSchema,
  chatMemberPageSchema,
  chatMemberParamsSchema,
  chatMemberRoleBodySchema,
  chatMemberSchema,
} from '../../../shared/api/chats.js';
import { pageQuerySchema } from '../../../shared/api/pagination.js';
import type { App } from '../../app.js';
import {
  addChatMember,
  changeChatMemberRole,
  listChatMembers,
  removeChatMember,
} from './chat-members.service.js';

const tags = ['chats'];

/** Members of a chat: the list, adding, removing (leaving: removing oneself), chat admins. */
export function registerChatMemberRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/chats/:id/members',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "A chat's members by name (members only)",
        params: chatIdParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: chatMemberPageSchema },
      },
    },
    (request) => listChatMembers(request.ctx, request.params.id, request.query),
  );

  r.post(
    '/chats/:id/members/:userId',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Add a person to a group chat or channel (its admins; not direct or linked chats)',
        params: chatMemberParamsSchema,
        response: { 200: chatMemberSchema },
      },
    },
    (request) => addChatMember(request.ctx, request.params.id, request.params.userId),
  );

  r.delete(
    '/chats/:id/members/:userId',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Remove a member (chat admins), or leave (oneself; the last admin first appoints another)',
        params: chatMemberParamsSchema,
        response: { 204: z.null().describe('Removed') },
      },
    },
    async (request, reply) => {
      await removeChatMember(request.ctx, request.params.id, request.params.userId);
      return reply.code(204).send(null);
    },
  );

  r.patch(
    '/chats/:id/members/:userId',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Make or unmake a chat admin (chat admins; a chat keeps one)',
        params: chatMemberParamsSchema,
        body: chatMemberRoleBodySchema,
        response: { 200: chatMemberSchema },
      },
    },
    (request) => changeChatMemberRole(request.ctx, request.params.id, request.params.userId, request.body),
  );
}
