import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  commentListQuerySchema,
  commentPageSchema,
  commentParamsSchema,
  commentSchema,
  createCommentBodySchema,
  postIdParamsSchema,
  updateCommentBodySchema,
} from '../../../shared/api/posts.js';
import type { App } from '../../app.js';
import { createComment, deleteComment, listComments, updateComment } from './post-comments.service.js';

const tags = ['posts'];

/** Comments with one level of replies. */
export function registerCommentRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/posts/:id/comments',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Comments on a post: top-level oldest first, each with its replies',
        params: postIdParamsSchema,
        querystring: commentListQuerySchema,
        response: { 200: commentPageSchema },
      },
    },
    (request) => listComments(request.ctx, request.params.id, request.query),
  );

  r.post(
    '/posts/:id/comments',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Comment on a post, or reply to a comment (replies are one level deep)',
        params: postIdParamsSchema,
        body: createCommentBodySchema,
        response: { 201: commentSchema },
      },
    },
    async (request, reply) => {
      const comment = await createComment(request.ctx, request.params.id, request.body);
      return reply.code(201).send(comment);
    },
  );

  r.patch(
    '/posts/:id/comments/:commentId',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Edit a comment (its author)',
        params: commentParamsSchema,
        body: updateCommentBodySchema,
        response: { 200: commentSchema },
      },
    },
    (request) => updateComment(request.ctx, request.params.id, request.params.commentId, request.body),
  );

  r.delete(
    '/posts/:id/comments/:commentId',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "Delete a comment and its replies (its author or the space's moderators)",
        params: commentParamsSchema,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      await deleteComment(request.ctx, request.params.id, request.params.commentId);
      return reply.code(204).send(null);
    },
  );
}
