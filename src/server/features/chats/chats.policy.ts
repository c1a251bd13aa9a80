import type { ChatAbilities } from '../../../shared/api/chats.js';
import type { Actor } from '../../platform/context.js';
import type { ChatKind, ChatRole, GroupRole, UserRole } from '../../platform/db/schema.js';

/**
 * Who may do what with chats (C1). Knowing of a chat at all is membership (chat-access.ts:
 * `requireMembership`, 404 for everyone else); this module decides what a member may do.
 *
 * - Employees create chats; guests only talk in the chats of the groups they were invited to.
 * - Direct chats are fixed: two people, nobody added, nobody leaves.
 * - Linked chats (a group's or a department's) take their members and admins from the group
 *   or the directory: nobody adds, removes or leaves by hand, and their name follows the link.
 * - In group chats and channels, chat admins rename, add and remove members and appoint admins;
 *   in a channel only admins post. A chat keeps an active admin while it has other members.
 * - Chat admins and platform moderators delete anyone's messages.
 */

/** The facts about a chat and the viewer's place in it that every rule reads. */
export interface ChatStanding {
  kind: ChatKind;
  linked: boolean;
  role: ChatRole;
  memberCount: number;
  /** Active admins other than the viewer. */
  otherActiveAdmins: number;
}

const isActive = (actor: Actor | null): actor is Actor => actor !== null && actor.status === 'active';
const isEmployee = (actor: Actor | null): actor is Actor => isActive(actor) && actor.role !== 'guest';

export function canCreateChat(actor: Actor | null): boolean {
  return isEmployee(actor);
}

/** Guests join only linked group chats, through their groups. */
export function canBeAddedToChat(targetRole: UserRole): boolean {
  return targetRole !== 'guest';
}

/** Whether the chat's members are chosen by hand at all. */
export function membersAreFixed(c: Pick<ChatStanding, 'kind' | 'linked'>): boolean {
  return c.kind === 'direct' || c.linked;
}

export function canPostInChat(actor: Actor | null, c: ChatStanding): boolean {
  return isActive(actor) && (c.kind !== 'channel' || c.role === 'admin');
}

/** Rename and manage admins: chat admins of chats whose name and admins are not linked. */
export function canEditChat(actor: Actor | null, c: ChatStanding): boolean {
  return isActive(actor) && c.role === 'admin' && !membersAreFixed(c);
}

export function canManageChatMembers(actor: Actor | null, c: ChatStanding): boolean {
  return canEditChat(actor, c);
}

/** Leaving: not a fixed chat, and not the last active admin while others remain. */
export function canLeaveChat(actor: Actor | null, c: ChatStanding): boolean {
  if (!isActive(actor) || membersAreFixed(c)) return false;
  return c.role !== 'admin' || c.otherActiveAdmins > 0 || c.memberCount <= 1;
}

export function canModerateChat(actor: Actor | null, c: ChatStanding): boolean {
  if (!isActive(actor)) return false;
  if (actor.role === 'admin' || actor.role === 'moderator') return true;
  return c.role === 'admin' && c.kind !== 'direct';
}

export function chatAbilities(actor: Actor | null, c: ChatStanding): ChatAbilities {
  const manage = canManageChatMembers(actor, c);
  return {
    post: canPostInChat(actor, c),
    edit: canEditChat(actor, c),
    addMembers: manage,
    removeMembers: manage,
    leave: canLeaveChat(actor, c),
    moderate: canModerateChat(actor, c),
  };
}

/** A group's chat is opened by its admins and moderators, or a platform admin. */
export function canOpenGroupChat(actor: Actor | null, viewerRole: GroupRole | null): boolean {
  if (!isEmployee(actor)) return false;
  return actor.role === 'admin' || viewerRole === 'admin' || viewerRole === 'moderator';
}

/** A department's chat takes in hundreds of people: platform admins open it. */
export function canOpenDepartmentChat(actor: Actor | null): boolean {
  return isActive(actor) && actor.role === 'admin';
}
