import type { Actor } from '../../platform/context.js';
import { canManageUsers } from '../users/users.policy.js';

/** Administrators fill the company with the demo organisation. */
export function canSeedDemo(actor: Actor | null): boolean {
  return canManageUsers(actor);
}
