import { createHash } from 'node:crypto';
import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Actor } from '../../platform/context.js';
import type { Dialect, Executor, Tx } from '../../platform/db/database.js';
import type {
  FilesTable,
  FileTextStatus,
  FileVersionsTable,
  GroupRole,
  GroupVisibility,
  UserRole,
} from '../../platform/db/schema.js';
import { filePostReadable, fileReadableBy, grantLevel } from './files.access.queries.js';

export { fileReadableBy, folderReadableBy } from './files.access.queries.js';

export type FileRecord = Selectable<FilesTable>;
export type FileVersionRecord = Selectable<FileVersionsTable>;

/** A person as file views show them. */
export interface PersonColumns {
  id: string;
  name: string;
  photo_key: string | null;
  position: string | null;
  role: UserRole;
}

/**
 * A file with everything its view and the policy need, as it stands for one viewer: its
 * library's display facts, its uploader, its current version's preview facts, the strongest share
 * reaching the viewer (0 none, 1 read, 2 edit) and whether the viewer reads its post (-1: none).
 */
export interface FileRow extends FileRecord {
  group_name: string | null;
  group_visibility: GroupVisibility | null;
  viewer_group_role: GroupRole | null;
  profile_name: string | null;
  uploader_name: string;
  uploader_photo_key: string | null;
  uploader_position: string | null;
  uploader_role: UserRole;
  thumb_key: string | null;
  width: number | null;
  height: number | null;
  text_status: FileTextStatus;
  viewer_grant: number;
  post_readable: number;
}

/** Files joined with what their views need, for `actor`. Deleted files included: callers filter. */
export function selectFilesFor(db: Executor, actor: Actor) {
  return db
    .selectFrom('files')
    .innerJoin('users as uploader', 'uploader.id', 'files.created_by')
    .innerJoin('file_versions as cv', (join) =>
      join.onRef('cv.file_id', '=', 'files.id').onRef('cv.version', '=', 'files.version'),
    )
    .leftJoin('groups as lg', 'lg.id', 'files.group_id')
    .leftJoin('group_members as vm', (join) =>
      join.onRef('vm.group_id', '=', 'files.group_id').on('vm.user_id', '=', actor.id),
    )
    .leftJoin('users as owner', 'owner.id', 'files.profile_id')
    .selectAll('files')
    .select((eb) => [
      'lg.name as group_name',
      'lg.visibility as group_visibility',
      'vm.role as viewer_group_role',
      'owner.name as profile_name',
      'uploader.name as uploader_name',
      'uploader.photo_key as uploader_photo_key',
      'uploader.position as uploader_position',
      'uploader.role as uploader_role',
      'cv.thumb_key',
      'cv.width',
      'cv.height',
      'cv.text_status',
      grantLevel('files.id', 'files.folder_id', actor).as('viewer_grant'),
      eb
        .case()
        .when('files.post_id', 'is', null)
        .then(-1)
        .when(filePostReadable(eb, actor))
        .then(1)
        .else(0)
        .end()
        .as('post_readable'),
    ]);
}

/** One live file as it stands for `actor`, readable or not (the service decides). */
export async function findFileRow(db: Executor, actor: Actor, id: string): Promise<FileRow | undefined> {
  const row = await selectFilesFor(db, actor)
    .where('files.id', '=', id)
    .where('files.deleted_at', 'is', null)
    .executeTakeFirst();
  return row as FileRow | undefined;
}

/** Live files by id as they stand for `actor`, readable ones only. */
export async function listReadableFileRows(db: Executor, actor: Actor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await selectFilesFor(db, actor)
    .where('files.id', 'in', ids)
    .where('files.deleted_at', 'is', null)
    .where((eb) => fileReadableBy(eb, actor))
    .execute();
  return rows as FileRow[];
}

/** Where in a library a list looks: a folder, or the library's root. */
export type LibraryScope =
  | { folderId: string }
  | { root: { type: 'company' } | { type: 'group'; groupId: string } | { type: 'profile'; ownerId: string } };

/** Sort key of library entries: `name_key`, then id. */
export interface NameKey {
  n: string;
  i: string;
}

/** One page of the live files `actor` may read in a folder or at a library's root, by name. */
export async function listFilesIn(
  db: Executor,
  actor: Actor,
  scope: LibraryScope,
  after: NameKey | undefined,
  limit: number,
): Promise<FileRow[]> {
  let query = selectFilesFor(db, actor)
    .where('files.deleted_at', 'is', null)
    .where((eb) => fileReadableBy(eb, actor));
  if ('folderId' in scope) query = query.where('files.folder_id', '=', scope.folderId);
  else {
    query = query.where('files.folder_id', 'is', null);
    const root = scope.root;
    if (root.type === 'company') query = query.where('files.space_type', '=', 'company');
    else if (root.type === 'group') query = query.where('files.group_id', '=', root.groupId);
    else query = query.where('files.profile_id', '=', root.ownerId);
  }
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('files.name_key', '>', after.n),
        eb.and([eb('files.name_key', '=', after.n), eb('files.id', '>', after.i)]),
      ]),
    );
  }
  const rows = await query.orderBy('files.name_key').orderBy('files.id').limit(limit).execute();
  return rows as FileRow[];
}

export async function insertFileRow(db: Executor, row: Insertable<FilesTable>): Promise<void> {
  await db.insertInto('files').values(row).execute();
}

export async function insertFileVersionRow(db: Executor, row: Insertable<FileVersionsTable>): Promise<void> {
  await db.insertInto('file_versions').values(row).execute();
}

export async function updateFileRow(db: Executor, id: string, patch: Updateable<FilesTable>): Promise<void> {
  await db.updateTable('files').set(patch).where('id', '=', id).execute();
}

/** One version of a file, or undefined. */
export function findFileVersion(
  db: Executor,
  fileId: string,
  version: number,
): Promise<FileVersionRecord | undefined> {
  return db
    .selectFrom('file_versions')
    .selectAll()
    .where('file_id', '=', fileId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export type FileVersionRow = Omit<FileVersionRecord, 'text'> & {
  uploader_name: string;
  uploader_photo_key: string | null;
  uploader_position: string | null;
  uploader_role: UserRole;
};

/** A page of a file's versions, newest first, below `beforeVersion`. */
export function listFileVersionRows(
  db: Executor,
  fileId: string,
  beforeVersion: number | undefined,
  limit: number,
): Promise<FileVersionRow[]> {
  let query = db
    .selectFrom('file_versions as v')
    .innerJoin('users as u', 'u.id', 'v.uploaded_by')
    .select([
      'v.file_id',
      'v.version',
      'v.blob_key',
      'v.size',
      'v.mime',
      'v.name',
      'v.uploaded_by',
      'v.created_at',
      'v.text_status',
      'v.thumb_key',
      'v.width',
      'v.height',
      'u.name as uploader_name',
      'u.photo_key as uploader_photo_key',
      'u.position as uploader_position',
      'u.role as uploader_role',
    ])
    .where('v.file_id', '=', fileId);
  if (beforeVersion !== undefined) query = query.where('v.version', '<', beforeVersion);
  return query.orderBy('v.version', 'desc').limit(limit).execute();
}

/**
 * Bytes counted against a person's quota: every version they uploaded of files that are not
 * deleted (the bytes of deleted files are kept for the archive, but no longer charged).
 */
export async function sumUploadedBytes(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('file_versions as v')
    .innerJoin('files as f', 'f.id', 'v.file_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('v.size'), sql<number>`0`).as('total'))
    .where('v.uploaded_by', '=', userId)
    .where('f.deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

/** Versions whose thumbnail and text are still to be made, oldest first. */
export function listPendingVersions(
  db: Executor,
  limit: number,
): Promise<{ file_id: string; version: number; blob_key: string; mime: string }[]> {
  return db
    .selectFrom('file_versions')
    .select(['file_id', 'version', 'blob_key', 'mime'])
    .where('text_status', '=', 'pending')
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/** Stores what the background job made of a version. */
export async function updateVersionProcessing(
  db: Executor,
  fileId: string,
  version: number,
  patch: Pick<Updateable<FileVersionsTable>, 'text' | 'text_status' | 'thumb_key' | 'width' | 'height'>,
): Promise<void> {
  await db
    .updateTable('file_versions')
    .set(patch)
    .where('file_id', '=', fileId)
    .where('version', '=', version)
    .execute();
}

/** What deciding "may this person read the file" needs of people (mention notifications). */
export function listPeopleFacts(
  db: Executor,
  ids: readonly string[],
): Promise<{ id: string; role: UserRole; status: Actor['status']; department_id: string | null }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'role', 'status', 'department_id'])
    .where('id', 'in', ids)
    .execute();
}

/** People by id, as file views show them. */
export function listPeople(db: Executor, ids: readonly string[]): Promise<PersonColumns[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'name', 'photo_key', 'position', 'role'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** The facts of a post a file is attached to. */
export function findPostFacts(db: Executor, postId: string) {
  return db
    .selectFrom('posts')
    .select(['id', 'space_type', 'group_id', 'profile_id', 'has_audience', 'author_id', 'hidden_at'])
    .where('id', '=', postId)
    .executeTakeFirst();
}

/**
 * Bytes of chat uploads charged to a person's storage quota (one quota covers libraries and chats): their pending uploads and those
 * attached to messages not deleted (as the library stops charging deleted files). Forwarded
 * copies are not charged to the forwarder: they point at bytes someone else uploaded.
 */
export async function sumChatUploadBytes(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('chat_attachments as a')
    .leftJoin('messages as m', 'm.id', 'a.message_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('a.size'), sql<number>`0`).as('total'))
    .where('a.uploader_id', '=', userId)
    .where((eb) =>
      eb.or([
        eb('a.message_id', 'is', null),
        eb.and([eb('m.deleted_at', 'is', null), eb('m.forwarded_from_id', 'is', null)]),
      ]),
    )
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

/** The first key of every storage-quota advisory lock: keeps them apart from any other use. */
const quotaLockSpace = 0x41_51_55_4f;

/**
 * Makes `tx` the only transaction changing `userId`'s storage usage until it ends, so that the
 * usage it sums next counts every upload committed before and none can commit beside it.
 * PostgreSQL: a transaction-scoped advisory lock keyed by the person — rather than a lock on
 * their `users` row, which every update of the row would queue behind, and which could deadlock
 * with transactions that take the ledger's head first. SQLite: nothing to do, as Kysely's one
 * connection runs a transaction at a time (another process writing between the sum and the
 * insert would make the insert fail with SQLITE_BUSY, never pass). Take it before the
 * transaction writes anything.
 */
export async function lockStorageUsage(tx: Tx, dialect: Dialect, userId: string): Promise<void> {
  if (dialect !== 'postgres') return;
  // int4 pair form: the first names the purpose, the second is the person (a collision only
  // makes two people's uploads wait for each other).
  const personKey = createHash('sha256').update(userId).digest().readInt32BE(0);
  await sql`select pg_advisory_xact_lock(${quotaLockSpace}::int4, ${personKey}::int4)`.execute(tx);
}
