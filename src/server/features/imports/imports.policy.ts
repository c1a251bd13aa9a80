import type { Actor } from '../../platform/context.js';
import { canManageUsers } from '../users/users.policy.js';

/** Administrators import employees from CSV (the CLI runs as the server's operator). */
export function canImportUsers(actor: Actor | null): boolean {
  return canManageUsers(actor);
}
