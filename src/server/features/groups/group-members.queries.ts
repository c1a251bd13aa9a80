import type { Executor } from '../../platform/db/database.js';
import type { GroupRole, UserRole, UserStatus } from '../../platform/db/schema.js';

/** SQLite caps bound parameters per statement: long id lists go in chunks. */
const chunkSize = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += chunkSize) result.push(items.slice(i, i + chunkSize));
  return result;
}

/** A person as member lists show them. */
export interface GroupPersonRow {
  user_id: string;
  name: string;
  name_search: string;
  position: string | null;
  photo_key: string | null;
  platform_role: UserRole;
  status: UserStatus;
}

export type MemberRow = GroupPersonRow & { role: GroupRole; via_department: number; created_at: string };
export type RequestRow = GroupPersonRow & { message: string | null; created_at: string };

/** The facts about a person the membership rules look at. */
export interface PersonFacts {
  id: string;
  role: UserRole;
  status: UserStatus;
  department_id: string | null;
}

export function findPersonFacts(db: Executor, userId: string): Promise<PersonFacts | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'role', 'status', 'department_id'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function listPersonFacts(db: Executor, userIds: readonly string[]): Promise<PersonFacts[]> {
  const rows: PersonFacts[] = [];
  for (const part of chunks(userIds)) {
    rows.push(
      ...(await db
        .selectFrom('users')
        .select(['id', 'role', 'status', 'department_id'])
        .where('id', 'in', part)
        .execute()),
    );
  }
  return rows;
}

/** One membership row. */
export function findMembership(
  db: Executor,
  groupId: string,
  userId: string,
): Promise<{ role: GroupRole; via_department: number } | undefined> {
  return db
    .selectFrom('group_members')
    .select(['role', 'via_department'])
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export function insertMembership(
  db: Executor,
  row: { group_id: string; user_id: string; role: GroupRole; via_department: number; created_at: string },
): Promise<unknown> {
  return db.insertInto('group_members').values(row).execute();
}

export function updateMembership(
  db: Executor,
  groupId: string,
  userId: string,
  patch: { role?: GroupRole; via_department?: number },
): Promise<unknown> {
  return db
    .updateTable('group_members')
    .set(patch)
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .execute();
}

export function deleteMembership(db: Executor, groupId: string, userId: string): Promise<unknown> {
  return db
    .deleteFrom('group_members')
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .execute();
}

/** Active administrators of a group, `exceptUserId` left out. */
export async function countActiveAdmins(
  db: Executor,
  groupId: string,
  exceptUserId: string,
): Promise<number> {
  const row = await db
    .selectFrom('group_members')
    .innerJoin('users', 'users.id', 'group_members.user_id')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('group_members.group_id', '=', groupId)
    .where('group_members.role', '=', 'admin')
    .where('group_members.user_id', '!=', exceptUserId)
    .where('users.status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Sets `member_count` of each group to its number of active members. */
export async function recountMembers(db: Executor, groupIds: readonly string[]): Promise<void> {
  for (const part of chunks(groupIds)) {
    await db
      .updateTable('groups')
      .set((eb) => ({
        member_count: eb
          .selectFrom('group_members')
          .innerJoin('users', 'users.id', 'group_members.user_id')
          .select((sub) => sub.fn.countAll<number>().as('count'))
          .whereRef('group_members.group_id', '=', 'groups.id')
          .where('users.status', '=', 'active'),
      }))
      .where('id', 'in', part)
      .execute();
  }
}

/** The current member count of a group. */
export async function findMemberCount(db: Executor, groupId: string): Promise<number> {
  const row = await db
    .selectFrom('groups')
    .select('member_count')
    .where('id', '=', groupId)
    .executeTakeFirst();
  return Number(row?.member_count ?? 0);
}

/** Ids of a group's active members. */
export async function listActiveMemberIds(db: Executor, groupId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('group_members')
    .innerJoin('users', 'users.id', 'group_members.user_id')
    .select('group_members.user_id')
    .where('group_members.group_id', '=', groupId)
    .where('users.status', '=', 'active')
    .execute();
  return rows.map((r) => r.user_id);
}

/** Every member of a group, active or not (a deleted group tells each of them). */
export async function listAllMemberIds(db: Executor, groupId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('group_members')
    .select('user_id')
    .where('group_id', '=', groupId)
    .execute();
  return rows.map((r) => r.user_id);
}

/** Ids of a group's active administrators. */
export async function listActiveAdminIds(db: Executor, groupId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('group_members')
    .innerJoin('users', 'users.id', 'group_members.user_id')
    .select('group_members.user_id')
    .where('group_members.group_id', '=', groupId)
    .where('group_members.role', '=', 'admin')
    .where('users.status', '=', 'active')
    .execute();
  return rows.map((r) => r.user_id);
}

/** A page of a group's active members by name then id. */
export function listMemberPage(
  db: Executor,
  groupId: string,
  after: { n: string; i: string } | undefined,
  limit: number,
): Promise<MemberRow[]> {
  let query = db
    .selectFrom('group_members')
    .innerJoin('users', 'users.id', 'group_members.user_id')
    .select([
      'users.id as user_id',
      'users.name',
      'users.name_search',
      'users.position',
      'users.photo_key',
      'users.role as platform_role',
      'users.status',
      'group_members.role',
      'group_members.via_department',
      'group_members.created_at',
    ])
    .where('group_members.group_id', '=', groupId)
    .where('users.status', '=', 'active');
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('users.name_search', '>', after.n),
        eb.and([eb('users.name_search', '=', after.n), eb('users.id', '>', after.i)]),
      ]),
    );
  }
  return query.orderBy('users.name_search').orderBy('users.id').limit(limit).execute();
}

/** The memberships of some people in department-linked or any groups. */
export async function listMembershipsOf(
  db: Executor,
  userIds: readonly string[],
): Promise<{ group_id: string; user_id: string; role: GroupRole; via_department: number }[]> {
  const rows: { group_id: string; user_id: string; role: GroupRole; via_department: number }[] = [];
  for (const part of chunks(userIds)) {
    rows.push(
      ...(await db
        .selectFrom('group_members')
        .select(['group_id', 'user_id', 'role', 'via_department'])
        .where('user_id', 'in', part)
        .execute()),
    );
  }
  return rows;
}

/** Every membership row of one group. */
export function listMembershipRows(
  db: Executor,
  groupId: string,
): Promise<{ user_id: string; role: GroupRole; via_department: number }[]> {
  return db
    .selectFrom('group_members')
    .select(['user_id', 'role', 'via_department'])
    .where('group_id', '=', groupId)
    .execute();
}

/** Active people, guests excepted, whose department is one of `departmentIds`. */
export async function listActiveEmployeesIn(
  db: Executor,
  departmentIds: readonly string[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const part of chunks(departmentIds)) {
    const rows = await db
      .selectFrom('users')
      .select('id')
      .where('department_id', 'in', part)
      .where('status', '=', 'active')
      .where('role', '!=', 'guest')
      .execute();
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/** Everyone (any status) whose department is one of `departmentIds`. */
export async function listPeopleIn(db: Executor, departmentIds: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const part of chunks(departmentIds)) {
    const rows = await db.selectFrom('users').select('id').where('department_id', 'in', part).execute();
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

export function findJoinRequest(
  db: Executor,
  groupId: string,
  userId: string,
): Promise<{ created_at: string } | undefined> {
  return db
    .selectFrom('group_requests')
    .select('created_at')
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export function insertJoinRequest(
  db: Executor,
  row: { group_id: string; user_id: string; message: string | null; created_at: string },
): Promise<unknown> {
  return db.insertInto('group_requests').values(row).execute();
}

export function deleteJoinRequest(db: Executor, groupId: string, userId: string): Promise<unknown> {
  return db
    .deleteFrom('group_requests')
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .execute();
}

export async function countJoinRequests(db: Executor, groupId: string): Promise<number> {
  const row = await db
    .selectFrom('group_requests')
    .innerJoin('users', 'users.id', 'group_requests.user_id')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('group_requests.group_id', '=', groupId)
    .where('users.status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** A page of join requests from active people, oldest first. */
export function listJoinRequestPage(
  db: Executor,
  groupId: string,
  after: { t: string; i: string } | undefined,
  limit: number,
): Promise<RequestRow[]> {
  let query = db
    .selectFrom('group_requests')
    .innerJoin('users', 'users.id', 'group_requests.user_id')
    .select([
      'users.id as user_id',
      'users.name',
      'users.name_search',
      'users.position',
      'users.photo_key',
      'users.role as platform_role',
      'users.status',
      'group_requests.message',
      'group_requests.created_at',
    ])
    .where('group_requests.group_id', '=', groupId)
    .where('users.status', '=', 'active');
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('group_requests.created_at', '>', after.t),
        eb.and([eb('group_requests.created_at', '=', after.t), eb('users.id', '>', after.i)]),
      ]),
    );
  }
  return query.orderBy('group_requests.created_at').orderBy('users.id').limit(limit).execute();
}

export function findInvite(
  db: Executor,
  groupId: string,
  userId: string,
): Promise<{ invited_by: string | null } | undefined> {
  return db
    .selectFrom('group_invites')
    .select('invited_by')
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export function insertInvite(
  db: Executor,
  row: { group_id: string; user_id: string; invited_by: string | null; created_at: string },
): Promise<unknown> {
  return db.insertInto('group_invites').values(row).execute();
}

export function deleteInvite(db: Executor, groupId: string, userId: string): Promise<unknown> {
  return db
    .deleteFrom('group_invites')
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .execute();
}
