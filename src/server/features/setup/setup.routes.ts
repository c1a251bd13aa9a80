import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sessionResponseSchema } from '../../../shared/api/auth.js';
import { setupBodySchema, setupStatusSchema } from '../../../shared/api/setup.js';
import type { App } from '../../app.js';
import { setSessionCookie } from '../../platform/auth/sessions.js';
import { rateLimitHook } from '../../platform/http/rate-limit.js';
import { loadSessionUser } from '../auth/auth.accounts.service.js';
import { authRules } from '../auth/auth.limits.js';
import { getSetupStatus, setupCompany } from './setup.service.js';

const tags = ['setup'];

/** The first-run setup: whether it is needed, and doing it. */
export function registerSetupRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/setup',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Whether this installation still needs its first-run setup',
        response: { 200: setupStatusSchema },
      },
    },
    async (request) => getSetupStatus(request.ctx),
  );

  r.post(
    '/setup',
    {
      config: { access: 'public' },
      preValidation: rateLimitHook(() => app.rateLimiter, authRules.setupPerIp),
      schema: {
        tags,
        summary: 'Name the company and create the first administrator, who is signed in (409 once done)',
        body: setupBodySchema,
        response: { 201: sessionResponseSchema },
      },
    },
    async (request, reply) => {
      const { userId, session } = await setupCompany(request.ctx, request.body, { signIn: true });
      if (!session) throw new Error('setup opened no session');
      setSessionCookie(reply, app.config, session.secret);
      const user = await loadSessionUser(request.ctx, userId);
      return reply.code(201).send({ user, csrfToken: session.csrfToken });
    },
  );
}
