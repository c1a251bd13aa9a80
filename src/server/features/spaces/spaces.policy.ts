import type { Actor } from '../../platform/context.js';
import type { GroupRole, GroupVisibility } from '../../platform/db/schema.js';

/**
 * Who may read, write and moderate a space (DESIGN.md "Who may see what"). Pure decisions over
 * facts the caller loaded; the list queries apply the same rules in SQL (spaces.queries.ts),
 * and the table test in spaces.test.ts holds the two to the same answers.
 *
 * - Company space: every employee reads; a targeted post (announcement for some departments)
 *   only its audience, its author and platform moderators. Employees write; only moderators and
 *   admins publish announcements (post-kinds policy).
 * - Profile space: every employee reads; only its owner writes; its owner moderates comments.
 * - Group space: open groups are read by every employee; closed and secret groups by members
 *   only (platform moderators also read closed groups, never secret ones they are not in).
 *   Members write; group admins and moderators moderate.
 * - Guests read and write only the groups they were added to. Deactivated people and anonymous
 *   callers nothing.
 */
export type Space =
  | { type: 'company'; audience?: { departmentIds: readonly string[]; authorId: string } }
  | { type: 'profile'; ownerId: string }
  | { type: 'group'; groupId: string; visibility: GroupVisibility; viewerRole: GroupRole | null };

const isActive = (actor: Actor | null): actor is Actor => actor !== null && actor.status === 'active';
const isEmployee = (actor: Actor | null): boolean => isActive(actor) && actor.role !== 'guest';
/** Platform moderators and admins. */
export const isPlatformModerator = (actor: Actor | null): boolean =>
  isActive(actor) && (actor.role === 'admin' || actor.role === 'moderator');

export function canReadSpace(actor: Actor | null, space: Space): boolean {
  if (!isActive(actor)) return false;
  switch (space.type) {
    case 'company':
      if (!isEmployee(actor)) return false;
      if (!space.audience || isPlatformModerator(actor) || actor.id === space.audience.authorId) return true;
      return actor.departmentId !== null && space.audience.departmentIds.includes(actor.departmentId);
    case 'profile':
      return isEmployee(actor);
    case 'group':
      if (space.viewerRole !== null) return true;
      if (!isEmployee(actor)) return false;
      if (space.visibility === 'open') return true;
      return space.visibility === 'closed' && isPlatformModerator(actor);
  }
}

export function canWriteSpace(actor: Actor | null, space: Space): boolean {
  if (!isActive(actor)) return false;
  switch (space.type) {
    case 'company':
      return isEmployee(actor) && !space.audience;
    case 'profile':
      return isEmployee(actor) && actor.id === space.ownerId;
    case 'group':
      return space.viewerRole !== null;
  }
}

/** Hide, delete, lock and pin others' content in the space. */
export function canModerateSpace(actor: Actor | null, space: Space): boolean {
  if (!canReadSpace(actor, space)) return false;
  if (isPlatformModerator(actor)) return true;
  switch (space.type) {
    case 'company':
      return false;
    case 'profile':
      return actor?.id === space.ownerId;
    case 'group':
      return space.viewerRole === 'admin' || space.viewerRole === 'moderator';
  }
}
