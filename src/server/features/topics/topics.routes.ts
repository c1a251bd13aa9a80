import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  topicFollowSchema,
  topicListQuerySchema,
  topicPageSchema,
  topicPriorityBodySchema,
  topicSchema,
  topicTagParamsSchema,
} from '../../../shared/api/topics.js';
import type { App } from '../../app.js';
import { getTopic, listTopics, setTopicFollow, setTopicPriority } from './topics.service.js';

const tags = ['topics'];

/** Topics (P3, A5): directory and autocomplete, a topic, following, priority topics. */
export function registerTopicRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/topics',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'Topics the viewer knows of, by tag; `q` autocompletes a hashtag',
        querystring: topicListQuerySchema,
        response: { 200: topicPageSchema },
      },
    },
    (request) => listTopics(request.ctx, request.query),
  );

  r.get(
    '/topics/:tag',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'A topic: its name, whether it is a priority topic, followers',
        params: topicTagParamsSchema,
        response: { 200: topicSchema },
      },
    },
    (request) => getTopic(request.ctx, request.params.tag),
  );

  for (const method of ['put', 'delete'] as const) {
    r[method](
      '/topics/:tag/follow',
      {
        config: { access: 'employee' },
        schema: {
          tags,
          summary: method === 'put' ? 'Follow a topic' : 'Stop following a topic',
          params: topicTagParamsSchema,
          response: { 200: topicFollowSchema },
        },
      },
      (request) => setTopicFollow(request.ctx, request.params.tag, method === 'put'),
    );
  }

  r.put(
    '/admin/topics/:tag/priority',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Make a topic a priority topic (its posts reach every feed), or not (administrators)',
        params: topicTagParamsSchema,
        body: topicPriorityBodySchema,
        response: { 200: topicSchema },
      },
    },
    (request) => setTopicPriority(request.ctx, request.params.tag, request.body.priority),
  );
}
