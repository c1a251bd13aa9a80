import type { GuestInvitationStatus } from '../../../shared/api/guests.js';
import type { Actor } from '../../platform/context.js';
import type { GroupRole, GroupVisibility } from '../../platform/db/schema.js';

/**
 * Who may invite external guests (G4, R04), and what state an invitation or a guest is in.
 *
 * - Inviting a guest into a group, seeing its pending invitations and guests, and withdrawing an
 *   invitation: the group's admins and moderators, and platform admins for groups they may know
 *   of (a secret group only if they are in it). Never a guest; never plain members.
 * - An invitation is seen and withdrawn by whoever may invite into one of its groups; to anyone
 *   else it does not exist (404).
 */

/** Where the actor stands in a group, as these rules read it. */
export interface GroupInviteStanding {
  visibility: GroupVisibility;
  viewerRole: GroupRole | null;
}

const isEmployee = (actor: Actor | null): actor is Actor =>
  actor !== null && actor.status === 'active' && actor.role !== 'guest';

export function canInviteGuests(actor: Actor | null, g: GroupInviteStanding): boolean {
  if (!isEmployee(actor)) return false;
  if (g.viewerRole === 'admin' || g.viewerRole === 'moderator') return true;
  return actor.role === 'admin' && (g.visibility !== 'secret' || g.viewerRole !== null);
}

/** An invitation is visible (and revocable) to those who may invite into one of its groups. */
export function canManageInvitation(actor: Actor | null, groups: readonly GroupInviteStanding[]): boolean {
  return groups.some((g) => canInviteGuests(actor, g));
}

/** The state of an invitation at `now`. */
export function invitationStatus(
  row: { accepted_at: string | null; revoked_at: string | null; invite_expires_at: string },
  now: Date,
): GuestInvitationStatus {
  if (row.accepted_at !== null) return 'accepted';
  if (row.revoked_at !== null) return 'revoked';
  if (Date.parse(row.invite_expires_at) <= now.getTime()) return 'expired';
  return 'pending';
}

/** Whether a guest's access has ended at `now` (whether or not the job has deactivated them yet). */
export function accessEnded(person: { access_expires_at: string | null }, now: Date): boolean {
  return person.access_expires_at !== null && Date.parse(person.access_expires_at) <= now.getTime();
}

/** How an address already known to the company stands for a new guest invitation. */
export type KnownAddress =
  /** A company person (any account that is not a guest's): invite them as a member instead. */
  | 'employee'
  /** A guest with access now: they join the group at once. */
  | 'active-guest'
  /** A guest whose access ended: a new invitation brings them back with its dates. */
  | 'expired-guest'
  /** A guest an administrator deactivated: only an administrator brings them back. */
  | 'deactivated-guest';

export function classifyKnownAddress(
  person: {
    role: string;
    status: string;
    deactivated_via: string | null;
    access_expires_at: string | null;
  },
  now: Date,
): KnownAddress {
  if (person.role !== 'guest') return 'employee';
  if (person.status === 'deactivated') {
    return person.deactivated_via === 'expiry' ? 'expired-guest' : 'deactivated-guest';
  }
  if (person.status !== 'active') return 'deactivated-guest';
  return accessEnded(person, now) ? 'expired-guest' : 'active-guest';
}
