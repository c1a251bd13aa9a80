import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuerySchema } from '../../../shared/api/pagination.js';
import {
  createPostBodySchema,
  postIdParamsSchema,
  postSchema,
  postVersionPageSchema,
  sharePostBodySchema,
  shareResultSchema,
  updatePostBodySchema,
} from '../../../shared/api/posts.js';
import type { App } from '../../app.js';
import { registerCommentRoutes } from './post-comments.routes.js';
import { registerMentionRoutes } from './post-mentions.routes.js';
import { settleLinkPreviews } from './post-previews.service.js';
import { registerReactionRoutes } from './post-reactions.routes.js';
import { listPostVersions } from './post-versions.service.js';
import { createPost, deletePost, getPost, sharePostWithPeople, updatePost } from './posts.service.js';
import { registerUploadRoutes } from './uploads.routes.js';

const tags = ['posts'];

/**
 * Posts and everything on them: publishing, the edit history, sharing, comments, reactions,
 * mention autocomplete and image uploads. Per-object rules are the posts policy; a post the
 * caller may not read answers 404 everywhere.
 */
export function registerPostRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Previews still being fetched write to the database: let them finish before it closes.
  app.addHook('onClose', settleLinkPreviews);

  r.post(
    '/posts',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Publish a post in the company, a group or a profile (Markdown, images, or a shared post)',
        body: createPostBodySchema,
        response: { 201: postSchema },
      },
    },
    async (request, reply) => {
      const post = await createPost(request.ctx, request.body, app.rateLimiter);
      return reply.code(201).send(post);
    },
  );

  r.get(
    '/posts/:id',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'A post', params: postIdParamsSchema, response: { 200: postSchema } },
    },
    (request) => getPost(request.ctx, request.params.id),
  );

  r.patch(
    '/posts/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Edit a post (its author): a new version; the old ones stay in the history',
        params: postIdParamsSchema,
        body: updatePostBodySchema,
        response: { 200: postSchema },
      },
    },
    (request) => updatePost(request.ctx, request.params.id, request.body, app.rateLimiter),
  );

  r.delete(
    '/posts/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "Delete a post (its author or the space's moderators); the archive keeps it",
        params: postIdParamsSchema,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      await deletePost(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/posts/:id/versions',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "Every version of a post, newest first (its author and the space's moderators)",
        params: postIdParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: postVersionPageSchema },
      },
    },
    (request) => listPostVersions(request.ctx, request.params.id, request.query),
  );

  r.post(
    '/posts/:id/share',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Send a post to colleagues (only those who can read it are notified)',
        params: postIdParamsSchema,
        body: sharePostBodySchema,
        response: { 200: shareResultSchema },
      },
    },
    (request) => sharePostWithPeople(request.ctx, request.params.id, request.body.userIds),
  );

  registerCommentRoutes(app);
  registerReactionRoutes(app);
  registerMentionRoutes(app);
  registerUploadRoutes(app);
}
