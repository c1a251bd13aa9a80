import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createEventBodySchema,
  eventViewSchema,
  kindPostParamsSchema,
  rsvpBodySchema,
  rsvpListQuerySchema,
  rsvpPageSchema,
} from '../../../shared/api/post-kinds.js';
import { postSchema } from '../../../shared/api/posts.js';
import type { App } from '../../app.js';
import { answerEvent, createEvent, eventCalendar, listEventAnswers } from './events.service.js';

const tags = ['events'];

/** Events (P5): publish, answer, list the answers, download the calendar file. */
export function registerEventRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/events',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Publish an event in a space the caller may write in',
        body: createEventBodySchema,
        response: { 201: postSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createEvent(request.ctx, request.body, app.rateLimiter)),
  );

  r.put(
    '/posts/:id/rsvp',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Answer an event: going, maybe or no (changeable until it is over)',
        params: kindPostParamsSchema,
        body: rsvpBodySchema,
        response: { 200: eventViewSchema },
      },
    },
    (request) => answerEvent(request.ctx, request.params.id, request.body.answer),
  );

  r.get(
    '/posts/:id/rsvps',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Who answered an event, latest first',
        params: kindPostParamsSchema,
        querystring: rsvpListQuerySchema,
        response: { 200: rsvpPageSchema },
      },
    },
    (request) => listEventAnswers(request.ctx, request.params.id, request.query),
  );

  r.get(
    '/posts/:id/event.ics',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'The event as an iCalendar file (text/calendar)',
        params: kindPostParamsSchema,
        produces: ['text/calendar'],
        // A string sent with a non-JSON type goes out as is: this schema documents it.
        response: { 200: z.string().describe('The iCalendar (RFC 5545) file') },
      },
    },
    async (request, reply) => {
      const { filename, ics } = await eventCalendar(request.ctx, request.params.id);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('x-content-type-options', 'nosniff')
        .send(ics);
    },
  );
}
