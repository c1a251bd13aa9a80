import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  chatIdParamsSchema,
  chatListQuerySchema,
  chatPageSchema,
  chatViewSchema,
  createChatBodySchema,
  linkedChatSchema,
  unreadSummarySchema,
  updateChatBodySchema,
} from '../../../shared/api/chats.js';
import type { App } from '../../app.js';
import { registerChatFolderRoutes } from './chat-folders.routes.js';
import { registerChatMemberRoutes } from './chat-members.routes.js';
import { registerChatReadRoutes } from './chat-read.routes.js';
import { getUnreadSummary } from './chat-read.service.js';
import { createChat, getChat, listChats, renameChat } from './chats.service.js';
import { openDepartmentChat, openGroupChat } from './linked-chats.service.js';

const tags = ['chats'];
const linkParams = z.object({ id: z.uuid() });

/** Routes of chats (C1–C3): the viewer's chats, creating and renaming, linked chats, then the rest. */
export function registerChatRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/chats',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary:
          'Create a direct chat (or get the existing one, 200), a group chat or a channel (guests: 403)',
        body: createChatBodySchema,
        response: { 200: chatViewSchema, 201: chatViewSchema },
      },
    },
    async (request, reply) => {
      const { chat, created } = await createChat(request.ctx, request.body);
      return reply.code(created ? 201 : 200).send(chat);
    },
  );

  r.get(
    '/chats',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "The viewer's chats: pinned first, then by newest message (a folder, or the archived ones)",
        querystring: chatListQuerySchema,
        response: { 200: chatPageSchema },
      },
    },
    (request) => listChats(request.ctx, request.query),
  );

  r.get(
    '/chats/unread',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Unread counts per chat and in total (muted chats not in the total)',
        response: { 200: unreadSummarySchema },
      },
    },
    (request) => getUnreadSummary(request.ctx),
  );

  r.get(
    '/chats/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'A chat of the viewer’s (404 for everyone else)',
        params: chatIdParamsSchema,
        response: { 200: chatViewSchema },
      },
    },
    (request) => getChat(request.ctx, request.params.id),
  );

  r.patch(
    '/chats/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Rename a group chat or channel (its admins)',
        params: chatIdParamsSchema,
        body: updateChatBodySchema,
        response: { 200: chatViewSchema },
      },
    },
    (request) => renameChat(request.ctx, request.params.id, request.body),
  );

  r.post(
    '/groups/:id/chat',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: "The group's own chat, created once (group admins and moderators, platform admins)",
        params: linkParams,
        response: { 200: linkedChatSchema, 201: linkedChatSchema },
      },
    },
    async (request, reply) => {
      const result = await openGroupChat(request.ctx, request.params.id);
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );

  r.post(
    '/departments/:id/chat',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: "The department's chat, created once: its people and those of the departments below",
        params: linkParams,
        response: { 200: linkedChatSchema, 201: linkedChatSchema },
      },
    },
    async (request, reply) => {
      const result = await openDepartmentChat(request.ctx, request.params.id);
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );

  registerChatMemberRoutes(app);
  registerChatReadRoutes(app);
  registerChatFolderRoutes(app);
}
