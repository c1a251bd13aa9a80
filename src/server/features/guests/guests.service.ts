import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { SessionResponse } from '../../../shared/api/auth.js';
import {
  type AcceptGuestInvitationBody,
  type GroupGuestItem,
  type GroupGuestPage,
  type GuestInvitationPreview,
  guestLimits,
  type InviteGuestBody,
  type InviteGuestResult,
} from '../../../shared/api/guests.js';
import type { PageQuery } from '../../../shared/api/pagination.js';
import { errorMessage } from '../../../shared/errors.js';
import { cleanLine } from '../../../shared/text.js';
import { domainOf } from '../../platform/auth/email.js';
import { requireActor } from '../../platform/auth/guards.js';
import { assertPasswordAllowed } from '../../platform/auth/password-policy.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { hashSecret, newSecret } from '../../platform/auth/session-token.js';
import { endSession, openSession } from '../../platform/auth/sessions.js';
import { type Actor, type Ctx, record, transact } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { decodeCursor, pageOf } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { storageErrorCode } from '../../platform/http/problem.js';
import type { RateLimiter, RateRule } from '../../platform/http/rate-limit.js';
import type { MailMessage } from '../../platform/mail/mailer.js';
import { mailLocale } from '../auth/auth.mail.js';
import { presentSessionUser } from '../auth/auth.presenter.js';
import { requireEmail } from '../auth/auth.registration.service.js';
import { addMember, removeMember } from '../groups/group-members.changes.js';
import { loadVisibleGroup } from '../groups/groups.service.js';
import { getAllowedDomains, getCompanyName, getPasswordPolicy } from '../settings/settings.service.js';
import { findGroupRole } from '../spaces/spaces.service.js';
import { insertPerson, reactivatePerson } from '../users/user-lifecycle.service.js';
import { authorize } from '../users/users.policy.js';
import { accessEndFrom } from './guests.access.js';
import { guestClock } from './guests.clock.js';
import { addedMail, type InvitationMailFacts, invitationMail, reactivatedMail } from './guests.mail.js';
import {
  canInviteGuests,
  canManageInvitation,
  classifyKnownAddress,
  invitationStatus,
} from './guests.policy.js';
import { presentGroupGuest, presentInvitation } from './guests.presenter.js';
import {
  findInvitationById,
  findInvitationByTokenHash,
  findPersonByEmail,
  findSessionPerson,
  hasPendingInvitationInto,
  type InvitationWithInviter,
  insertInvitation,
  type KnownPersonRow,
  listGroupGuestKeys,
  listGroupGuestsByIds,
  listGroupIdsOf,
  listInvitationGroups,
  listInvitationsByIds,
  listPendingInvitationsTo,
  markInvitationRevoked,
  markInvitationsAccepted,
  setGuestCredentials,
  updateGuestAccess,
} from './guests.queries.js';

/**
 * External guests (G4, X1, R04): invitations into groups, their acceptance, and extending or
 * reopening a guest's access. The rules of who may invite are in guests.policy.ts; the expiry
 * job in guests.jobs.ts; sessions refuse a guest past their access end to the second
 * (platform/auth/sessions.ts `judgeSession`).
 *
 * Re-inviting (documented for the admin guide): an active guest is added to the group at once
 * and their access runs to the later of the two dates; an expired guest (deactivated by the job,
 * or past the date before it ran) is reactivated with the new date in this group only — their
 * other memberships end, since the admins of those groups did not invite them again. A guest an
 * administrator deactivated is not brought back by an invitation (409 GUEST_DEACTIVATED).
 */

const dayMs = 86_400_000;

/** Invitations per inviter per hour. */
export const guestInviteRule: RateRule = {
  name: 'guest-invite',
  limit: guestLimits.invitationsPerHour,
  windowMs: 3_600_000,
};

/** People on the company's own domains sign up as employees (X1); they are never guests. */
async function assertNotCompanyDomain(ctx: Ctx, db: Executor, email: string): Promise<void> {
  const domain = domainOf(email);
  if ((await getAllowedDomains(db)).includes(domain)) {
    throw new AppError('GUEST_EMAIL_COMPANY_DOMAIN', { domain }, [
      {
        field: 'email',
        code: 'GUEST_EMAIL_COMPANY_DOMAIN',
        message: errorMessage('GUEST_EMAIL_COMPANY_DOMAIN', ctx.locale, { domain }),
      },
    ]);
  }
}

const later = (a: string | null, b: string): string => (a !== null && a > b ? a : b);

/** What an invitation produced: the answer, its status code, and the e-mail to send after commit. */
export interface InviteOutcome {
  status: 200 | 201;
  result: InviteGuestResult;
  mail: MailMessage | null;
}

interface InviteContext {
  actor: Actor;
  group: { id: string; name: string };
  accessEnd: string;
  now: Date;
  facts: InvitationMailFacts;
}

async function guestView(tx: Tx, groupId: string, userId: string, now: Date) {
  const [row] = await listGroupGuestsByIds(tx, groupId, [userId]);
  if (!row) throw new AppError('CONFLICT');
  return presentGroupGuest(row, now);
}

/** The address already has an account: an active guest joins, an expired one comes back. */
async function inviteKnownPerson(
  ctx: Ctx,
  tx: Tx,
  person: KnownPersonRow,
  c: InviteContext,
): Promise<InviteOutcome> {
  const kind = classifyKnownAddress(person, c.now);
  if (kind === 'employee') throw new AppError('GUEST_EMAIL_EMPLOYEE');
  if (kind === 'deactivated-guest') throw new AppError('GUEST_DEACTIVATED');
  const locale = mailLocale(person.locale, ctx.locale);
  const memberRole = await findGroupRole(tx, c.group.id, person.id);
  const base = { email: person.email, groupId: c.group.id };

  if (kind === 'active-guest') {
    const before = person.access_expires_at;
    const after = later(before, c.accessEnd);
    if (memberRole !== null && after === before) throw new AppError('ALREADY_MEMBER');
    if (after !== before) {
      await updateGuestAccess(tx, person.id, after);
      await record(ctx, tx, {
        action: 'guest.access_extended',
        subjectType: 'user',
        subjectId: person.id,
        payload: { ...base, before, after },
      });
    }
    if (memberRole === null) await addMember(ctx, tx, c.group.id, person.id, 'member', 'added');
    await record(ctx, tx, {
      action: 'guest.invited',
      subjectType: 'user',
      subjectId: person.id,
      payload: { ...base, outcome: 'added', accessExpiresAt: after },
    });
    return {
      status: 200,
      result: { outcome: 'added', guest: await guestView(tx, c.group.id, person.id, c.now) },
      mail: addedMail(ctx.config, locale, person.email, { ...c.facts, accessExpiresAt: after }),
    };
  }

  // Expired: back with the new date, in this group only.
  if (person.status === 'deactivated') await reactivatePerson(ctx, tx, person.id, 'guest-invitation');
  const dropped: string[] = [];
  for (const groupId of await listGroupIdsOf(tx, person.id)) {
    if (groupId === c.group.id) continue;
    await removeMember(ctx, tx, groupId, person.id, 'removed');
    dropped.push(groupId);
  }
  await updateGuestAccess(tx, person.id, c.accessEnd);
  await record(ctx, tx, {
    action: 'guest.access_extended',
    subjectType: 'user',
    subjectId: person.id,
    payload: { ...base, before: person.access_expires_at, after: c.accessEnd, reactivated: true, dropped },
  });
  if (memberRole === null) await addMember(ctx, tx, c.group.id, person.id, 'member', 'added');
  await record(ctx, tx, {
    action: 'guest.invited',
    subjectType: 'user',
    subjectId: person.id,
    payload: { ...base, outcome: 'reactivated', accessExpiresAt: c.accessEnd },
  });
  return {
    status: 200,
    result: { outcome: 'reactivated', guest: await guestView(tx, c.group.id, person.id, c.now) },
    mail: reactivatedMail(ctx.config, locale, person.email, c.facts),
  };
}

/**
 * `POST /groups/{id}/guests`: invites an external person into the group (the group's admins and
 * moderators, platform admins). 404 for a group the inviter may not know of, 403 without the
 * right; 400 for a bad address or date; 409 for the company's people (any account that is not a
 * guest's), a new address on the company's domains, an address already invited into this group,
 * a guest an administrator deactivated; 429 past the hourly allowance. A new address gets an invitation link by e-mail (201); a known guest is added or
 * reactivated (200) and told by e-mail.
 */
export async function inviteGuest(
  ctx: Ctx,
  limiter: RateLimiter,
  groupId: string,
  body: InviteGuestBody,
): Promise<InviteOutcome> {
  const actor = requireActor(ctx);
  const group = await loadVisibleGroup(ctx.db, actor, groupId);
  authorize(canInviteGuests(actor, { visibility: group.visibility, viewerRole: group.viewer_role }));
  const email = requireEmail(body.email, 'email', ctx.locale);
  const now = guestClock.now();
  const accessEnd = accessEndFrom(ctx, body.expiresAt, now);
  await limiter.consume(guestInviteRule, actor.id);
  const [companyName, inviter] = await Promise.all([
    getCompanyName(ctx.db),
    findSessionPerson(ctx.db, actor.id),
  ]);
  const facts: InvitationMailFacts = {
    inviterName: inviter?.name ?? '',
    companyName,
    groupName: group.name,
    accessExpiresAt: accessEnd,
  };
  const c: InviteContext = { actor, group, accessEnd, now, facts };

  return transact(ctx, async (tx): Promise<InviteOutcome> => {
    const person = await findPersonByEmail(tx, email);
    if (person) return inviteKnownPerson(ctx, tx, person, c);
    await assertNotCompanyDomain(ctx, tx, email);
    const nowIso = now.toISOString();
    if (await hasPendingInvitationInto(tx, email, groupId, nowIso))
      throw new AppError('GUEST_ALREADY_INVITED');
    const token = newSecret();
    const id = uuidv7();
    const linkEnd = new Date(Math.min(now.getTime() + guestLimits.linkDays * dayMs, Date.parse(accessEnd)));
    await insertInvitation(
      tx,
      {
        id,
        email,
        inviter_id: actor.id,
        token_hash: hashSecret(token),
        expires_at: accessEnd,
        invite_expires_at: linkEnd.toISOString(),
        accepted_at: null,
        user_id: null,
        revoked_at: null,
        created_at: nowIso,
      },
      [groupId],
    );
    await record(ctx, tx, {
      action: 'guest.invited',
      subjectType: 'guest_invitation',
      subjectId: id,
      payload: {
        email,
        groupId,
        outcome: 'invited',
        accessExpiresAt: accessEnd,
        linkExpiresAt: linkEnd.toISOString(),
      },
    });
    const row = await findInvitationById(tx, id);
    if (!row) throw new AppError('CONFLICT');
    return {
      status: 201,
      result: { outcome: 'invited', invitation: presentInvitation(row, now, { revoke: true }) },
      mail: invitationMail(ctx.config, ctx.locale, email, token, {
        ...facts,
        linkExpiresAt: linkEnd.toISOString(),
      }),
    };
  });
}

const guestListCursor = z.strictObject({
  e: z.string().max(400),
  k: z.enum(['guest', 'invitation']),
  i: z.string().max(100),
});

/**
 * `GET /groups/{id}/guests`: the group's pending invitations and its guests (expired ones
 * included, to invite them again), by e-mail — for those who may invite guests into it.
 */
export async function listGroupGuests(ctx: Ctx, groupId: string, query: PageQuery): Promise<GroupGuestPage> {
  const actor = requireActor(ctx);
  const group = await loadVisibleGroup(ctx.db, actor, groupId);
  authorize(canInviteGuests(actor, { visibility: group.visibility, viewerRole: group.viewer_role }));
  const now = guestClock.now();
  const keys = await listGroupGuestKeys(
    ctx.db,
    groupId,
    now.toISOString(),
    decodeCursor(guestListCursor, query.cursor),
    query.limit + 1,
  );
  const shown = keys.slice(0, query.limit);
  const [invitations, guests] = await Promise.all([
    listInvitationsByIds(
      ctx.db,
      shown.filter((k) => k.kind === 'invitation').map((k) => k.id),
    ),
    listGroupGuestsByIds(
      ctx.db,
      groupId,
      shown.filter((k) => k.kind === 'guest').map((k) => k.id),
    ),
  ]);
  const invitationById = new Map(invitations.map((r) => [r.id, r]));
  const guestById = new Map(guests.map((r) => [r.id, r]));
  const page = pageOf(
    keys,
    query.limit,
    (k) => ({ e: k.email, k: k.kind, i: k.id }),
    (k): GroupGuestItem | null => {
      if (k.kind === 'invitation') {
        const row = invitationById.get(k.id);
        if (!row) return null;
        const revoke = invitationStatus(row, now) === 'pending';
        return { type: 'invitation', invitation: presentInvitation(row, now, { revoke }) };
      }
      const row = guestById.get(k.id);
      return row ? { type: 'guest', guest: presentGroupGuest(row, now) } : null;
    },
  );
  return { items: page.items.filter((i): i is GroupGuestItem => i !== null), nextCursor: page.nextCursor };
}

/**
 * `DELETE /guest-invitations/{id}`: withdraws an invitation not yet accepted (its link stops
 * working). 404 to anyone who may not invite into one of its groups; 409 once accepted;
 * withdrawing twice changes nothing.
 */
export async function revokeInvitation(ctx: Ctx, id: string): Promise<void> {
  const actor = requireActor(ctx);
  await transact(ctx, async (tx) => {
    const row = await findInvitationById(tx, id);
    if (!row) throw new AppError('GUEST_INVITATION_NOT_FOUND');
    const groups = await listInvitationGroups(tx, [id], actor.id);
    const standings = groups.map((g) => ({ visibility: g.visibility, viewerRole: g.viewer_role }));
    if (!canManageInvitation(actor, standings)) throw new AppError('GUEST_INVITATION_NOT_FOUND');
    if (row.accepted_at !== null) throw new AppError('GUEST_INVITATION_ACCEPTED');
    if (row.revoked_at !== null) return;
    if (!(await markInvitationRevoked(tx, id, guestClock.now().toISOString()))) {
      throw new AppError('GUEST_INVITATION_ACCEPTED');
    }
    await record(ctx, tx, {
      action: 'guest.invitation_revoked',
      subjectType: 'guest_invitation',
      subjectId: id,
      payload: { email: row.email, groupIds: groups.map((g) => g.group_id) },
    });
  });
}

/** An invitation that can still be accepted at `now`, or the 404/410 that says why not. */
function acceptable(row: InvitationWithInviter | undefined, now: Date): InvitationWithInviter {
  if (!row) throw new AppError('GUEST_INVITATION_NOT_FOUND');
  switch (invitationStatus(row, now)) {
    case 'accepted':
      throw new AppError('GUEST_INVITATION_USED');
    case 'revoked':
      throw new AppError('GUEST_INVITATION_REVOKED');
    case 'expired':
      throw new AppError('GUEST_INVITATION_EXPIRED');
    case 'pending':
      return row;
  }
}

/**
 * What accepting `row` gives: every pending invitation to its address (it included), their
 * still-existing groups (by id) and the latest access end among them.
 */
async function whatAcceptingGives(tx: Executor, row: InvitationWithInviter, now: Date) {
  const pending = await listPendingInvitationsTo(tx, row.email, now.toISOString());
  const invitations = pending.some((p) => p.id === row.id) ? pending : [row, ...pending];
  const groups = new Map(
    (
      await listInvitationGroups(
        tx,
        invitations.map((i) => i.id),
        null,
      )
    ).map((g) => [g.group_id, g.name]),
  );
  const accessEnd = invitations.reduce((end, i) => later(end, i.expires_at), row.expires_at);
  return { invitations, groups, accessEnd };
}

/** `GET /guest-invitations/by-token/{token}` (anonymous): what the invitation page shows. */
export async function previewInvitation(ctx: Ctx, token: string): Promise<GuestInvitationPreview> {
  const now = guestClock.now();
  const row = acceptable(await findInvitationByTokenHash(ctx.db, hashSecret(token)), now);
  const [gives, companyName] = await Promise.all([
    whatAcceptingGives(ctx.db, row, now),
    getCompanyName(ctx.db),
  ]);
  if (gives.groups.size === 0) throw new AppError('GUEST_INVITATION_GROUPS_GONE');
  return {
    companyName,
    inviterName: row.inviter_name,
    groupNames: [...gives.groups.values()],
    email: row.email,
    accessExpiresAt: gives.accessEnd,
    linkExpiresAt: row.invite_expires_at,
  };
}

/** A guest account just made: the session answer and the cookie's secret. */
export interface AcceptedInvitation {
  response: SessionResponse;
  secret: string;
}

/**
 * `POST /guest-invitations/accept` (anonymous): creates the guest's account — role `guest`,
 * active, e-mail verified by the link, the company's password policy applied, access until the
 * invitation's date — with the memberships of every pending invitation to the address, marks
 * them used, and signs the guest in as sign-in does (a new session; any session the request
 * came with ends). Never makes or changes anyone else's account: an address that has one by
 * now gets 409 GUEST_ACCOUNT_EXISTS.
 */
export async function acceptInvitation(
  ctx: Ctx,
  input: AcceptGuestInvitationBody,
): Promise<AcceptedInvitation> {
  const tokenHash = hashSecret(input.token);
  const first = acceptable(await findInvitationByTokenHash(ctx.db, tokenHash), guestClock.now());
  const email = first.email;
  const name = cleanLine(input.name);
  const [policy, companyName] = await Promise.all([getPasswordPolicy(ctx.db), getCompanyName(ctx.db)]);
  await assertNotCompanyDomain(ctx, ctx.db, email);
  assertPasswordAllowed(input.password, policy, { email, name, companyName }, 'password', ctx.locale);
  // Hashed before the transaction: argon2 must not hold the write lock.
  const passwordHash = await hashPassword(input.password, ctx.config.passwordPepper);
  const previousSession = ctx.actor?.sessionId;

  let opened: { userId: string; secret: string; csrfToken: string };
  try {
    opened = await transact(ctx, async (tx) => {
      const now = guestClock.now();
      const at = now.toISOString();
      const row = acceptable(await findInvitationByTokenHash(tx, tokenHash), now);
      if (await findPersonByEmail(tx, email)) throw new AppError('GUEST_ACCOUNT_EXISTS');
      const gives = await whatAcceptingGives(tx, row, now);
      if (gives.groups.size === 0) throw new AppError('GUEST_INVITATION_GROUPS_GONE');

      const userId = await insertPerson(
        ctx,
        tx,
        {
          email,
          name,
          position: null,
          departmentId: null,
          managerId: null,
          phone: null,
          office: null,
          city: null,
          birthday: null,
          startDate: null,
          about: null,
          interests: [],
          contacts: {},
          skills: [],
          employeeId: null,
        },
        { role: 'guest', source: 'guest-invitation', accessExpiresAt: gives.accessEnd },
      );
      await setGuestCredentials(tx, userId, {
        passwordHash,
        at,
        accessExpiresAt: gives.accessEnd,
        locale: ctx.locale,
      });
      // This invitation first: a concurrent revocation or use makes the whole acceptance fail.
      if ((await markInvitationsAccepted(tx, [row.id], userId, at)) !== 1) {
        throw new AppError('GUEST_INVITATION_USED');
      }
      const others = gives.invitations.filter((i) => i.id !== row.id).map((i) => i.id);
      await markInvitationsAccepted(tx, others, userId, at);

      // From here on the new guest is the one acting (the ledger names them).
      const guest: Actor = { id: userId, role: 'guest', status: 'active', departmentId: null };
      const asGuest: Ctx = { ...ctx, actor: guest };
      for (const groupId of gives.groups.keys()) {
        await addMember(asGuest, tx, groupId, userId, 'member', 'invite-accepted');
      }
      await record(asGuest, tx, {
        action: 'guest.accepted',
        subjectType: 'user',
        subjectId: userId,
        payload: {
          email,
          invitationIds: [row.id, ...others],
          groupIds: [...gives.groups.keys()],
          accessExpiresAt: gives.accessEnd,
        },
      });
      if (previousSession) await endSession(tx, previousSession);
      const session = await openSession(tx, ctx.config, userId, { ip: ctx.ip, userAgent: ctx.userAgent });
      await record(asGuest, tx, {
        action: 'auth.login.succeeded',
        subjectType: 'user',
        subjectId: userId,
        payload: { via: 'guest-invitation' },
      });
      return { userId, secret: session.secret, csrfToken: session.csrfToken };
    });
  } catch (error) {
    // Another account took the address between the check and the insert.
    if (storageErrorCode(error) === 'CONFLICT') throw new AppError('GUEST_ACCOUNT_EXISTS');
    throw error;
  }
  const person = await findSessionPerson(ctx.db, opened.userId);
  if (!person) throw new AppError('CONFLICT');
  return {
    response: { user: presentSessionUser(person, policy), csrfToken: opened.csrfToken },
    secret: opened.secret,
  };
}
