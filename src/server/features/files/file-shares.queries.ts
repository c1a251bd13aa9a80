import { type Insertable, type Selectable, sql } from 'kysely';
import type { Actor } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type {
  FileGranteeType,
  FilePermission,
  FileSharesTable,
  UserRole,
  UserStatus,
} from '../../platform/db/schema.js';
import { shareReaches } from './files.access.queries.js';

export type ShareRecord = Selectable<FileSharesTable>;

/** A share with its grantee's and creator's display facts and the name of what it is on. */
export interface ShareRow extends ShareRecord {
  grantee_name: string | null;
  grantee_role: UserRole | null;
  target_name: string;
  creator_name: string;
  creator_photo_key: string | null;
  creator_position: string | null;
  creator_role: UserRole;
}

/** What a share is on: a file or a folder. */
export type ShareTarget = { fileId: string } | { folderId: string };

function selectShares(db: Executor) {
  return db
    .selectFrom('file_shares as s')
    .innerJoin('users as creator', 'creator.id', 's.created_by')
    .leftJoin('users as gu', (join) =>
      join.onRef('gu.id', '=', 's.grantee_id').on('s.grantee_type', '=', 'user'),
    )
    .leftJoin('groups as gg', (join) =>
      join.onRef('gg.id', '=', 's.grantee_id').on('s.grantee_type', '=', 'group'),
    )
    .leftJoin('departments as gd', (join) =>
      join.onRef('gd.id', '=', 's.grantee_id').on('s.grantee_type', '=', 'department'),
    )
    .leftJoin('files as tf', 'tf.id', 's.file_id')
    .leftJoin('folders as td', 'td.id', 's.folder_id')
    .selectAll('s')
    .select((eb) => [
      eb.fn.coalesce('gu.name', 'gg.name', 'gd.name').as('grantee_name'),
      'gu.role as grantee_role',
      eb.fn.coalesce('tf.name', 'td.name', sql<string>`''`).as('target_name'),
      'creator.name as creator_name',
      'creator.photo_key as creator_photo_key',
      'creator.position as creator_position',
      'creator.role as creator_role',
    ]);
}

/**
 * A page of the shares on a file or folder and those it inherits from the folders above it
 * (`folderId` is the folder the target is in, or the folder itself), newest first.
 */
export async function listShareRows(
  db: Executor,
  target: ShareTarget,
  containingFolderId: string | null,
  beforeId: string | undefined,
  limit: number,
): Promise<ShareRow[]> {
  let query = selectShares(db).where((eb) => {
    const above = containingFolderId
      ? eb(
          's.folder_id',
          'in',
          eb.selectFrom('folder_ancestors').select('ancestor_id').where('folder_id', '=', containingFolderId),
        )
      : eb.lit(false);
    const own =
      'fileId' in target ? eb('s.file_id', '=', target.fileId) : eb('s.folder_id', '=', target.folderId);
    return eb.or([own, above]);
  });
  if (beforeId) query = query.where('s.id', '<', beforeId);
  const rows = await query.orderBy('s.id', 'desc').limit(limit).execute();
  return rows as ShareRow[];
}

/** One share by id on exactly this target (not an inherited one). */
export async function findShareRow(
  db: Executor,
  target: ShareTarget,
  id: string,
): Promise<ShareRow | undefined> {
  let query = selectShares(db).where('s.id', '=', id);
  query =
    'fileId' in target
      ? query.where('s.file_id', '=', target.fileId)
      : query.where('s.folder_id', '=', target.folderId);
  return (await query.executeTakeFirst()) as ShareRow | undefined;
}

/** The share of this target to this grantee, if any. */
export function findShareFor(
  db: Executor,
  target: ShareTarget,
  granteeType: FileGranteeType,
  granteeId: string,
): Promise<ShareRecord | undefined> {
  let query = db
    .selectFrom('file_shares')
    .selectAll()
    .where('grantee_type', '=', granteeType)
    .where('grantee_id', '=', granteeId);
  query =
    'fileId' in target
      ? query.where('file_id', '=', target.fileId)
      : query.where('folder_id', '=', target.folderId);
  return query.executeTakeFirst();
}

export async function insertShareRow(db: Executor, row: Insertable<FileSharesTable>): Promise<void> {
  await db.insertInto('file_shares').values(row).execute();
}

export async function updateSharePermission(
  db: Executor,
  id: string,
  permission: FilePermission,
): Promise<void> {
  await db.updateTable('file_shares').set({ permission }).where('id', '=', id).execute();
}

export async function deleteShareRow(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('file_shares').where('id', '=', id).execute();
}

/** A person a share may name: exists, with their role and status. */
export function findGranteePerson(
  db: Executor,
  id: string,
): Promise<{ id: string; name: string; role: UserRole; status: UserStatus } | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'role', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** One entry of "Shared with me": what was shared and when it was last shared to the viewer. */
export interface SharedEntry {
  kind: 'file' | 'folder';
  target_id: string;
  shared_at: string;
}

/**
 * A page of the live files and folders shared with `actor` (to them, their groups, their
 * department or one above it) by others, newest share first.
 */
export async function listSharedEntries(
  db: Executor,
  actor: Actor,
  after: { s: string; i: string } | undefined,
  limit: number,
): Promise<SharedEntry[]> {
  const files = db
    .selectFrom('file_shares as s')
    .innerJoin('files as f', 'f.id', 's.file_id')
    .select((eb) => [
      sql<'file' | 'folder'>`'file'`.as('kind'),
      's.file_id as target_id',
      eb.fn.max('s.created_at').as('shared_at'),
    ])
    .where('f.deleted_at', 'is', null)
    .where('f.created_by', '!=', actor.id)
    .where(shareReaches('s', actor))
    .groupBy('s.file_id');
  const folders = db
    .selectFrom('file_shares as s')
    .innerJoin('folders as d', 'd.id', 's.folder_id')
    .select((eb) => [
      sql<'file' | 'folder'>`'folder'`.as('kind'),
      's.folder_id as target_id',
      eb.fn.max('s.created_at').as('shared_at'),
    ])
    .where('d.deleted_at', 'is', null)
    .where('d.created_by', '!=', actor.id)
    .where(shareReaches('s', actor))
    .groupBy('s.folder_id');
  let query = db.selectFrom(files.unionAll(folders).as('t')).selectAll();
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('t.shared_at', '<', after.s),
        eb.and([eb('t.shared_at', '=', after.s), eb('t.target_id', '<', after.i)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('t.shared_at', 'desc')
    .orderBy('t.target_id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ kind: r.kind, target_id: r.target_id!, shared_at: r.shared_at }));
}
