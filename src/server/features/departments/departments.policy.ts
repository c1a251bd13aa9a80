import type { Actor } from '../../platform/context.js';
import { canManageUsers, canViewDirectory } from '../users/users.policy.js';

/** Members see the department tree; guests do not (R22). */
export function canViewDepartments(actor: Actor | null): boolean {
  return canViewDirectory(actor);
}

/** Administrators create, rename, move and delete departments. */
export function canManageDepartments(actor: Actor | null): boolean {
  return canManageUsers(actor);
}

/** Abilities a department carries in responses; deleting needs it empty. */
export function departmentAbilities(
  actor: Actor | null,
  department: { memberCount: number; childCount: number },
): { edit: boolean; delete: boolean } {
  const manage = canManageDepartments(actor);
  return { edit: manage, delete: manage && department.memberCount === 0 && department.childCount === 0 };
}
