import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  followResponseSchema,
  userIdParamsSchema,
  userListQuerySchema,
  userPageSchema,
} from '../../../shared/api/users.js';
import type { App } from '../../app.js';
import { followUser, listFollows, unfollowUser } from './user-follows.service.js';

const tags = ['people'];

/** Follow and unfollow people, and list who follows whom (U4). */
export function registerFollowRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/users/:id/follow',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'Follow a person',
        params: userIdParamsSchema,
        response: { 200: followResponseSchema },
      },
    },
    (request) => followUser(request.ctx, request.params.id),
  );

  r.delete(
    '/users/:id/follow',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'Stop following a person',
        params: userIdParamsSchema,
        response: { 200: followResponseSchema },
      },
    },
    (request) => unfollowUser(request.ctx, request.params.id),
  );

  for (const side of ['followers', 'following'] as const) {
    r.get(
      `/users/:id/${side}`,
      {
        config: { access: 'employee' },
        schema: {
          tags,
          summary: side === 'followers' ? 'Who follows a person' : 'Whom a person follows',
          params: userIdParamsSchema,
          querystring: userListQuerySchema,
          response: { 200: userPageSchema },
        },
      },
      (request) => listFollows(request.ctx, request.params.id, side, request.query),
    );
  }
}
