import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  chatIdParamsSchema,
  chatMemberSettingsBodySchema,
  chatViewSchema,
  markReadBodySchema,
  markReadResultSchema,
} from '../../../shared/api/chats.js';
import type { App } from '../../app.js';
import { markChatRead, updateMyChatSettings } from './chat-read.service.js';

const tags = ['chats'];

/** The viewer's own state of a chat: settings and read position. */
export function registerChatReadRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.patch(
    '/chats/:id/me',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'The viewer’s settings of a chat: mute, notifications, pin, archive, folder',
        params: chatIdParamsSchema,
        body: chatMemberSettingsBodySchema,
        response: { 200: chatViewSchema },
      },
    },
    (request) => updateMyChatSettings(request.ctx, request.params.id, request.body),
  );

  r.post(
    '/chats/:id/read',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Mark the chat read up to a message’s seq (never backwards)',
        params: chatIdParamsSchema,
        body: markReadBodySchema,
        response: { 200: markReadResultSchema },
      },
    },
    (request) => markChatRead(request.ctx, request.params.id, request.body),
  );
}
