import type { Executor } from '../../platform/db/database.js';
import type { GroupRole, GroupVisibility, UserRole, UserStatus } from '../../platform/db/schema.js';

/** A group as its library needs it, with the viewer's role (null: not a member). */
export async function findLibraryGroup(
  db: Executor,
  groupId: string,
  viewerId: string,
): Promise<
  { id: string; name: string; visibility: GroupVisibility; viewer_role: GroupRole | null } | undefined
> {
  const row = await db
    .selectFrom('groups')
    .leftJoin('group_members as vm', (join) =>
      join.onRef('vm.group_id', '=', 'groups.id').on('vm.user_id', '=', viewerId),
    )
    .select(['groups.id', 'groups.name', 'groups.visibility', 'vm.role as viewer_role'])
    .where('groups.id', '=', groupId)
    .executeTakeFirst();
  return row ? { ...row, viewer_role: row.viewer_role ?? null } : undefined;
}

/** A person as their library needs them. */
export function findLibraryOwner(
  db: Executor,
  userId: string,
): Promise<{ id: string; name: string; role: UserRole; status: UserStatus } | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'role', 'status'])
    .where('id', '=', userId)
    .executeTakeFirst();
}
