import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { UsersTable } from '../../platform/db/schema.js';

/** A user row as every read returns it, with the department's name joined in. */
export type UserRow = Selectable<UsersTable> & { department_name: string | null };

/** Escapes LIKE wildcards so a search for `50%_off` finds that text, not a pattern. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern for "contains `text`". */
export function likeContains(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** `column LIKE pattern ESCAPE '\'`, the same on SQLite and PostgreSQL. */
function like(column: string, pattern: string, lowerCase = false) {
  const ref = lowerCase ? sql`lower(${sql.ref(column)})` : sql.ref(column);
  return sql<boolean>`${ref} like ${pattern} escape ${'\\'}`;
}

function selectUsers(db: Executor) {
  return db
    .selectFrom('users')
    .leftJoin('departments', 'departments.id', 'users.department_id')
    .selectAll('users')
    .select('departments.name as department_name');
}

/** One person by id, whatever their status. */
export function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  return selectUsers(db).where('users.id', '=', id).executeTakeFirst();
}

/** The id and status of the person with this e-mail (compared lower-cased). */
export function findUserIdByEmail(
  db: Executor,
  email: string,
): Promise<{ id: string; status: string } | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'status'])
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

/** Whether two people are members of at least one common group (what a guest may see of others). */
export async function sharesAGroup(db: Executor, userId: string, otherId: string): Promise<boolean> {
  const row = await db
    .selectFrom('group_members as mine')
    .innerJoin('group_members as theirs', 'theirs.group_id', 'mine.group_id')
    .select('mine.group_id')
    .where('mine.user_id', '=', userId)
    .where('theirs.user_id', '=', otherId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The id of the person with this employee number. */
export function findUserIdByExternalId(
  db: Executor,
  externalId: string,
): Promise<{ id: string } | undefined> {
  return db.selectFrom('users').select('id').where('external_id', '=', externalId).executeTakeFirst();
}

/** What the directory and the manager tree filter on; all filters are ANDed. */
export interface PeopleFilter {
  departmentIds?: string[];
  skillKey?: string;
  /** Lower-cased text to find inside the position. */
  position?: string;
  /** Lower-cased text to find inside the name or the e-mail. */
  q?: string;
  /** `null`: people without a manager; an id: that person's direct reports. */
  managerId?: string | null;
  /** Sort key of the last item of the previous page. */
  after?: { n: string; i: string };
  /** Whose accounts: active people (the default) or deactivated ones (admin pages). */
  status?: 'active' | 'deactivated';
}

/** People by name (then id, so the order is total and keyset pagination exact); active unless asked. */
export function listActivePeople(db: Executor, filter: PeopleFilter, limit: number): Promise<UserRow[]> {
  let query = selectUsers(db).where('users.status', '=', filter.status ?? 'active');
  if (filter.departmentIds) query = query.where('users.department_id', 'in', filter.departmentIds);
  if (filter.managerId === null) query = query.where('users.manager_id', 'is', null);
  else if (filter.managerId !== undefined) query = query.where('users.manager_id', '=', filter.managerId);
  if (filter.skillKey !== undefined) {
    const key = filter.skillKey;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_skills')
          .select('user_skills.user_id')
          .whereRef('user_skills.user_id', '=', 'users.id')
          .where('user_skills.skill_key', '=', key),
      ),
    );
  }
  if (filter.position !== undefined)
    query = query.where(like('users.position_search', likeContains(filter.position)));
  if (filter.q !== undefined) {
    const pattern = likeContains(filter.q);
    query = query.where((eb) =>
      eb.or([like('users.name_search', pattern), like('users.email', pattern, true)]),
    );
  }
  if (filter.after) {
    const { n, i } = filter.after;
    query = query.where((eb) =>
      eb.or([
        eb('users.name_search', '>', n),
        eb.and([eb('users.name_search', '=', n), eb('users.id', '>', i)]),
      ]),
    );
  }
  return query.orderBy('users.name_search').orderBy('users.id').limit(limit).execute();
}

/** Skills of several people, each person's ordered by key. */
export async function listSkillsOf(db: Executor, userIds: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (userIds.length === 0) return result;
  const rows = await db
    .selectFrom('user_skills')
    .select(['user_id', 'skill'])
    .where('user_id', 'in', userIds)
    .orderBy('user_id')
    .orderBy('skill_key')
    .execute();
  for (const row of rows) result.set(row.user_id, [...(result.get(row.user_id) ?? []), row.skill]);
  return result;
}

/** How many active people report directly to each of `userIds`. */
export async function countActiveReports(db: Executor, userIds: string[]): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  if (userIds.length === 0) return result;
  const rows = await db
    .selectFrom('users')
    .select(['manager_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('manager_id', 'in', userIds)
    .where('status', '=', 'active')
    .groupBy('manager_id')
    .execute();
  for (const row of rows) if (row.manager_id) result.set(row.manager_id, Number(row.count));
  return result;
}

/** The manager of a person (for walking up the chain). */
export async function findManagerId(db: Executor, userId: string): Promise<string | null | undefined> {
  const row = await db.selectFrom('users').select('manager_id').where('id', '=', userId).executeTakeFirst();
  return row?.manager_id;
}

/** Active administrators other than `exceptId`. */
export async function countOtherActiveAdmins(db: Executor, exceptId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Active people (the base of the import's mass-deactivation guard). */
export async function countActivePeople(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Inserts one person. */
export function insertUserRow(db: Executor, row: Insertable<UsersTable>): Promise<unknown> {
  return db.insertInto('users').values(row).execute();
}

/** Updates one person's columns. */
export function updateUserRow(db: Executor, id: string, patch: Updateable<UsersTable>): Promise<unknown> {
  return db.updateTable('users').set(patch).where('id', '=', id).execute();
}

/** Replaces a person's skills with `skills` (display form and lower-cased key, keys unique). */
export async function replaceSkills(
  db: Executor,
  userId: string,
  skills: { skill: string; key: string }[],
): Promise<void> {
  await db.deleteFrom('user_skills').where('user_id', '=', userId).execute();
  if (skills.length === 0) return;
  await db
    .insertInto('user_skills')
    .values(skills.map((s) => ({ user_id: userId, skill: s.skill, skill_key: s.key })))
    .execute();
}

/** Drops a person's e-mailed tokens (sign-up verification, password reset): R15 cancels them too. */
export async function deleteAuthTokensOf(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('auth_tokens').where('user_id', '=', userId).execute();
}

/** The most common skills of active people whose key starts with `prefix`. */
export async function listTopSkills(
  db: Executor,
  prefix: string | undefined,
  limit: number,
): Promise<{ skill: string; count: number }[]> {
  let query = db
    .selectFrom('user_skills')
    .innerJoin('users', 'users.id', 'user_skills.user_id')
    .where('users.status', '=', 'active')
    .select((eb) => [
      eb.fn.max('user_skills.skill').as('skill'),
      'user_skills.skill_key',
      eb.fn.countAll<number>().as('count'),
    ]);
  if (prefix) query = query.where(like('user_skills.skill_key', `${escapeLike(prefix)}%`));
  const rows = await query
    .groupBy('user_skills.skill_key')
    .orderBy('count', 'desc')
    .orderBy('user_skills.skill_key')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ skill: r.skill, count: Number(r.count) }));
}

/** Every person, whatever their status (the CSV import compares the whole directory). */
export function listAllUsers(db: Executor): Promise<UserRow[]> {
  return selectUsers(db).orderBy('users.id').execute();
}

/** Every person's skills, keyed by person. */
export async function listAllSkills(db: Executor): Promise<Map<string, string[]>> {
  const rows = await db.selectFrom('user_skills').select(['user_id', 'skill']).orderBy('skill_key').execute();
  const result = new Map<string, string[]>();
  for (const row of rows) result.set(row.user_id, [...(result.get(row.user_id) ?? []), row.skill]);
  return result;
}

/** How many people came from `source` (e.g. whether the demo company is already there). */
export async function countUsersBySource(db: Executor, source: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('source', '=', source)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
