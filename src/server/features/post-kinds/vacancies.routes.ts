import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageQuerySchema } from '../../../shared/api/pagination.js';
import {
  createReferralBodySchema,
  createVacancyBodySchema,
  kindPostParamsSchema,
  referralPageSchema,
  referralSchema,
} from '../../../shared/api/post-kinds.js';
import { postSchema } from '../../../shared/api/posts.js';
import type { App } from '../../app.js';
import { createVacancy, listReferrals, referCandidate } from './vacancies.service.js';

const tags = ['vacancies'];

/** Vacancies (P11): publish, recommend a candidate, read the recommendations. */
export function registerVacancyRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/vacancies',
    {
      config: { access: 'moderator' },
      schema: {
        tags,
        summary: 'Publish a vacancy in the company space',
        body: createVacancyBodySchema,
        response: { 201: postSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createVacancy(request.ctx, request.body, app.rateLimiter)),
  );

  r.post(
    '/posts/:id/referrals',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'Recommend a candidate for an open vacancy',
        params: kindPostParamsSchema,
        body: createReferralBodySchema,
        response: { 201: referralSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await referCandidate(request.ctx, request.params.id, request.body)),
  );

  r.get(
    '/posts/:id/referrals',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'The recommendations for a vacancy, newest first (its author and administrators)',
        params: kindPostParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: referralPageSchema },
      },
    },
    (request) => listReferrals(request.ctx, request.params.id, request.query),
  );
}
