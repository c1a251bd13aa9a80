import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acceptGuestInvitationBodySchema,
  acceptGuestInvitationResponseSchema,
  groupGuestPageSchema,
  guestGroupIdParamsSchema,
  guestInvitationIdParamsSchema,
  guestInvitationPreviewSchema,
  guestTokenParamsSchema,
  inviteGuestBodySchema,
  inviteGuestResultSchema,
  listGroupGuestsQuerySchema,
} from '../../../shared/api/guests.js';
import type { App } from '../../app.js';
import { setSessionCookie } from '../../platform/auth/sessions.js';
import { type RateRule, rateLimitHook } from '../../platform/http/rate-limit.js';
import { deliverMail } from '../auth/auth.mail.js';
import {
  acceptInvitation,
  inviteGuest,
  listGroupGuests,
  previewInvitation,
  revokeInvitation,
} from './guests.service.js';

const tags = ['guests'];
const hour = 3_600_000;

/** Per client address: the anonymous invitation page and its acceptance (tokens are not guessable; this stops floods). */
const previewPerIp: RateRule = { name: 'guest-preview-ip', limit: 60, windowMs: hour };
const acceptPerIp: RateRule = { name: 'guest-accept-ip', limit: 30, windowMs: hour };

/** Guest invitations (G4, X1): inviting into a group, the group's guests, and the anonymous acceptance. */
export function registerGuestRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limiter = () => app.rateLimiter;

  r.post(
    '/groups/:id/guests',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary:
          'Invite an external guest into a group by e-mail (group admins and moderators, platform admins); a known guest is added at once',
        params: guestGroupIdParamsSchema,
        body: inviteGuestBodySchema,
        response: { 200: inviteGuestResultSchema, 201: inviteGuestResultSchema },
      },
    },
    async (request, reply) => {
      const outcome = await inviteGuest(request.ctx, app.rateLimiter, request.params.id, request.body);
      deliverMail(app.mailer, request.log, outcome.mail);
      return reply.code(outcome.status).send(outcome.result);
    },
  );

  r.get(
    '/groups/:id/guests',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary:
          "A group's pending guest invitations and its guests, by e-mail (those who may invite guests)",
        params: guestGroupIdParamsSchema,
        querystring: listGroupGuestsQuerySchema,
        response: { 200: groupGuestPageSchema },
      },
    },
    (request) => listGroupGuests(request.ctx, request.params.id, request.query),
  );

  r.delete(
    '/guest-invitations/:id',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'Withdraw a guest invitation not yet accepted',
        params: guestInvitationIdParamsSchema,
        response: { 204: z.null().describe('Withdrawn') },
      },
    },
    async (request, reply) => {
      await revokeInvitation(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/guest-invitations/by-token/:token',
    {
      config: { access: 'public' },
      preValidation: rateLimitHook(limiter, previewPerIp),
      schema: {
        tags,
        summary:
          'What an invitation link offers: the company, the inviter, the groups, the dates (anonymous)',
        params: guestTokenParamsSchema,
        response: { 200: guestInvitationPreviewSchema },
      },
    },
    (request) => previewInvitation(request.ctx, request.params.token),
  );

  r.post(
    '/guest-invitations/accept',
    {
      config: { access: 'public' },
      preValidation: rateLimitHook(limiter, acceptPerIp),
      schema: {
        tags,
        summary:
          "Accept an invitation: creates the guest's account and signs them in (sets the session cookie, returns the CSRF token)",
        body: acceptGuestInvitationBodySchema,
        response: { 201: acceptGuestInvitationResponseSchema },
      },
    },
    async (request, reply) => {
      const accepted = await acceptInvitation(request.ctx, request.body);
      setSessionCookie(reply, app.config, accepted.secret);
      return reply.code(201).send(accepted.response);
    },
  );
}
