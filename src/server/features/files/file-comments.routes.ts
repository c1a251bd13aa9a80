import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createFileCommentBodySchema,
  fileCommentListQuerySchema,
  fileCommentPageSchema,
  fileCommentParamsSchema,
  fileCommentSchema,
  fileIdParamsSchema,
} from '../../../shared/api/files.js';
import type { App } from '../../app.js';
import { createFileComment, deleteFileComment, listFileComments } from './file-comments.service.js';

const tags = ['files'];

/** Comments on documents (G2). */
export function registerFileCommentRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/files/:id/comments',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "A file's comments, oldest first",
        params: fileIdParamsSchema,
        querystring: fileCommentListQuerySchema,
        response: { 200: fileCommentPageSchema },
      },
    },
    (request) => listFileComments(request.ctx, request.params.id, request.query),
  );

  r.post(
    '/files/:id/comments',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Comment on a file (Markdown; @mentions notify people who may read it)',
        params: fileIdParamsSchema,
        body: createFileCommentBodySchema,
        response: { 201: fileCommentSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createFileComment(request.ctx, request.params.id, request.body)),
  );

  r.delete(
    '/files/:id/comments/:commentId',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "Delete a comment on a file (its author, the library's managers)",
        params: fileCommentParamsSchema,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      await deleteFileComment(request.ctx, request.params.id, request.params.commentId);
      return reply.code(204).send(null);
    },
  );
}
