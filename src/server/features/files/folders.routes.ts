import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createFolderBodySchema,
  folderDetailSchema,
  folderIdParamsSchema,
  updateFolderBodySchema,
} from '../../../shared/api/files.js';
import type { App } from '../../app.js';
import { createFolder, deleteFolder, getFolder, updateFolder } from './folders.service.js';

const tags = ['files'];

/** Folders of document libraries (G2). */
export function registerFolderRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/folders',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "Create a folder at a library's root (space) or inside a folder (parentId)",
        body: createFolderBodySchema,
        response: { 201: folderDetailSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createFolder(request.ctx, request.body)),
  );

  r.get(
    '/folders/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'A folder with its breadcrumbs and the viewer’s abilities',
        params: folderIdParamsSchema,
        response: { 200: folderDetailSchema },
      },
    },
    (request) => getFolder(request.ctx, request.params.id),
  );

  r.patch(
    '/folders/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Rename a folder and/or move it (with its contents) within its library',
        params: folderIdParamsSchema,
        body: updateFolderBodySchema,
        response: { 200: folderDetailSchema },
      },
    },
    (request) => updateFolder(request.ctx, request.params.id, request.body),
  );

  r.delete(
    '/folders/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "Delete a folder with its contents (the library's managers; its creator while it is empty)",
        params: folderIdParamsSchema,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      await deleteFolder(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
