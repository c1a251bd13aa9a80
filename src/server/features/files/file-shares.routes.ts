import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createShareBodySchema,
  fileIdParamsSchema,
  fileShareListQuerySchema,
  fileSharePageSchema,
  fileShareParamsSchema,
  fileShareSchema,
  folderIdParamsSchema,
} from '../../../shared/api/files.js';
import type { App } from '../../app.js';
import { createShare, deleteShare, listShares, type ShareObject } from './file-shares.service.js';

const tags = ['files'];

/** Shares of files and folders (G3): the same three routes under `/files/{id}` and `/folders/{id}`. */
export function registerFileShareRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  for (const type of ['file', 'folder'] as const) {
    const base = type === 'file' ? '/files/:id/shares' : '/folders/:id/shares';
    const params = type === 'file' ? fileIdParamsSchema : folderIdParamsSchema;
    const object = (id: string): ShareObject => ({ type, id });

    r.get(
      base,
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: `The shares of a ${type}, its own and inherited from folders above, newest first (whoever may share it)`,
          params,
          querystring: fileShareListQuerySchema,
          response: { 200: fileSharePageSchema },
        },
      },
      (request) => listShares(request.ctx, object(request.params.id), request.query),
    );

    r.post(
      base,
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: `Share a ${type} with a person, group or department, to read or edit (sharing again changes the permission)`,
          params,
          body: createShareBodySchema,
          response: { 200: fileShareSchema, 201: fileShareSchema },
        },
      },
      async (request, reply) => {
        const { share, created } = await createShare(request.ctx, object(request.params.id), request.body);
        return reply.code(created ? 201 : 200).send(share);
      },
    );

    r.delete(
      `${base}/:shareId`,
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: `Remove a share of a ${type} (whoever may share it); access ends at once`,
          params: fileShareParamsSchema,
          response: { 204: z.null().describe('Removed') },
        },
      },
      async (request, reply) => {
        await deleteShare(request.ctx, object(request.params.id), request.params.shareId);
        return reply.code(204).send(null);
      },
    );
  }
}
