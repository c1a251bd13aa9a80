import type { Actor } from '../../platform/context.js';
import { isPlatformModerator } from '../spaces/spaces.policy.js';

/**
 * Who may see, post and remove stories (P7). Stories are company-wide: every active employee
 * sees and posts them; guests, who live only in their groups, neither. An author removes their
 * own; platform moderators and admins remove anyone's.
 */

export function canSeeStories(actor: Actor | null): boolean {
  return actor !== null && actor.status === 'active' && actor.role !== 'guest';
}

export function canPostStory(actor: Actor | null): boolean {
  return canSeeStories(actor);
}

export function canDeleteStory(actor: Actor | null, story: { author_id: string }): boolean {
  return canSeeStories(actor) && (actor!.id === story.author_id || isPlatformModerator(actor));
}
