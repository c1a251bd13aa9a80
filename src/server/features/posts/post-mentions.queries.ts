import { sql } from 'kysely';
import type { Actor } from '../../platform/context.js';
import type { Dialect, Executor } from '../../platform/db/database.js';
import { queryTemplate } from '../../platform/db/query-template.js';
import { groupVisibleTo } from '../spaces/spaces.service.js';

/** SQL of mentions: who a handle names, who a group or department mention reaches, autocomplete. */

/** Escapes LIKE wildcards so a search for `50%_off` finds that text, not a pattern. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `column LIKE pattern ESCAPE '\'`, the same on SQLite and PostgreSQL. */
function like(column: string, pattern: string) {
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape ${'\\'}`;
}

/**
 * Active people whose e-mail starts with `<handle>@` (e-mails and handles are lower-cased). The
 * prefix is an index range, `'<handle>@' <= email < '<handle>A'` ('A' follows '@' in code-point
 * order), compared byte-wise: SQLite's `users.email` is BINARY; on PostgreSQL the comparison is
 * `collate "C"`, served by the index `users_email_c` (0004), whatever the database's collation.
 * `LIKE 'handle@%'` would scan every person on both.
 */
export async function findPeopleByHandles(
  db: Executor,
  dialect: Dialect,
  handles: readonly string[],
): Promise<{ id: string; name: string; email: string }[]> {
  if (handles.length === 0) return [];
  return peopleByHandles.execute(
    db,
    { dialect },
    { from: handles.map((h) => `${h}@`), below: handles.map((h) => `${h}A`) },
  );
}

const peopleByHandles = queryTemplate(
  (
    db,
    { dialect }: { dialect: Dialect },
    { from, below }: { from: readonly string[]; below: readonly string[] },
  ) => {
    const email =
      dialect === 'postgres' ? sql<string>`${sql.ref('email')} collate "C"` : sql.ref<string>('email');
    return db
      .selectFrom('users')
      .select(['id', 'name', 'email'])
      .where('status', '=', 'active')
      .where((eb) => eb.or(from.map((low, i) => eb.and([eb(email, '>=', low), eb(email, '<', below[i]!)]))));
  },
);

/** Groups mentioned by handle that `actor` may know of (a secret group only for its members). */
export function findGroupsByHandles(
  db: Executor,
  actor: Actor,
  handles: readonly string[],
): Promise<{ id: string; name: string; handle: string }[]> {
  if (handles.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('groups')
    .select(['id', 'name', 'handle'])
    .where('handle', 'in', handles)
    .where((eb) => groupVisibleTo(eb, actor))
    .execute();
}

/** Every department with its head: handles are derived from names, so they are matched in code. */
export function listDepartmentsForMentions(
  db: Executor,
): Promise<{ id: string; name: string; head_user_id: string | null }[]> {
  return db.selectFrom('departments').select(['id', 'name', 'head_user_id']).orderBy('id').execute();
}

/** The active people of some departments. */
export async function listDepartmentMemberIds(
  db: Executor,
  departmentIds: readonly string[],
): Promise<string[]> {
  if (departmentIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('department_id', 'in', departmentIds)
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.id);
}

/** Of `ids`, the people who share at least one group with `userId` (what a guest may see of others). */
export async function listCoMemberIds(
  db: Executor,
  userId: string,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('group_members as theirs')
    .innerJoin('group_members as mine', 'mine.group_id', 'theirs.group_id')
    .select('theirs.user_id')
    .distinct()
    .where('mine.user_id', '=', userId)
    .where('theirs.user_id', 'in', ids)
    .execute();
  return rows.map((r) => r.user_id);
}

/** `actor`'s role in a group, or undefined. */
export async function findOwnGroupRole(db: Executor, groupId: string, userId: string) {
  const row = await db
    .selectFrom('group_members')
    .select('role')
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role;
}

/**
 * Autocomplete: active people whose name contains `q` or whose e-mail starts with it. `coMemberOf`
 * limits the search to people who share a group with that person (a guest sees no directory).
 */
export function searchMentionPeople(
  db: Executor,
  q: string,
  limit: number,
  coMemberOf: string | null,
): Promise<
  {
    id: string;
    name: string;
    email: string;
    position: string | null;
    photo_key: string | null;
    role: string;
  }[]
> {
  let query = db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'position', 'photo_key', 'role'])
    .where('status', '=', 'active');
  if (q !== '') {
    query = query.where((eb) =>
      eb.or([like('users.name_search', `%${escapeLike(q)}%`), like('users.email', `${escapeLike(q)}%`)]),
    );
  }
  if (coMemberOf !== null) {
    query = query.where((eb) =>
      eb(
        'users.id',
        'in',
        eb
          .selectFrom('group_members as theirs')
          .innerJoin('group_members as mine', 'mine.group_id', 'theirs.group_id')
          .select('theirs.user_id')
          .where('mine.user_id', '=', coMemberOf),
      ),
    );
  }
  return query.orderBy('users.name_search').orderBy('users.id').limit(limit).execute();
}
