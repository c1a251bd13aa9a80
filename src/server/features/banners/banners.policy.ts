import type { Actor } from '../../platform/context.js';
import { isPlatformModerator } from '../spaces/spaces.policy.js';

/**
 * Who may see and manage banners (P7). Banners are company-wide: every active employee sees
 * the running ones; guests, who live only in their groups, see none. Platform moderators and
 * admins publish, edit and remove them.
 */

export function canSeeBanners(actor: Actor | null): boolean {
  return actor !== null && actor.status === 'active' && actor.role !== 'guest';
}

export function canManageBanners(actor: Actor | null): boolean {
  return isPlatformModerator(actor);
}
