import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Actor } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { GroupRole, GroupsTable } from '../../platform/db/schema.js';
import { groupVisibleTo } from '../spaces/spaces.service.js';

export type GroupRecord = Selectable<GroupsTable>;

/** A group with its linked department's name and where one viewer stands in it. */
export type GroupRow = GroupRecord & {
  department_name: string | null;
  viewer_role: GroupRole | null;
  viewer_via_department: number | null;
  viewer_requested: number;
  viewer_invited: number;
};

/** Escapes LIKE wildcards so a search for `50%_off` finds that text, not a pattern. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `column LIKE pattern ESCAPE '\'`, the same on SQLite and PostgreSQL. */
function like(column: string, pattern: string) {
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape ${'\\'}`;
}

/** Groups joined with the viewer's membership, request and invitation (absent viewer: none). */
function selectGroupsFor(db: Executor, viewerId: string | null) {
  const viewer = viewerId ?? '';
  return db
    .selectFrom('groups')
    .leftJoin('departments', 'departments.id', 'groups.department_id')
    .leftJoin('group_members as vm', (join) =>
      join.onRef('vm.group_id', '=', 'groups.id').on('vm.user_id', '=', viewer),
    )
    .selectAll('groups')
    .select((eb) => [
      'departments.name as department_name',
      'vm.role as viewer_role',
      'vm.via_department as viewer_via_department',
      eb
        .case()
        .when(
          eb.exists(
            eb
              .selectFrom('group_requests as vr')
              .select(eb.lit(1).as('one'))
              .whereRef('vr.group_id', '=', 'groups.id')
              .where('vr.user_id', '=', viewer),
          ),
        )
        .then(1)
        .else(0)
        .end()
        .as('viewer_requested'),
      eb
        .case()
        .when(
          eb.exists(
            eb
              .selectFrom('group_invites as vi')
              .select(eb.lit(1).as('one'))
              .whereRef('vi.group_id', '=', 'groups.id')
              .where('vi.user_id', '=', viewer),
          ),
        )
        .then(1)
        .else(0)
        .end()
        .as('viewer_invited'),
    ]);
}

/** One group as `viewerId` stands in it, whatever its visibility (the service decides). */
export function findGroupRow(
  db: Executor,
  groupId: string,
  viewerId: string | null,
): Promise<GroupRow | undefined> {
  return selectGroupsFor(db, viewerId).where('groups.id', '=', groupId).executeTakeFirst();
}

/** The bare group row, for writes. */
export function findGroupRecord(db: Executor, groupId: string): Promise<GroupRecord | undefined> {
  return db.selectFrom('groups').selectAll().where('id', '=', groupId).executeTakeFirst();
}

export interface GroupFilter {
  /** Lower-cased part of the name or handle. */
  q?: string;
  /** Only groups the actor is a member of. */
  mine: boolean;
  after?: { n: string; i: string };
}

/** The directory: groups `actor` may know of, by name then id (keyset). */
export function listVisibleGroups(
  db: Executor,
  actor: Actor,
  filter: GroupFilter,
  limit: number,
): Promise<GroupRow[]> {
  let query = selectGroupsFor(db, actor.id).where((eb) => groupVisibleTo(eb, actor));
  if (filter.mine) query = query.where('vm.user_id', 'is not', null);
  if (filter.q !== undefined) {
    const pattern = `%${escapeLike(filter.q)}%`;
    query = query.where((eb) => eb.or([like('groups.name_search', pattern), like('groups.handle', pattern)]));
  }
  if (filter.after) {
    const { n, i } = filter.after;
    query = query.where((eb) =>
      eb.or([
        eb('groups.name_search', '>', n),
        eb.and([eb('groups.name_search', '=', n), eb('groups.id', '>', i)]),
      ]),
    );
  }
  return query.orderBy('groups.name_search').orderBy('groups.id').limit(limit).execute();
}

/** Groups `actor` may know of whose handle or name starts with `prefix` (lower-cased). */
export function listGroupsByPrefix(
  db: Executor,
  actor: Actor,
  prefix: string,
  limit: number,
): Promise<GroupRecord[]> {
  const pattern = `${escapeLike(prefix)}%`;
  return db
    .selectFrom('groups')
    .selectAll()
    .where((eb) => groupVisibleTo(eb, actor))
    .where((eb) => eb.or([like('groups.handle', pattern), like('groups.name_search', pattern)]))
    .orderBy('groups.handle')
    .limit(limit)
    .execute();
}

/** Groups by exact handle, whatever their visibility. */
export function listGroupsByHandles(db: Executor, handles: readonly string[]): Promise<GroupRecord[]> {
  if (handles.length === 0) return Promise.resolve([]);
  return db.selectFrom('groups').selectAll().where('handle', 'in', handles).execute();
}

/** Handles equal to `base` or starting with `base-`, of groups other than `exceptId`. */
export async function listHandlesStartingWith(
  db: Executor,
  base: string,
  exceptId: string | null,
): Promise<Set<string>> {
  let query = db
    .selectFrom('groups')
    .select('handle')
    .where((eb) => eb.or([eb('handle', '=', base), like('handle', `${escapeLike(base)}-%`)]));
  if (exceptId) query = query.where('id', '!=', exceptId);
  const rows = await query.execute();
  return new Set(rows.map((r) => r.handle));
}

/** Of `handles`, those some group other than `exceptId` already has. */
export async function listTakenHandles(
  db: Executor,
  handles: readonly string[],
  exceptId: string | null,
): Promise<Set<string>> {
  let query = db.selectFrom('groups').select('handle').where('handle', 'in', handles);
  if (exceptId) query = query.where('id', '!=', exceptId);
  const rows = await query.execute();
  return new Set(rows.map((r) => r.handle));
}

export function insertGroupRow(db: Executor, row: Insertable<GroupsTable>): Promise<unknown> {
  return db.insertInto('groups').values(row).execute();
}

export function updateGroupRow(db: Executor, id: string, patch: Updateable<GroupsTable>): Promise<unknown> {
  return db.updateTable('groups').set(patch).where('id', '=', id).execute();
}

/** Deletes a group; members, requests, invitations and its posts go with it (foreign keys). */
export function deleteGroupRow(db: Executor, id: string): Promise<unknown> {
  return db.deleteFrom('groups').where('id', '=', id).execute();
}

/** Groups linked to any of `departmentIds`. */
export function listGroupsLinkedTo(
  db: Executor,
  departmentIds: readonly string[] | 'any',
): Promise<{ id: string; department_id: string | null }[]> {
  let query = db.selectFrom('groups').select(['id', 'department_id']);
  query =
    departmentIds === 'any'
      ? query.where('department_id', 'is not', null)
      : query.where('department_id', 'in', departmentIds.length > 0 ? departmentIds : ['']);
  return query.execute();
}

/** The ids of a group's posts (recorded when it is deleted: they go with it). */
export async function listGroupPostIds(db: Executor, groupId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('posts')
    .select('id')
    .where('group_id', '=', groupId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The department tree's shape (id → parent), for expanding a linked department to its subtree. */
export function listDepartmentParents(db: Executor): Promise<{ id: string; parent_id: string | null }[]> {
  return db.selectFrom('departments').select(['id', 'parent_id']).execute();
}

/** A department's name, or undefined when there is no such department. */
export function findDepartmentName(db: Executor, id: string): Promise<{ name: string } | undefined> {
  return db.selectFrom('departments').select('name').where('id', '=', id).executeTakeFirst();
}
