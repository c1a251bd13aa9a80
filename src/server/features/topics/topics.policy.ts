import type { Actor } from '../../platform/context.js';

/** Who may do what with topics (P3, A5). */

function isActive(actor: Actor | null): actor is Actor {
  return actor !== null && actor.status === 'active';
}

/** Members of the company (not guests) browse, read and follow topics. */
export function canUseTopics(actor: Actor | null): boolean {
  return isActive(actor) && actor.role !== 'guest';
}

/** Administrators choose the priority topics, whose posts reach every feed. */
export function canSetTopicPriority(actor: Actor | null): boolean {
  return isActive(actor) && actor.role === 'admin';
}
