import { z } from 'zod';
import { emailField, nameField, passwordField, sessionResponseSchema } from './auth.js';
import { pageQuerySchema, pageSchema } from './pagination.js';
import { userStatusSchema } from './users.js';

/**
 * Contracts of external guests (G4, X1, R04, R22): a group's admins and moderators (and
 * platform admins) invite a person from outside the company by e-mail into their group, with
 * the date their access ends. The invitation link (`${publicUrl}/guest/accept?token=…`) lives
 * 14 days and works once; opening it shows what the invitation offers, and accepting it creates
 * the guest's account and signs them in. At `accessExpiresAt` the guest's sessions stop working
 * (to the second) and the account is deactivated; only a new invitation brings them back.
 *
 * - An address of a company person (any account that is not a guest's) or on one of the
 *   company's allowed domains is refused with 409: those people are members, not guests.
 * - An address of an active guest adds them to the group at once (they are told by e-mail) and
 *   extends their access to the later of the two dates; an expired guest is reactivated with
 *   the new date, in this group only (their other groups are not given back).
 * - Several pending invitations to one address are accepted together: the account gets every
 *   group and the latest access date of them.
 */

export const guestLimits = {
  /** Access lasts this long unless the inviter says otherwise. */
  defaultAccessDays: 90,
  /** The furthest an access end may be set from now. */
  maxAccessDays: 365,
  /** The invitation link works this long (and never past the access end). */
  linkDays: 14,
  /** Invitations one person may send per hour (429 beyond). */
  invitationsPerHour: 30,
  /** Invitation tokens are 43 base64url characters; the bound only stops junk. */
  token: 200,
} as const;

export const guestInvitationIdParamsSchema = z.object({ id: z.uuid() });
export const guestGroupIdParamsSchema = z.object({ id: z.uuid() });
export const guestTokenParamsSchema = z.object({ token: z.string().min(1).max(guestLimits.token) });

/**
 * `POST /groups/{id}/guests`: `expiresAt` (ISO date-time) is when the guest's access ends;
 * default now + 90 days, must be in the future and at most 365 days away.
 */
export const inviteGuestBodySchema = z.strictObject({
  email: emailField,
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type InviteGuestBody = z.infer<typeof inviteGuestBodySchema>;

/** An invitation's state: waiting, used, withdrawn, or its link ran out unused. */
export const guestInvitationStatusSchema = z.enum(['pending', 'accepted', 'revoked', 'expired']);
export type GuestInvitationStatus = z.infer<typeof guestInvitationStatusSchema>;

/** An invitation as the group's inviters see it. */
export const guestInvitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  status: guestInvitationStatusSchema,
  /** Who sent it; null if that account is gone. */
  invitedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** When the guest's access will end once accepted. */
  accessExpiresAt: z.string(),
  /** When the link stops working. */
  linkExpiresAt: z.string(),
  createdAt: z.string(),
  abilities: z.object({ revoke: z.boolean() }),
});
export type GuestInvitation = z.infer<typeof guestInvitationSchema>;

/** A guest member of the group as its inviters see them (the e-mail included). */
export const groupGuestSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  photoUrl: z.string().nullable(),
  /** `deactivated` once access has ended (or an administrator deactivated them). */
  status: userStatusSchema,
  accessExpiresAt: z.string().nullable(),
  /** Access has ended: invite them again to bring them back. */
  expired: z.boolean(),
  isGuest: z.literal(true),
  joinedAt: z.string(),
});
export type GroupGuest = z.infer<typeof groupGuestSchema>;

/**
 * `POST /groups/{id}/guests` → 201 `invited` (a new invitation was e-mailed) or 200 `added`
 * (an active guest joined the group) / `reactivated` (an expired guest is back, in this group).
 */
export const inviteGuestResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('invited'), invitation: guestInvitationSchema }),
  z.object({ outcome: z.literal('added'), guest: groupGuestSchema }),
  z.object({ outcome: z.literal('reactivated'), guest: groupGuestSchema }),
]);
export type InviteGuestResult = z.infer<typeof inviteGuestResultSchema>;

/**
 * `GET /groups/{id}/guests?limit=&cursor=`: the group's pending invitations and its guests, by
 * e-mail (for those who may invite guests into it).
 */
export const listGroupGuestsQuerySchema = pageQuerySchema;
export const groupGuestItemSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('invitation'), invitation: guestInvitationSchema }),
  z.object({ type: z.literal('guest'), guest: groupGuestSchema }),
]);
export type GroupGuestItem = z.infer<typeof groupGuestItemSchema>;
export const groupGuestPageSchema = pageSchema(groupGuestItemSchema);
export type GroupGuestPage = z.infer<typeof groupGuestPageSchema>;

/**
 * `GET /guest-invitations/by-token/{token}` (anonymous): what the invitation page shows. 404
 * GUEST_INVITATION_NOT_FOUND for an unknown token; 410 GUEST_INVITATION_USED, _REVOKED,
 * _EXPIRED or _GROUPS_GONE for one that can no longer be accepted.
 */
export const guestInvitationPreviewSchema = z.object({
  companyName: z.string().nullable(),
  inviterName: z.string().nullable(),
  /** Every group accepting gives (other pending invitations to the address included). */
  groupNames: z.array(z.string()),
  email: z.string(),
  accessExpiresAt: z.string(),
  linkExpiresAt: z.string(),
});
export type GuestInvitationPreview = z.infer<typeof guestInvitationPreviewSchema>;

/**
 * `POST /guest-invitations/accept` (anonymous) → 201 `{ user, csrfToken }` with the session
 * cookie, as sign-in answers. The company's password policy applies (400 PASSWORD_*); the
 * token errors are those of the preview; 409 GUEST_ACCOUNT_EXISTS if the address has an account.
 */
export const acceptGuestInvitationBodySchema = z.strictObject({
  token: z.string().min(1).max(guestLimits.token),
  name: nameField(),
  password: passwordField,
});
export type AcceptGuestInvitationBody = z.infer<typeof acceptGuestInvitationBodySchema>;
export const acceptGuestInvitationResponseSchema = sessionResponseSchema;
