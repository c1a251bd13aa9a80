import type { Insertable, Selectable } from 'kysely';
import type { Actor } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { FoldersTable, GroupRole, GroupVisibility, UserRole } from '../../platform/db/schema.js';
import { folderReadableBy, grantLevel } from './files.access.queries.js';
import type { LibraryScope, NameKey } from './files.queries.js';

export type FolderRecord = Selectable<FoldersTable>;

/** A folder with what its view and the policy need, as it stands for one viewer. */
export interface FolderRow extends FolderRecord {
  group_name: string | null;
  group_visibility: GroupVisibility | null;
  viewer_group_role: GroupRole | null;
  profile_name: string | null;
  creator_name: string;
  creator_photo_key: string | null;
  creator_position: string | null;
  creator_role: UserRole;
  /** The strongest share reaching the viewer on it or a folder above: 0 none, 1 read, 2 edit. */
  viewer_grant: number;
}

/** Folders joined with what their views need, for `actor`. Deleted ones included: callers filter. */
export function selectFoldersFor(db: Executor, actor: Actor) {
  return db
    .selectFrom('folders')
    .innerJoin('users as creator', 'creator.id', 'folders.created_by')
    .leftJoin('groups as lg', 'lg.id', 'folders.group_id')
    .leftJoin('group_members as vm', (join) =>
      join.onRef('vm.group_id', '=', 'folders.group_id').on('vm.user_id', '=', actor.id),
    )
    .leftJoin('users as owner', 'owner.id', 'folders.profile_id')
    .selectAll('folders')
    .select([
      'lg.name as group_name',
      'lg.visibility as group_visibility',
      'vm.role as viewer_group_role',
      'owner.name as profile_name',
      'creator.name as creator_name',
      'creator.photo_key as creator_photo_key',
      'creator.position as creator_position',
      'creator.role as creator_role',
      grantLevel(null, 'folders.id', actor).as('viewer_grant'),
    ]);
}

/** One live folder as it stands for `actor`, readable or not (the service decides). */
export async function findFolderRow(db: Executor, actor: Actor, id: string): Promise<FolderRow | undefined> {
  const row = await selectFoldersFor(db, actor)
    .where('folders.id', '=', id)
    .where('folders.deleted_at', 'is', null)
    .executeTakeFirst();
  return row as FolderRow | undefined;
}

/** Live folders by id that `actor` may read. */
export async function listReadableFolderRows(db: Executor, actor: Actor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await selectFoldersFor(db, actor)
    .where('folders.id', 'in', ids)
    .where('folders.deleted_at', 'is', null)
    .where((eb) => folderReadableBy(eb, actor))
    .execute();
  return rows as FolderRow[];
}

/** One page of the live folders `actor` may read directly in a folder or at a library's root. */
export async function listFoldersIn(
  db: Executor,
  actor: Actor,
  scope: LibraryScope,
  after: NameKey | undefined,
  limit: number,
): Promise<FolderRow[]> {
  let query = selectFoldersFor(db, actor)
    .where('folders.deleted_at', 'is', null)
    .where((eb) => folderReadableBy(eb, actor));
  if ('folderId' in scope) query = query.where('folders.parent_id', '=', scope.folderId);
  else {
    query = query.where('folders.parent_id', 'is', null);
    const root = scope.root;
    if (root.type === 'company') query = query.where('folders.space_type', '=', 'company');
    else if (root.type === 'group') query = query.where('folders.group_id', '=', root.groupId);
    else query = query.where('folders.profile_id', '=', root.ownerId);
  }
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('folders.name_key', '>', after.n),
        eb.and([eb('folders.name_key', '=', after.n), eb('folders.id', '>', after.i)]),
      ]),
    );
  }
  const rows = await query.orderBy('folders.name_key').orderBy('folders.id').limit(limit).execute();
  return rows as FolderRow[];
}

/** The folders above `folderId`, from the library's root down (the folder itself not included). */
export function listFolderPath(db: Executor, folderId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('folder_ancestors as fa')
    .innerJoin('folders as f', 'f.id', 'fa.ancestor_id')
    .select(['f.id', 'f.name'])
    .where('fa.folder_id', '=', folderId)
    .where('fa.depth', '>', 0)
    .orderBy('fa.depth', 'desc')
    .execute();
}

/** How deep a folder is: 1 at the library's root. */
export async function countFolderDepth(db: Executor, folderId: string): Promise<number> {
  const row = await db
    .selectFrom('folder_ancestors')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('folder_id', '=', folderId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** How many levels the subtree under (and including) `folderId` spans: 1 for a leaf. */
export async function countSubtreeHeight(db: Executor, folderId: string): Promise<number> {
  const row = await db
    .selectFrom('folder_ancestors')
    .select((eb) => eb.fn.max<number>('depth').as('d'))
    .where('ancestor_id', '=', folderId)
    .executeTakeFirst();
  return Number(row?.d ?? 0) + 1;
}

/** Inserts a folder and its closure rows (itself at depth 0, then every folder above the parent). */
export async function insertFolderRow(db: Executor, row: Insertable<FoldersTable>): Promise<void> {
  await db.insertInto('folders').values(row).execute();
  await db
    .insertInto('folder_ancestors')
    .values({ folder_id: row.id, ancestor_id: row.id, depth: 0 })
    .execute();
  if (row.parent_id) {
    await db
      .insertInto('folder_ancestors')
      .columns(['folder_id', 'ancestor_id', 'depth'])
      .expression((eb) =>
        eb
          .selectFrom('folder_ancestors')
          .select((s) => [
            s.val(row.id).as('folder_id'),
            'ancestor_id',
            s(s.ref('depth'), '+', 1).as('depth'),
          ])
          .where('folder_id', '=', row.parent_id!),
      )
      .execute();
  }
}

/** Renames a folder. */
export async function updateFolderName(
  db: Executor,
  id: string,
  name: string,
  nameKey: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('folders')
    .set({ name, name_key: nameKey, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Whether `candidateId` is `folderId` or lies under it. */
export async function isInSubtree(db: Executor, folderId: string, candidateId: string): Promise<boolean> {
  const row = await db
    .selectFrom('folder_ancestors')
    .select('depth')
    .where('folder_id', '=', candidateId)
    .where('ancestor_id', '=', folderId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Moves a folder (with everything under it) below `parentId`, or to the library's root: the
 * closure rows linking the subtree to its old ancestors go, rows to the new ones come.
 */
export async function moveFolderRow(
  db: Executor,
  id: string,
  parentId: string | null,
  now: string,
): Promise<void> {
  await db
    .updateTable('folders')
    .set({ parent_id: parentId, updated_at: now })
    .where('id', '=', id)
    .execute();
  const subtree = db.selectFrom('folder_ancestors').select('folder_id').where('ancestor_id', '=', id);
  const oldAbove = db
    .selectFrom('folder_ancestors')
    .select('ancestor_id')
    .where('folder_id', '=', id)
    .where('depth', '>', 0);
  await db
    .deleteFrom('folder_ancestors')
    .where('folder_id', 'in', subtree)
    .where('ancestor_id', 'in', oldAbove)
    .execute();
  if (parentId === null) return;
  // Every (node under the folder, folder above the new parent) pair, at the summed depth.
  await db
    .insertInto('folder_ancestors')
    .columns(['folder_id', 'ancestor_id', 'depth'])
    .expression((eb) =>
      eb
        .selectFrom('folder_ancestors as below')
        .innerJoin('folder_ancestors as above', (join) => join.on('above.folder_id', '=', parentId))
        .select((s) => [
          'below.folder_id as folder_id',
          'above.ancestor_id as ancestor_id',
          s(s(s.ref('below.depth'), '+', s.ref('above.depth')), '+', 1).as('depth'),
        ])
        .where('below.ancestor_id', '=', id),
    )
    .execute();
}

/** Live folders and files anywhere under the folder, not counting the folder itself. */
export async function countLiveContents(db: Executor, folderId: string): Promise<number> {
  const folders = await db
    .selectFrom('folder_ancestors as fa')
    .innerJoin('folders as f', 'f.id', 'fa.folder_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('fa.ancestor_id', '=', folderId)
    .where('fa.depth', '>', 0)
    .where('f.deleted_at', 'is', null)
    .executeTakeFirst();
  const files = await db
    .selectFrom('files')
    .innerJoin('folder_ancestors as fa', 'fa.folder_id', 'files.folder_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('fa.ancestor_id', '=', folderId)
    .where('files.deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(folders?.n ?? 0) + Number(files?.n ?? 0);
}

/**
 * Soft-deletes a folder and everything live under it (folders and files); returns the ids of
 * what it deleted, for the ledger.
 */
export async function softDeleteSubtree(
  db: Executor,
  folderId: string,
  by: string,
  now: string,
): Promise<{ folderIds: string[]; fileIds: string[] }> {
  const folderIds = (
    await db
      .selectFrom('folder_ancestors as fa')
      .innerJoin('folders as f', 'f.id', 'fa.folder_id')
      .select('f.id')
      .where('fa.ancestor_id', '=', folderId)
      .where('f.deleted_at', 'is', null)
      .execute()
  ).map((r) => r.id);
  const fileIds = (
    await db
      .selectFrom('files')
      .innerJoin('folder_ancestors as fa', 'fa.folder_id', 'files.folder_id')
      .select('files.id')
      .where('fa.ancestor_id', '=', folderId)
      .where('files.deleted_at', 'is', null)
      .execute()
  ).map((r) => r.id);
  const subtree = db.selectFrom('folder_ancestors').select('folder_id').where('ancestor_id', '=', folderId);
  await db
    .updateTable('folders')
    .set({ deleted_at: now, deleted_by: by })
    .where('id', 'in', subtree)
    .where('deleted_at', 'is', null)
    .execute();
  await db
    .updateTable('files')
    .set({ deleted_at: now, deleted_by: by })
    .where('folder_id', 'in', subtree)
    .where('deleted_at', 'is', null)
    .execute();
  return { folderIds, fileIds };
}
