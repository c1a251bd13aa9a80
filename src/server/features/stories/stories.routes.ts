import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createStoryBodySchema,
  storyAuthorPageSchema,
  storyIdParamsSchema,
  storyListQuerySchema,
  storySchema,
} from '../../../shared/api/stories.js';
import type { App } from '../../app.js';
import { createStory, deleteStory, listStories, readStoryImage } from './stories.service.js';

const tags = ['stories'];

/** Stories (P7): 24-hour cards across the top of the feed, for employees. */
export function registerStoryRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/stories',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'People with stories of the last 24 hours, most recent first (none for guests)',
        querystring: storyListQuerySchema,
        response: { 200: storyAuthorPageSchema },
      },
    },
    (request) => listStories(request.ctx, request.query),
  );

  r.post(
    '/stories',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'Post a story for 24 hours: text (≤ 280 characters), a picture from POST /uploads, or both',
        body: createStoryBodySchema,
        response: { 201: storySchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createStory(request.ctx, request.body)),
  );

  r.delete(
    '/stories/:id',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'Remove a story (its author, moderators and admins)',
        params: storyIdParamsSchema,
        response: { 204: z.null().describe('Removed') },
      },
    },
    async (request, reply) => {
      await deleteStory(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/stories/:id/image',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'The picture of a story (while the story lasts)',
        params: storyIdParamsSchema,
        // A Buffer payload is sent as is: this schema documents it, the serializer never runs.
        response: {
          200: z
            .custom<Uint8Array>((value) => value instanceof Uint8Array)
            .meta({ type: 'string', format: 'binary' })
            .describe('The image bytes'),
        },
      },
    },
    async (request, reply) => {
      const image = await readStoryImage(request.ctx, request.params.id);
      return reply
        .type(image.type)
        .header('content-disposition', 'inline')
        .header('cache-control', 'private, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .send(image.bytes);
    },
  );
}
