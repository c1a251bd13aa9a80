import type { GroupAbilities, GroupJoinAbilities } from '../../../shared/api/groups.js';
import type { Actor } from '../../platform/context.js';
import type { GroupRole, GroupVisibility, UserRole } from '../../platform/db/schema.js';
import { canInviteGuests } from '../guests/guests.policy.js';
import { canModerateSpace, canReadSpace, canWriteSpace, type Space } from '../spaces/spaces.policy.js';

/**
 * Who may do what with groups (G1). Reading, posting and moderating a group's content are the
 * space rules (spaces.policy.ts); this module adds knowing of a group, joining and leaving,
 * and managing it.
 *
 * - Employees know of open and closed groups; secret groups exist only for their members
 *   (platform administrators included). Guests know only the groups they are in.
 * - Open groups are joined at once; closed ones on request, approved by a group admin (the
 *   person may withdraw the request meanwhile); secret ones only by being added or invited.
 * - Group admins and platform admins edit and delete a group and manage its members; any
 *   member but a guest invites colleagues (in an open group, adds them directly).
 * - Only platform administrators link a department; its people cannot leave by hand.
 * - A group keeps at least one active admin.
 */

/** Where the viewer stands in a group: the facts every rule below reads. */
export interface GroupStanding {
  visibility: GroupVisibility;
  viewerRole: GroupRole | null;
  /** The viewer's membership follows the linked department. */
  viaDepartment: boolean;
  requested: boolean;
  invited: boolean;
}

const isActive = (actor: Actor | null): actor is Actor => actor !== null && actor.status === 'active';
const isEmployee = (actor: Actor | null): actor is Actor => isActive(actor) && actor.role !== 'guest';
const isPlatformAdmin = (actor: Actor | null): actor is Actor => isActive(actor) && actor.role === 'admin';
const isMember = (g: GroupStanding): boolean => g.viewerRole !== null;

/** The group's space as the viewer stands in it. */
export function spaceOf(groupId: string, g: GroupStanding): Space {
  return { type: 'group', groupId, visibility: g.visibility, viewerRole: g.viewerRole };
}

/** Whether the viewer may know the group exists (the same rule as `groupVisibleTo` in SQL). */
export function canSeeGroup(actor: Actor | null, g: GroupStanding): boolean {
  if (!isActive(actor)) return false;
  if (isMember(g)) return true;
  return isEmployee(actor) && g.visibility !== 'secret';
}

/** Employees create groups. */
export function canCreateGroup(actor: Actor | null): boolean {
  return isEmployee(actor);
}

/** Linking a department makes its people members: platform administrators only. */
export function canLinkDepartment(actor: Actor | null): boolean {
  return isPlatformAdmin(actor);
}

export function canJoinGroup(actor: Actor | null, g: GroupStanding): boolean {
  return isEmployee(actor) && !isMember(g) && g.visibility === 'open';
}

/** Asking to join a closed group; an invitation is accepted instead of asked for. */
export function canRequestToJoin(actor: Actor | null, g: GroupStanding): boolean {
  return isEmployee(actor) && !isMember(g) && g.visibility === 'closed' && !g.requested && !g.invited;
}

/** Taking back one's own pending request to join. */
export function canWithdrawJoinRequest(actor: Actor | null, g: GroupStanding): boolean {
  return isEmployee(actor) && !isMember(g) && g.requested;
}

/** Accepting or declining a pending invitation. */
export function canAcceptGroupInvite(actor: Actor | null, g: GroupStanding): boolean {
  return isEmployee(actor) && !isMember(g) && g.invited;
}

/** Leaving: not a department membership, and not the last active admin. */
export function canLeaveGroup(actor: Actor | null, g: GroupStanding, otherActiveAdmins: number): boolean {
  if (!isActive(actor) || !isMember(g) || g.viaDepartment) return false;
  return g.viewerRole !== 'admin' || otherActiveAdmins > 0;
}

/** Editing and deleting the group, and managing its members. */
export function canManageGroup(actor: Actor | null, g: GroupStanding): boolean {
  if (!canSeeGroup(actor, g) || actor!.role === 'guest') return false;
  return g.viewerRole === 'admin' || isPlatformAdmin(actor);
}

/** Inviting colleagues: any member but a guest, and whoever manages the group. */
export function canInviteToGroup(actor: Actor | null, g: GroupStanding): boolean {
  if (canManageGroup(actor, g)) return true;
  return isEmployee(actor) && isMember(g);
}

/**
 * Adding `target` without asking them: managers add anyone (guests included); in an open group
 * any member but a guest adds employees. Everyone else invites.
 */
export function canAddDirectly(actor: Actor | null, g: GroupStanding, targetRole: UserRole): boolean {
  if (canManageGroup(actor, g)) return true;
  return isEmployee(actor) && isMember(g) && g.visibility === 'open' && targetRole !== 'guest';
}

/** Guests hold no role above member. */
export function canHoldGroupRole(targetRole: UserRole, role: GroupRole): boolean {
  return targetRole !== 'guest' || role === 'member';
}

/** The list of members is shown to whoever may know of the group. */
export function canListGroupMembers(actor: Actor | null, g: GroupStanding): boolean {
  return canSeeGroup(actor, g);
}

/** What a directory card offers the viewer about joining the group. */
export function groupJoinAbilities(actor: Actor | null, g: GroupStanding): GroupJoinAbilities {
  return {
    join: canJoinGroup(actor, g),
    requestToJoin: canRequestToJoin(actor, g),
    withdrawRequest: canWithdrawJoinRequest(actor, g),
    acceptInvite: canAcceptGroupInvite(actor, g),
  };
}

/** The abilities a group response carries, so the UI never re-derives these rules. */
export function groupAbilities(
  actor: Actor | null,
  groupId: string,
  g: GroupStanding,
  otherActiveAdmins: number,
): GroupAbilities {
  const space = spaceOf(groupId, g);
  const manage = canManageGroup(actor, g);
  return {
    ...groupJoinAbilities(actor, g),
    read: canReadSpace(actor, space),
    post: canWriteSpace(actor, space),
    leave: canLeaveGroup(actor, g, otherActiveAdmins),
    edit: manage,
    delete: manage,
    manageMembers: manage,
    moderate: canModerateSpace(actor, space),
    invite: canInviteToGroup(actor, g),
    linkDepartment: canLinkDepartment(actor) && canSeeGroup(actor, g),
    inviteGuests: canSeeGroup(actor, g) && canInviteGuests(actor, g),
  };
}

/** What the viewer may do to one member (removing oneself is leaving). */
export function memberAbilities(
  actor: Actor | null,
  g: GroupStanding,
  member: { userId: string; viaDepartment: boolean },
): { remove: boolean; changeRole: boolean } {
  const manage = canManageGroup(actor, g);
  return {
    remove: !member.viaDepartment && (manage || actor?.id === member.userId),
    changeRole: manage,
  };
}
