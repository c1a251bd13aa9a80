import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { postReadableBy } from '../spaces/spaces.service.js';

/**
 * The read rules of files.policy.ts in SQL, for lists: what a viewer may not read is never read
 * at all. Role-dependent branches are chosen here in TypeScript (the actor is known), so each
 * query carries only the SQL its viewer needs. Memberships, departments and shares are read live
 * in every query: nothing is cached or copied when a share is made.
 *
 * The fragments name columns through the table (or alias) they are given, so the same rules
 * serve `files` and `folders` rows.
 */

type Table = 'files' | 'folders';

const isPlatformModerator = (actor: Actor) => actor.role === 'admin' || actor.role === 'moderator';

/** The viewer's department and every department above it (a share to a department includes its sub-departments). */
function departmentLineage(departmentId: string): RawBuilder<unknown> {
  // `union` (not `union all`) ends the walk even if the tree were ever to contain a cycle.
  return sql`with recursive lineage(id) as (
      select cast(${departmentId} as text)
      union
      select d.parent_id from departments d join lineage l on d.id = l.id where d.parent_id is not null
    ) select id from lineage`;
}

/**
 * Whether the share row `alias` reaches `actor`: to them, to a group they are a member of, or
 * (employees only) to their department or one above it.
 */
export function shareReaches(alias: string, actor: Actor): RawBuilder<SqlBool> {
  const type = sql.ref(`${alias}.grantee_type`);
  const grantee = sql.ref(`${alias}.grantee_id`);
  const parts: RawBuilder<unknown>[] = [
    sql`(${type} = 'user' and ${grantee} = ${actor.id})`,
    sql`(${type} = 'group' and ${grantee} in (select gm.group_id from group_members gm where gm.user_id = ${actor.id}))`,
  ];
  if (actor.role !== 'guest' && actor.departmentId) {
    parts.push(sql`(${type} = 'department' and ${grantee} in (${departmentLineage(actor.departmentId)}))`);
  }
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/**
 * The strongest share reaching `actor` on a file or on any folder above it, as a number:
 * 0 none, 1 read, 2 edit. `fileId`/`folderId` are column references of the row being checked.
 */
export function grantLevel(fileId: string | null, folderId: string, actor: Actor): RawBuilder<number> {
  const onFolders = sql`s.folder_id in (select fa.ancestor_id from folder_ancestors fa where fa.folder_id = ${sql.ref(folderId)})`;
  const target = fileId ? sql`(s.file_id = ${sql.ref(fileId)} or ${onFolders})` : onFolders;
  return sql<number>`coalesce((select max(case when s.permission = 'edit' then 2 else 1 end)
    from file_shares s where ${target} and ${shareReaches('s', actor)}), 0)`;
}

/** Whether a share reaches `actor` on the folder `folderId` (a column) or a folder above it. */
function sharedThroughFolders(folderId: string, actor: Actor): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from folder_ancestors fa join file_shares s on s.folder_id = fa.ancestor_id
    where fa.folder_id = ${sql.ref(folderId)} and ${shareReaches('s', actor)})`;
}

/** Whether `actor` reads the library the row `table` lives in (its root rules). */
function libraryReadable(table: Table, actor: Actor): RawBuilder<SqlBool> {
  const col = (c: string) => sql.ref(`${table}.${c}`);
  const member = sql`exists (select 1 from group_members gm where gm.group_id = ${col('group_id')} and gm.user_id = ${actor.id})`;
  if (actor.role === 'guest') return sql<SqlBool>`(${col('space_type')} = 'group' and ${member})`;
  const openToNonMembers = isPlatformModerator(actor) ? sql`('open', 'closed')` : sql`('open')`;
  return sql<SqlBool>`(${col('space_type')} = 'company'
    or (${col('space_type')} = 'profile' and ${col('profile_id')} = ${actor.id})
    or (${col('space_type')} = 'group' and (${member} or exists (
      select 1 from groups g where g.id = ${col('group_id')} and g.visibility in ${openToNonMembers}))))`;
}

/** Whether the post the file row is attached to exists and `actor` may read it. */
export function filePostReadable(
  eb: ExpressionBuilder<Database, 'files'>,
  actor: Actor,
): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('posts')
      .select(eb.lit(1).as('one'))
      .whereRef('posts.id', '=', 'files.post_id')
      // The subquery's row is the post itself; the predicate reads it as `posts`.
      .where((pe) => postReadableBy(pe as unknown as ExpressionBuilder<Database, 'posts'>, actor)),
  );
}

/**
 * Files `actor` may read (live ones and deleted ones alike: callers filter `deleted_at`):
 * attached to a post they may read, or in a library they read, or shared with them on the file
 * or a folder above it. Links are not lists: they are checked one token at a time.
 */
export function fileReadableBy(
  eb: ExpressionBuilder<Database, 'files'>,
  actor: Actor | null,
): Expression<SqlBool> {
  if (actor?.status !== 'active') return eb.lit(false);
  return eb.or([
    eb.and([eb('files.post_id', 'is', null), libraryReadable('files', actor)]),
    eb.and([eb('files.post_id', 'is not', null), filePostReadable(eb, actor)]),
    eb.exists(
      eb
        .selectFrom('file_shares as s')
        .select(eb.lit(1).as('one'))
        .whereRef('s.file_id', '=', 'files.id')
        .where(shareReaches('s', actor)),
    ),
    eb.and([eb('files.folder_id', 'is not', null), sharedThroughFolders('files.folder_id', actor)]),
  ]);
}

/** Folders `actor` may read: in a library they read, or shared with them on it or a folder above. */
export function folderReadableBy(
  eb: ExpressionBuilder<Database, 'folders'>,
  actor: Actor | null,
): Expression<SqlBool> {
  if (actor?.status !== 'active') return eb.lit(false);
  return eb.or([libraryReadable('folders', actor), sharedThroughFolders('folders.id', actor)]);
}
