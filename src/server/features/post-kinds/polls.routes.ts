import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createPollBodySchema,
  kindPostParamsSchema,
  pollViewSchema,
  voteBodySchema,
  voteListQuerySchema,
  votePageSchema,
} from '../../../shared/api/post-kinds.js';
import { postSchema } from '../../../shared/api/posts.js';
import type { App } from '../../app.js';
import { createPoll, listPollVotes, votePoll } from './polls.service.js';

const tags = ['polls'];

/** Polls and quizzes (P6): publish, vote, list who voted for what (never for anonymous polls). */
export function registerPollRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/polls',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Publish a poll or a quiz in a space the caller may write in',
        body: createPollBodySchema,
        response: { 201: postSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createPoll(request.ctx, request.body, app.rateLimiter)),
  );

  r.put(
    '/posts/:id/votes',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Vote in a poll (replaces an earlier vote while open; a quiz takes the first answer)',
        params: kindPostParamsSchema,
        body: voteBodySchema,
        response: { 200: pollViewSchema },
      },
    },
    (request) => votePoll(request.ctx, request.params.id, request.body.optionIds),
  );

  r.get(
    '/posts/:id/votes',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Who voted for what in a poll that is not anonymous, latest first',
        params: kindPostParamsSchema,
        querystring: voteListQuerySchema,
        response: { 200: votePageSchema },
      },
    },
    (request) => listPollVotes(request.ctx, request.params.id, request.query),
  );
}
