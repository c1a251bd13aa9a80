import type { UserAbilities } from '../../../shared/api/users.js';
import type { Actor } from '../../platform/context.js';
import type { UserStatus } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';

/**
 * Who may do what to people. Each rule reads as the spec: small predicates composed. Only an
 * active account acts at all; guests never see the directory or other people (R22).
 */

/** The part of a person the rules look at. */
export interface UserTarget {
  id: string;
  status: UserStatus;
}

function isActive(actor: Actor | null): actor is Actor {
  return actor !== null && actor.status === 'active';
}

function isSelf(actor: Actor, targetId: string): boolean {
  return actor.id === targetId;
}

/** Members of the company (everyone active but guests) browse the directory and the org chart. */
export function canViewDirectory(actor: Actor | null): boolean {
  return isActive(actor) && actor.role !== 'guest';
}

/** A profile is visible to members, and to its owner (guests see only themselves). */
export function canViewUser(actor: Actor | null, targetId: string): boolean {
  return canViewDirectory(actor) || (isActive(actor) && isSelf(actor, targetId));
}

/**
 * A person's photo: whoever may see the profile, and a guest for the people they share a group
 * with (the member lists and posts they read show those faces).
 */
export function canViewPhoto(actor: Actor | null, targetId: string, sharesGroup: boolean): boolean {
  return canViewUser(actor, targetId) || (isActive(actor) && sharesGroup);
}

/** Administrators create people, edit organisation fields, roles, departments, imports. */
export function canManageUsers(actor: Actor | null): boolean {
  return isActive(actor) && actor.role === 'admin';
}

/** People edit their own profile while active; admins edit anyone's. */
export function canEditUser(actor: Actor | null, target: UserTarget): boolean {
  if (canManageUsers(actor)) return true;
  return isActive(actor) && isSelf(actor, target.id) && target.status === 'active';
}

/** Admins deactivate others, never themselves (so the company never locks its last admin out). */
export function canDeactivateUser(actor: Actor | null, target: UserTarget): boolean {
  return canManageUsers(actor) && !isSelf(actor!, target.id) && target.status !== 'deactivated';
}

/**
 * Only admins bring a deactivated person back (the directory sync does it too, R03); the person
 * themselves cannot, whatever deactivated them.
 */
export function canReactivateUser(actor: Actor | null, target: UserTarget): boolean {
  return canManageUsers(actor) && target.status === 'deactivated';
}

/** Admins change others' roles; nobody changes their own. */
export function canChangeUserRole(actor: Actor | null, target: UserTarget): boolean {
  return canManageUsers(actor) && !isSelf(actor!, target.id);
}

/** Members follow other active people. */
export function canFollowUser(actor: Actor | null, target: UserTarget): boolean {
  return canViewDirectory(actor) && !isSelf(actor!, target.id) && target.status === 'active';
}

/** The abilities a response carries, so the UI never re-derives these rules. */
export function userAbilities(actor: Actor | null, target: UserTarget): UserAbilities {
  return {
    edit: canEditUser(actor, target),
    editOrganisation: canManageUsers(actor),
    deactivate: canDeactivateUser(actor, target),
    reactivate: canReactivateUser(actor, target),
    changeRole: canChangeUserRole(actor, target),
    follow: canFollowUser(actor, target),
  };
}

/** Turns a policy answer into a 403. Call after `requireActor`, which answers 401. */
export function authorize(allowed: boolean): void {
  if (!allowed) throw new AppError('FORBIDDEN');
}
