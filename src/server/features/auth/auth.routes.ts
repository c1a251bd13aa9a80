import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  authLimits,
  checkEmailResponseSchema,
  forgotPasswordBodySchema,
  loginBodySchema,
  publicPasswordPolicySchema,
  registerBodySchema,
  resetPasswordBodySchema,
  resetPasswordResponseSchema,
  sessionResponseSchema,
  verifyEmailBodySchema,
  verifyEmailResponseSchema,
} from '../../../shared/api/auth.js';
import type { App } from '../../app.js';
import { clearSessionCookie, setSessionCookie } from '../../platform/auth/sessions.js';
import { rateLimitHook } from '../../platform/http/rate-limit.js';
import { getPasswordPolicy } from '../settings/settings.service.js';
import { authRules } from './auth.limits.js';
import { login, logout } from './auth.login.service.js';
import { deliverMail } from './auth.mail.js';
import { registerMeRoutes } from './auth.me.routes.js';
import { requestPasswordReset, resetPassword } from './auth.password.service.js';
import { presentSessionUser } from './auth.presenter.js';
import { register, verifyEmail } from './auth.registration.service.js';

const tags = ['auth'];

/**
 * Sign-up, e-mail verification, sign-in, sign-out and password reset (all public), then the
 * signed-in person's own routes under `/me`.
 */
export function registerAuthRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limiter = () => app.rateLimiter;
  const open = (rule: (typeof authRules)[keyof typeof authRules]) => ({
    config: { access: 'public' as const },
    preValidation: rateLimitHook(limiter, rule),
  });

  r.post(
    '/auth/register',
    {
      ...open(authRules.registerPerIp),
      schema: {
        tags,
        summary: 'Sign up with a work e-mail: the same 202 for every address that may register',
        body: registerBodySchema,
        response: { 202: checkEmailResponseSchema },
      },
    },
    async (request, reply) => {
      const mail = await register(request.ctx, app.rateLimiter, request.body);
      deliverMail(app.mailer, request.log, mail);
      return reply.code(202).send({ status: 'check-email' as const });
    },
  );

  r.post(
    '/auth/verify-email',
    {
      ...open(authRules.verifyPerIp),
      schema: {
        tags,
        summary:
          'Confirm an e-mail address with the token from the link and the password chosen at sign-up, activating the account',
        body: verifyEmailBodySchema,
        response: { 200: verifyEmailResponseSchema },
      },
    },
    async (request) => {
      await verifyEmail(request.ctx, request.body.token, request.body.password);
      return { status: 'verified' as const };
    },
  );

  r.post(
    '/auth/login',
    {
      ...open(authRules.loginPerIp),
      schema: {
        tags,
        summary: 'Sign in: sets the session cookie and returns the person and the CSRF token',
        body: loginBodySchema,
        response: { 200: sessionResponseSchema },
      },
    },
    async (request, reply) => {
      const { user, policy, session } = await login(request.ctx, app.rateLimiter, request.body);
      setSessionCookie(reply, app.config, session.secret);
      return { user: presentSessionUser(user, policy), csrfToken: session.csrfToken };
    },
  );

  r.post(
    '/auth/logout',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Sign out: ends this session and clears its cookie',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await logout(request.ctx);
      clearSessionCookie(reply, app.config);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/auth/password/forgot',
    {
      ...open(authRules.forgotPerIp),
      schema: {
        tags,
        summary: 'Ask for a password reset link: the same 202 whether or not the address exists',
        body: forgotPasswordBodySchema,
        response: { 202: checkEmailResponseSchema },
      },
    },
    async (request, reply) => {
      const mail = await requestPasswordReset(request.ctx, app.rateLimiter, request.body.email);
      deliverMail(app.mailer, request.log, mail);
      return reply.code(202).send({ status: 'check-email' as const });
    },
  );

  r.post(
    '/auth/password/reset',
    {
      ...open(authRules.resetPerIp),
      schema: {
        tags,
        summary: 'Set a new password with the token from the link; ends every session of the person',
        body: resetPasswordBodySchema,
        response: { 200: resetPasswordResponseSchema },
      },
    },
    async (request) => {
      await resetPassword(request.ctx, request.body);
      return { status: 'password-reset' as const };
    },
  );

  r.get(
    '/auth/password-policy',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The password rules a sign-up or password form shows',
        response: { 200: publicPasswordPolicySchema },
      },
    },
    async (request) => {
      const policy = await getPasswordPolicy(request.ctx.db);
      return {
        minLength: policy.minLength,
        maxLength: authLimits.passwordMaxChars,
        minLetters: policy.minLetters,
        minDigits: policy.minDigits,
        minSymbols: policy.minSymbols,
      };
    },
  );

  registerMeRoutes(app);
}
