import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  chatFolderBodySchema,
  chatFolderListSchema,
  chatFolderSchema,
  chatFolderUpdateBodySchema,
} from '../../../shared/api/chats.js';
import type { App } from '../../app.js';
import {
  createChatFolder,
  deleteChatFolder,
  listChatFolders,
  updateChatFolder,
} from './chat-folders.service.js';

const tags = ['chats'];
const folderParams = z.object({ id: z.uuid() });

/** The viewer's own chat folders. */
export function registerChatFolderRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/chat-folders',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "The viewer's chat folders in order",
        response: { 200: chatFolderListSchema },
      },
    },
    (request) => listChatFolders(request.ctx),
  );

  r.post(
    '/chat-folders',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'A new chat folder at the end',
        body: chatFolderBodySchema,
        response: { 201: chatFolderSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createChatFolder(request.ctx, request.body)),
  );

  r.patch(
    '/chat-folders/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Rename a chat folder or move it',
        params: folderParams,
        body: chatFolderUpdateBodySchema,
        response: { 200: chatFolderSchema },
      },
    },
    (request) => updateChatFolder(request.ctx, request.params.id, request.body),
  );

  r.delete(
    '/chat-folders/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Delete a chat folder (its chats stay, unfiled)',
        params: folderParams,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      await deleteChatFolder(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
