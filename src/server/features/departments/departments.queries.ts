import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { DepartmentsTable } from '../../platform/db/schema.js';

/** A department row with its head's name joined in. */
export type DepartmentRow = Selectable<DepartmentsTable> & { head_name: string | null };

function selectDepartments(db: Executor) {
  return db
    .selectFrom('departments')
    .leftJoin('users', 'users.id', 'departments.head_user_id')
    .selectAll('departments')
    .select('users.name as head_name');
}

/** Every department, ordered by name: the tree is small enough to send whole. */
export function listDepartmentRows(db: Executor): Promise<DepartmentRow[]> {
  return selectDepartments(db).orderBy('departments.name_search').orderBy('departments.id').execute();
}

/** One department by id. */
export function findDepartmentRow(db: Executor, id: string): Promise<DepartmentRow | undefined> {
  return selectDepartments(db).where('departments.id', '=', id).executeTakeFirst();
}

/** Just the tree's shape: id → parent id. */
export function listDepartmentParents(db: Executor): Promise<{ id: string; parent_id: string | null }[]> {
  return db.selectFrom('departments').select(['id', 'parent_id']).execute();
}

/** The sibling with this lower-cased name under `parentId` (null: top level). */
export function findSiblingByName(
  db: Executor,
  parentId: string | null,
  nameSearch: string,
): Promise<{ id: string } | undefined> {
  let query = db.selectFrom('departments').select('id').where('name_search', '=', nameSearch);
  query = parentId === null ? query.where('parent_id', 'is', null) : query.where('parent_id', '=', parentId);
  return query.executeTakeFirst();
}

/** Inserts one department. */
export function insertDepartmentRow(db: Executor, row: Insertable<DepartmentsTable>): Promise<unknown> {
  return db.insertInto('departments').values(row).execute();
}

/** Updates one department's columns. */
export function updateDepartmentRow(
  db: Executor,
  id: string,
  patch: Updateable<DepartmentsTable>,
): Promise<unknown> {
  return db.updateTable('departments').set(patch).where('id', '=', id).execute();
}

/** Deletes one department (the service checks it is empty). */
export function deleteDepartmentRow(db: Executor, id: string): Promise<unknown> {
  return db.deleteFrom('departments').where('id', '=', id).execute();
}

/** Active people per department (direct members only). */
export async function countActiveMembers(db: Executor): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('users')
    .select(['department_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('status', '=', 'active')
    .where('department_id', 'is not', null)
    .groupBy('department_id')
    .execute();
  return new Map(rows.map((r) => [r.department_id as string, Number(r.count)]));
}

/** Whether anyone not deactivated is in the department, or it has sub-departments. */
export async function hasMembersOrChildren(db: Executor, id: string): Promise<boolean> {
  const member = await db
    .selectFrom('users')
    .select('id')
    .where('department_id', '=', id)
    .where('status', '!=', 'deactivated')
    .limit(1)
    .executeTakeFirst();
  if (member) return true;
  const child = await db
    .selectFrom('departments')
    .select('id')
    .where('parent_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  return child !== undefined;
}

/** The status of a would-be department head. */
export async function findPersonStatus(db: Executor, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('status').where('id', '=', userId).executeTakeFirst();
  return row?.status;
}
