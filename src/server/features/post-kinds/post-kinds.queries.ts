import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { GroupRole, PostsTable, UserRole, UserStatus } from '../../platform/db/schema.js';

/** What the kind routes need of a post: where it lives, whose it is, which kind. */
export type KindPostRow = Pick<
  Selectable<PostsTable>,
  | 'id'
  | 'kind'
  | 'space_type'
  | 'group_id'
  | 'profile_id'
  | 'author_id'
  | 'has_audience'
  | 'must_read'
  | 'hidden_at'
  | 'created_at'
>;

/** The post with this id, if it exists. */
export function findKindPost(db: Executor, id: string): Promise<KindPostRow | undefined> {
  return db
    .selectFrom('posts')
    .select([
      'id',
      'kind',
      'space_type',
      'group_id',
      'profile_id',
      'author_id',
      'has_audience',
      'must_read',
      'hidden_at',
      'created_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The Markdown of a post (an event's calendar description). */
export async function findPostBody(db: Executor, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('posts').select('body').where('id', '=', id).executeTakeFirst();
  return row?.body;
}

/** The facts the access rules read about people, for set-based decisions. */
export interface PersonFactsRow {
  id: string;
  role: UserRole;
  status: UserStatus;
  department_id: string | null;
}

/** Of `ids`, the people that exist, with their role, status and department. */
export async function listPeopleFacts(db: Executor, ids: readonly string[]): Promise<PersonFactsRow[]> {
  const rows: PersonFactsRow[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('users')
        .select(['id', 'role', 'status', 'department_id'])
        .where('id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  }
  return rows;
}

/** The roles in one group of those of `userIds` who are its members. */
export async function listGroupRoles(
  db: Executor,
  groupId: string,
  userIds: readonly string[],
): Promise<Map<string, GroupRole>> {
  const roles = new Map<string, GroupRole>();
  for (let i = 0; i < userIds.length; i += 500) {
    const rows = await db
      .selectFrom('group_members')
      .select(['user_id', 'role'])
      .where('group_id', '=', groupId)
      .where('user_id', 'in', userIds.slice(i, i + 500))
      .execute();
    for (const row of rows) roles.set(row.user_id, row.role);
  }
  return roles;
}
