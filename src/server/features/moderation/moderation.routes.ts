import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  commentModerationSchema,
  commentParamsSchema,
  createReportBodySchema,
  moderationNoteBodySchema,
  postIdParamsSchema,
  postModerationSchema,
  reportCreatedSchema,
  reportIdParamsSchema,
  reportListQuerySchema,
  reportPageSchema,
  resolveReportBodySchema,
  resolveReportResultSchema,
} from '../../../shared/api/moderation.js';
import type { App } from '../../app.js';
import { moderateComment, moderatePost, type PostAction } from './moderation.service.js';
import { createReport, listReports, resolveReport } from './moderation-reports.service.js';

const tags = ['moderation'];

const postActions: { path: string; action: PostAction; summary: string }[] = [
  { path: 'hide', action: 'hide', summary: 'Hide a post: only its author and moderators still see it' },
  { path: 'unhide', action: 'unhide', summary: 'Restore a hidden post' },
  { path: 'lock-comments', action: 'lock', summary: 'Lock the comments of a post' },
  { path: 'unlock-comments', action: 'unlock', summary: 'Unlock the comments of a post' },
  { path: 'pin', action: 'pin', summary: 'Pin a post at the top of its space (at most 3 per space)' },
  { path: 'unpin', action: 'unpin', summary: 'Unpin a post' },
];

/**
 * Moderation (P9): actions on posts and comments by the moderators of their space, reports by
 * readers, and the review queue. Access is `signed-in` throughout: guests may moderate the
 * groups they were made moderators of; the per-object policy decides the rest.
 */
export function registerModerationRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  for (const { path, action, summary } of postActions) {
    r.post(
      `/posts/:id/${path}`,
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary,
          params: postIdParamsSchema,
          body: moderationNoteBodySchema,
          response: { 200: postModerationSchema },
        },
      },
      (request) => moderatePost(request.ctx, request.params.id, action, request.body),
    );
  }

  for (const hidden of [true, false]) {
    r.post(
      `/posts/:id/comments/:commentId/${hidden ? 'hide' : 'unhide'}`,
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: hidden ? 'Hide a comment' : 'Restore a hidden comment',
          params: commentParamsSchema,
          body: moderationNoteBodySchema,
          response: { 200: commentModerationSchema },
        },
      },
      (request) =>
        moderateComment(request.ctx, request.params.id, request.params.commentId, hidden, request.body),
    );
  }

  r.post(
    '/posts/:id/reports',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Report a post, or one of its comments, to the moderators',
        params: postIdParamsSchema,
        body: createReportBodySchema,
        response: { 201: reportCreatedSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createReport(request.ctx, request.params.id, request.body)),
  );

  r.get(
    '/moderation/reports',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'The review queue: reports on content the viewer moderates, newest first',
        querystring: reportListQuerySchema,
        response: { 200: reportPageSchema },
      },
    },
    (request) => listReports(request.ctx, request.query),
  );

  r.post(
    '/moderation/reports/:id/resolve',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Decide on a report: allow, hide or delete; closes every open report on the same content',
        params: reportIdParamsSchema,
        body: resolveReportBodySchema,
        response: { 200: resolveReportResultSchema },
      },
    },
    (request) => resolveReport(request.ctx, request.params.id, request.body),
  );
}
