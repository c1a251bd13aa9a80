import type { Executor } from '../../platform/db/database.js';
import type { ChatRole } from '../../platform/db/schema.js';
import { chunks } from './chat-members.queries.js';

/**
 * Queries of linked chats: a group's chat and a department's chat, whose members follow the
 * group and the directory.
 */

export interface LinkedChatRow {
  id: string;
  group_id: string | null;
  department_id: string | null;
}

export function findChatOfGroup(db: Executor, groupId: string): Promise<LinkedChatRow | undefined> {
  return db
    .selectFrom('chats')
    .select(['id', 'group_id', 'department_id'])
    .where('group_id', '=', groupId)
    .executeTakeFirst();
}

export function findChatOfDepartment(db: Executor, departmentId: string): Promise<LinkedChatRow | undefined> {
  return db
    .selectFrom('chats')
    .select(['id', 'group_id', 'department_id'])
    .where('department_id', '=', departmentId)
    .executeTakeFirst();
}

export function listDepartmentChats(db: Executor): Promise<LinkedChatRow[]> {
  return db
    .selectFrom('chats')
    .select(['id', 'group_id', 'department_id'])
    .where('department_id', 'is not', null)
    .execute();
}

/**
 * The linked chats whose membership may involve the person: the chats of their groups, every
 * department chat (few: one per department at most), and the linked chats they are in now.
 */
export function listLinkedChatsForUser(db: Executor, userId: string): Promise<LinkedChatRow[]> {
  return db
    .selectFrom('chats as c')
    .select(['c.id', 'c.group_id', 'c.department_id'])
    .where((eb) =>
      eb.or([
        eb('c.department_id', 'is not', null),
        eb(
          'c.group_id',
          'in',
          eb.selectFrom('group_members as gm').select('gm.group_id').where('gm.user_id', '=', userId),
        ),
        eb.and([
          eb('c.group_id', 'is not', null),
          eb(
            'c.id',
            'in',
            eb.selectFrom('chat_members as cm').select('cm.chat_id').where('cm.user_id', '=', userId),
          ),
        ]),
      ]),
    )
    .execute();
}

/** Who a group's chat should hold: its active members (guests included), admins as admins. */
export async function listWantedOfGroup(
  db: Executor,
  groupId: string,
  onlyUserId?: string,
): Promise<{ user_id: string; role: ChatRole }[]> {
  let query = db
    .selectFrom('group_members as gm')
    .innerJoin('users as u', 'u.id', 'gm.user_id')
    .select(['gm.user_id', 'gm.role'])
    .where('gm.group_id', '=', groupId)
    .where('u.status', '=', 'active');
  if (onlyUserId) query = query.where('gm.user_id', '=', onlyUserId);
  const rows = await query.execute();
  return rows.map((r) => ({ user_id: r.user_id, role: r.role === 'admin' ? 'admin' : 'member' }));
}

/** The department tree as (id, parent, head) rows. */
export function listDepartmentNodes(
  db: Executor,
): Promise<{ id: string; parent_id: string | null; head_user_id: string | null }[]> {
  return db.selectFrom('departments').select(['id', 'parent_id', 'head_user_id']).execute();
}

/** Active employees (never guests) whose department is one of `departmentIds`. */
export async function listActiveEmployeesIn(
  db: Executor,
  departmentIds: readonly string[],
  onlyUserId?: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (const part of chunks(departmentIds)) {
    let query = db
      .selectFrom('users')
      .select('id')
      .where('department_id', 'in', part)
      .where('status', '=', 'active')
      .where('role', '<>', 'guest');
    if (onlyUserId) query = query.where('id', '=', onlyUserId);
    ids.push(...(await query.execute()).map((r) => r.id));
  }
  return ids;
}
