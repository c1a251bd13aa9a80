import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  feedGroupParamsSchema,
  feedPageSchema,
  feedQuerySchema,
  feedUserParamsSchema,
  personalFeedPageSchema,
} from '../../../shared/api/feed.js';
import { topicTagParamsSchema } from '../../../shared/api/topics.js';
import type { App } from '../../app.js';
import { getCompanyFeed, getGroupFeed, getPersonalFeed, getTopicFeed, getUserPosts } from './feed.service.js';

const tags = ['feed'];

/** The feeds (F1–F3): personal, company, group, topic and a person's publication history. */
export function registerFeedRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/feed',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary:
          'The personal feed: member groups, followed people and topics, the company and priority topics; must-read and pinned first',
        querystring: feedQuerySchema,
        response: { 200: personalFeedPageSchema },
      },
    },
    (request) => getPersonalFeed(request.ctx, request.query),
  );

  r.get(
    '/company/feed',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'The company feed, pinned posts first',
        querystring: feedQuerySchema,
        response: { 200: feedPageSchema },
      },
    },
    (request) => getCompanyFeed(request.ctx, request.query),
  );

  r.get(
    '/groups/:id/feed',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "A group's feed, pinned posts first (404 for a secret group to non-members)",
        params: feedGroupParamsSchema,
        querystring: feedQuerySchema,
        response: { 200: feedPageSchema },
      },
    },
    (request) => getGroupFeed(request.ctx, request.params.id, request.query),
  );

  r.get(
    '/topics/:tag/feed',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'Posts with a hashtag that the viewer may read',
        params: topicTagParamsSchema,
        querystring: feedQuerySchema,
        response: { 200: feedPageSchema },
      },
    },
    (request) => getTopicFeed(request.ctx, request.params.tag, request.query),
  );

  r.get(
    '/users/:id/posts',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "A person's publication history, as far as the viewer may read it",
        params: feedUserParamsSchema,
        querystring: feedQuerySchema,
        response: { 200: feedPageSchema },
      },
    },
    (request) => getUserPosts(request.ctx, request.params.id, request.query),
  );
}
