import type { Actor } from '../../platform/context.js';
import { isPlatformModerator } from '../spaces/spaces.policy.js';
import { canModerateSpace, type Space } from '../spaces/spaces.service.js';

/**
 * Who moderates what (P9), composed from the spaces policy. Pure decisions over facts the
 * caller loaded; the review queue applies `canReviewReportsIn` in SQL
 * (moderation-reports.queries.ts).
 *
 * - Hide, restore, lock comments, pin: the space's moderators — platform moderators and admins
 *   wherever they read, group admins and moderators in their group, a person on their own
 *   profile.
 * - Report: whoever reads the content, except its author.
 * - Review reports: platform moderators, and group admins and moderators for their group.
 *   Profile owners act on their profile directly; reports about it go to platform moderators.
 */

/** Hide, restore, lock comments on and pin posts, hide comments, in `space`. */
export function canModerateIn(actor: Actor | null, space: Space): boolean {
  return canModerateSpace(actor, space);
}

/** Report content `actor` can read and did not write. */
export function canReport(actor: Actor | null, authorId: string): boolean {
  return actor !== null && actor.status === 'active' && actor.id !== authorId;
}

/** Resolve reports on content in `space`. */
export function canReviewReportsIn(actor: Actor | null, space: Space): boolean {
  if (!canModerateSpace(actor, space)) return false;
  return isPlatformModerator(actor) || space.type === 'group';
}

/** Open the review queue at all: platform moderators, and people moderating some group. */
export function canOpenReportQueue(actor: Actor | null, moderatesAGroup: boolean): boolean {
  if (actor === null || actor.status !== 'active') return false;
  return isPlatformModerator(actor) || moderatesAGroup;
}
