import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createAnnouncementBodySchema,
  kindPostParamsSchema,
  readConfirmationSchema,
  readerListQuerySchema,
  readerPageSchema,
  remindResponseSchema,
} from '../../../shared/api/post-kinds.js';
import { postSchema } from '../../../shared/api/posts.js';
import type { App } from '../../app.js';
import { confirmReading, createAnnouncement, listReaders, remindReaders } from './announcements.service.js';

const tags = ['announcements'];
/** Actions whose request is the URL alone accept an empty JSON object or no body at all. */
const noBody = z.strictObject({}).nullish();

/** Announcements (P8): publish, confirm a must-read, follow who has read it, remind the others. */
export function registerAnnouncementRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/announcements',
    {
      config: { access: 'moderator' },
      schema: {
        tags,
        summary: 'Publish an announcement to everyone or to departments, optionally must-read',
        body: createAnnouncementBodySchema,
        response: { 201: postSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createAnnouncement(request.ctx, request.body, app.rateLimiter)),
  );

  r.post(
    '/posts/:id/read-confirmation',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'Confirm having read a must-read announcement (once; repeating changes nothing)',
        params: kindPostParamsSchema,
        body: noBody,
        response: { 200: readConfirmationSchema },
      },
    },
    (request) => confirmReading(request.ctx, request.params.id),
  );

  r.get(
    '/posts/:id/readers',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'Who has confirmed a must-read announcement and who has not (its author and moderators)',
        params: kindPostParamsSchema,
        querystring: readerListQuerySchema,
        response: { 200: readerPageSchema },
      },
    },
    (request) => listReaders(request.ctx, request.params.id, request.query),
  );

  r.post(
    '/posts/:id/remind',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'Remind those who have not confirmed a must-read announcement (at most once an hour)',
        params: kindPostParamsSchema,
        body: noBody,
        response: { 200: remindResponseSchema },
      },
    },
    (request) => remindReaders(request.ctx, app.rateLimiter, request.params.id),
  );
}
