import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { seedDemoBodySchema, seedDemoResultSchema } from '../../../shared/api/seed.js';
import type { App } from '../../app.js';
import { requireActor } from '../../platform/auth/guards.js';
import { authorize } from '../users/users.policy.js';
import { canSeedDemo } from './seed.policy.js';
import { seedDemoCompany } from './seed.service.js';

/** `POST /admin/seed-demo`: the admin UI's "fill with a demo company". */
export function registerSeedRoutes(app: App): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/admin/seed-demo',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Fill the company with a demo organisation (admins; once)',
        body: seedDemoBodySchema.optional(),
        response: { 201: seedDemoResultSchema },
      },
    },
    async (request, reply) => {
      authorize(canSeedDemo(requireActor(request.ctx)));
      return reply.code(201).send(await seedDemoCompany(request.ctx, request.body ?? {}));
    },
  );
}
