import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changeLocaleBodySchema,
  changePasswordBodySchema,
  listSessionsQuerySchema,
  meResponseSchema,
  sessionIdParamsSchema,
  sessionPageSchema,
} from '../../../shared/api/auth.js';
import type { App } from '../../app.js';
import { requireActor } from '../../platform/auth/guards.js';
import { clearSessionCookie, setSessionCookie } from '../../platform/auth/sessions.js';
import { rateLimitHook } from '../../platform/http/rate-limit.js';
import { reviewsReports } from '../moderation/moderation.service.js';
import { authRules } from './auth.limits.js';
import { deliverMail } from './auth.mail.js';
import { getMySession, listMySessions, revokeMySession, setMyLocale } from './auth.me.service.js';
import { changePassword } from './auth.password.service.js';
import { presentSessionUser } from './auth.presenter.js';

const tags = ['me'];
const signedIn = { config: { access: 'signed-in' as const } };

/** The signed-in person's own account: who am I, language, password and sessions. */
export function registerMeRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/me',
    {
      ...signedIn,
      schema: {
        tags,
        summary:
          'The signed-in person, the CSRF token of this session and whether they moderate (401 when anonymous)',
        response: { 200: meResponseSchema },
      },
    },
    async (request) => getMySession(request.ctx, requireActor(request.ctx)),
  );

  r.patch(
    '/me/locale',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Choose the language of the interface and of e-mail',
        body: changeLocaleBodySchema,
        response: { 200: meResponseSchema },
      },
    },
    async (request) => setMyLocale(request.ctx, requireActor(request.ctx), request.body.locale),
  );

  r.post(
    '/me/password',
    {
      config: { access: 'signed-in' },
      preValidation: rateLimitHook(
        () => app.rateLimiter,
        authRules.changePasswordPerUser,
        (request) => request.actor?.id ?? request.ip,
      ),
      schema: {
        tags,
        summary:
          'Change the password (needs the current one); rotates this session, ends the others by default',
        body: changePasswordBodySchema,
        response: { 200: meResponseSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.ctx);
      const changed = await changePassword(request.ctx, actor, app.rateLimiter, request.body);
      setSessionCookie(reply, app.config, changed.session.secret);
      deliverMail(app.mailer, request.log, changed.mail);
      return {
        user: presentSessionUser(changed.user, changed.policy),
        csrfToken: changed.session.csrfToken,
        canModerate: await reviewsReports(request.ctx.db, actor),
      };
    },
  );

  r.get(
    '/me/sessions',
    {
      ...signedIn,
      schema: {
        tags,
        summary: "The signed-in person's sessions, newest first, the current one flagged",
        querystring: listSessionsQuerySchema,
        response: { 200: sessionPageSchema },
      },
    },
    async (request) => listMySessions(request.ctx, requireActor(request.ctx), request.query),
  );

  r.delete(
    '/me/sessions/:id',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'End one of your sessions (ending the current one signs this browser out)',
        params: sessionIdParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { current } = await revokeMySession(request.ctx, requireActor(request.ctx), request.params.id);
      if (current) clearSessionCookie(reply, app.config);
      return reply.code(204).send(null);
    },
  );
}
