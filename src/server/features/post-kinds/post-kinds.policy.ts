import type { Actor } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { isPlatformModerator } from '../spaces/spaces.policy.js';

/**
 * Who may do what with the kinds of posts, beyond reading the post (spaces.policy decides that,
 * and every rule here assumes the actor may read it).
 * - Events and polls: whoever may write in a space publishes them; every reader answers.
 * - Announcements and vacancies: platform moderators and admins publish them, in the company space.
 * - Must read: each recipient (the audience, or every employee, but never the author) confirms
 *   once; the author and platform moderators see who has and who has not, and remind them.
 * - Referrals: every employee recommends; the author and administrators read them (they carry a
 *   candidate's personal data).
 * - Voters of an anonymous poll are shown to nobody, its author included.
 */

const isActive = (actor: Actor | null): actor is Actor => actor !== null && actor.status === 'active';
const isEmployee = (actor: Actor | null): actor is Actor => isActive(actor) && actor.role !== 'guest';

/** What the rules read about a post. */
export interface KindPostFacts {
  author_id: string;
}

export function canPublishAnnouncement(actor: Actor | null): boolean {
  return isPlatformModerator(actor);
}

export function canPublishVacancy(actor: Actor | null): boolean {
  return isPlatformModerator(actor);
}

/**
 * Whether `actor` is asked to confirm a must-read announcement: an employee in its audience
 * (`null`: everyone), other than its author.
 */
export function isMustReadRecipient(
  actor: Actor | null,
  post: KindPostFacts,
  audience: readonly string[] | null,
): boolean {
  if (!isEmployee(actor) || actor.id === post.author_id) return false;
  if (audience === null) return true;
  return actor.departmentId !== null && audience.includes(actor.departmentId);
}

/** The author and platform moderators follow who has read a must-read announcement. */
export function canSeeReaders(actor: Actor | null, post: KindPostFacts): boolean {
  return isActive(actor) && (actor.id === post.author_id || isPlatformModerator(actor));
}

/** Reminding the pending recipients by hand: the same people who follow the reading. */
export function canRemindReaders(actor: Actor | null, post: KindPostFacts): boolean {
  return canSeeReaders(actor, post);
}

export function canRefer(actor: Actor | null): boolean {
  return isEmployee(actor);
}

export function canListReferrals(actor: Actor | null, post: KindPostFacts): boolean {
  return isActive(actor) && (actor.id === post.author_id || actor.role === 'admin');
}

/** Turns a policy answer into an error (403 FORBIDDEN unless another code is named). */
export function authorize(
  allowed: boolean,
  code: 'FORBIDDEN' | 'ANNOUNCEMENT_FORBIDDEN' = 'FORBIDDEN',
): void {
  if (!allowed) throw new AppError(code);
}
