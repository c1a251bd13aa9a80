import type { FileView, LibrarySpaceRef, UpdateFileBody } from '../../../shared/api/files.js';
import { cleanLine, searchKey } from '../../../shared/text.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Actor, type Ctx, record, transact } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import type { SpaceType } from '../../platform/db/schema.js';
import { normaliseFileName } from '../../platform/files/file-names.js';
import { AppError } from '../../platform/http/errors.js';
import { getCompanyName } from '../settings/settings.service.js';
import { authorize } from '../users/users.policy.js';
import {
  canAddToFolder,
  canAddToLibrary,
  canDeleteFile,
  canEditFile,
  canReadFile,
  canReadFolder,
  canReadLibrary,
  type FileFacts,
  type FolderFacts,
  type Library,
} from './files.policy.js';
import { fileFactsOf, folderFactsOf, presentFile } from './files.presenter.js';
import { type FileRow, findFileRow, type LibraryScope, updateFileRow } from './files.queries.js';
import { type FolderRow, findFolderRow } from './folders.queries.js';
import { findLibraryGroup, findLibraryOwner } from './libraries.queries.js';

/**
 * Files (G2): loading one as the viewer may see it, renaming, moving within its library and
 * deleting (soft: the row and the bytes stay, the ledger says who and when). Uploads and
 * versions are in file-uploads.service.ts and file-versions.service.ts.
 */

/** Where a row lives: the columns that place it in a library. */
export interface SpaceColumns {
  space_type: SpaceType;
  group_id: string | null;
  profile_id: string | null;
}

/** A library as the viewer stands in it, with where its rows live and its display name. */
export interface ResolvedLibrary {
  library: Library;
  columns: SpaceColumns;
  root: Extract<LibraryScope, { root: unknown }>['root'];
  name: string;
}

/** The company's name, as the company library is titled. */
export async function companyNameOf(db: Executor): Promise<string> {
  return (await getCompanyName(db)) ?? '';
}

/**
 * The library `ref` names, as `actor` stands in it: 404 FILE_LIBRARY_NOT_FOUND for a group or
 * person that does not exist. Whether the actor may read it is the caller's decision (a folder
 * shared with them may be browsed in a library they cannot read).
 */
export async function resolveLibrary(
  db: Executor,
  actor: Actor,
  ref: { type: SpaceType; id?: string | null },
): Promise<ResolvedLibrary> {
  switch (ref.type) {
    case 'company':
      return {
        library: { type: 'company' },
        columns: { space_type: 'company', group_id: null, profile_id: null },
        root: { type: 'company' },
        name: await companyNameOf(db),
      };
    case 'group': {
      const group = ref.id ? await findLibraryGroup(db, ref.id, actor.id) : undefined;
      if (!group) throw new AppError('FILE_LIBRARY_NOT_FOUND');
      return {
        library: {
          type: 'group',
          groupId: group.id,
          visibility: group.visibility,
          viewerRole: group.viewer_role,
        },
        columns: { space_type: 'group', group_id: group.id, profile_id: null },
        root: { type: 'group', groupId: group.id },
        name: group.name,
      };
    }
    case 'profile': {
      const owner = await findLibraryOwner(db, ref.id ?? actor.id);
      if (!owner || owner.role === 'guest') throw new AppError('FILE_LIBRARY_NOT_FOUND');
      return {
        library: { type: 'profile', ownerId: owner.id },
        columns: { space_type: 'profile', group_id: null, profile_id: owner.id },
        root: { type: 'profile', ownerId: owner.id },
        name: owner.name,
      };
    }
  }
}

/** Whether two rows live in the same library. */
export function sameLibrary(a: SpaceColumns, b: SpaceColumns): boolean {
  return a.space_type === b.space_type && a.group_id === b.group_id && a.profile_id === b.profile_id;
}

/**
 * A live file the context's actor may read, with its facts; 404 FILE_NOT_FOUND otherwise (a
 * file the viewer may not read does not exist for them). `db` is the transaction when in one.
 */
export async function loadReadableFile(
  ctx: Ctx,
  id: string,
  db: Executor = ctx.db,
): Promise<{ row: FileRow; facts: FileFacts; actor: Actor }> {
  const actor = requireActor(ctx);
  const row = await findFileRow(db, actor, id);
  if (!row) throw new AppError('FILE_NOT_FOUND');
  const facts = fileFactsOf(row);
  if (!canReadFile(actor, facts)) throw new AppError('FILE_NOT_FOUND');
  return { row, facts, actor };
}

/** A live folder the context's actor may read, with its facts; 404 FOLDER_NOT_FOUND otherwise. */
export async function loadReadableFolder(
  ctx: Ctx,
  id: string,
  db: Executor = ctx.db,
): Promise<{ row: FolderRow; facts: FolderFacts; actor: Actor }> {
  const actor = requireActor(ctx);
  const row = await findFolderRow(db, actor, id);
  if (!row) throw new AppError('FOLDER_NOT_FOUND');
  const facts = folderFactsOf(row);
  if (!canReadFolder(actor, facts)) throw new AppError('FOLDER_NOT_FOUND');
  return { row, facts, actor };
}

/** Where new files and folders go: a library's root or a folder, checked for `add`. */
export interface AddTarget {
  columns: SpaceColumns;
  folderId: string | null;
}

/**
 * Checks that the actor may add files or folders at `ref`'s root or inside `folderId` (which,
 * if `ref` is also given, must be in that library): 404 for what they may not read, 403 for what
 * they read but may not add to.
 */
export async function authorizeAddTarget(
  ctx: Ctx,
  db: Executor,
  target: { space?: LibrarySpaceRef; folderId?: string | null },
): Promise<AddTarget> {
  const actor = requireActor(ctx);
  if (target.space?.type === 'profile' && target.space.id && target.space.id !== actor.id) {
    throw new AppError('FILE_LIBRARY_NOT_FOUND');
  }
  if (target.folderId) {
    const { row, facts } = await loadReadableFolder(ctx, target.folderId, db);
    if (target.space) {
      const lib = await resolveLibrary(db, actor, target.space);
      if (!sameLibrary(lib.columns, row)) throw new AppError('FOLDER_NOT_FOUND');
    }
    authorize(canAddToFolder(actor, facts));
    return {
      columns: { space_type: row.space_type, group_id: row.group_id, profile_id: row.profile_id },
      folderId: row.id,
    };
  }
  if (!target.space) throw new AppError('FILE_TARGET_MISSING');
  const lib = await resolveLibrary(db, actor, target.space);
  if (!canReadLibrary(actor, lib.library)) throw new AppError('FILE_LIBRARY_NOT_FOUND');
  authorize(canAddToLibrary(actor, lib.library));
  return { columns: lib.columns, folderId: null };
}

/** A name as a person typed it: one line, normalised; 400 FILE_NAME_EMPTY when nothing is left. */
export function cleanName(raw: string): { name: string; nameKey: string } {
  if (cleanLine(raw) === '') throw new AppError('FILE_NAME_EMPTY');
  const name = normaliseFileName(raw);
  return { name, nameKey: searchKey(name) };
}

/** `GET /files/{id}`. */
export async function getFile(ctx: Ctx, id: string): Promise<FileView> {
  const { row, actor } = await loadReadableFile(ctx, id);
  return presentFile(row, actor, await companyNameOf(ctx.db));
}

/** The file's view after a change, read again inside `tx`. */
async function presentAgain(ctx: Ctx, tx: Tx, id: string): Promise<FileView> {
  const { row, actor } = await loadReadableFile(ctx, id, tx);
  return presentFile(row, actor, await companyNameOf(tx));
}

/**
 * `PATCH /files/{id}`: rename and/or move within its library (editors). Moving needs the right
 * to add at the destination; another library's folder is refused (400).
 */
export async function updateFile(ctx: Ctx, id: string, body: UpdateFileBody): Promise<FileView> {
  return transact(ctx, async (tx) => {
    const { row, facts, actor } = await loadReadableFile(ctx, id, tx);
    authorize(canEditFile(actor, facts));
    const now = new Date().toISOString();
    if (body.name !== undefined) {
      const { name, nameKey } = cleanName(body.name);
      if (name !== row.name) {
        await updateFileRow(tx, id, { name, name_key: nameKey, updated_at: now });
        await record(ctx, tx, {
          action: 'file.renamed',
          subjectType: 'file',
          subjectId: id,
          payload: { before: row.name, after: name },
        });
      }
    }
    if (body.folderId !== undefined && body.folderId !== row.folder_id) {
      await checkMoveDestination(tx, actor, row, facts.library, body.folderId);
      await updateFileRow(tx, id, { folder_id: body.folderId, updated_at: now });
      await record(ctx, tx, {
        action: 'file.moved',
        subjectType: 'file',
        subjectId: id,
        payload: { from: row.folder_id, to: body.folderId },
      });
    }
    return presentAgain(ctx, tx, id);
  });
}

/** A destination inside the same library that the actor may add to (null = the root). */
export async function checkMoveDestination(
  tx: Tx,
  actor: Actor,
  source: SpaceColumns,
  library: Library,
  folderId: string | null,
): Promise<void> {
  if (folderId === null) {
    authorize(canAddToLibrary(actor, library));
    return;
  }
  const destination = await findFolderRow(tx, actor, folderId);
  if (!destination || !canReadFolder(actor, folderFactsOf(destination)))
    throw new AppError('FOLDER_NOT_FOUND');
  if (!sameLibrary(source, destination)) throw new AppError('FILE_MOVE_OTHER_LIBRARY');
  authorize(canAddToFolder(actor, folderFactsOf(destination)));
}

/** `DELETE /files/{id}` (the uploader, the library's managers): soft, recorded in the ledger. */
export async function deleteFile(ctx: Ctx, id: string): Promise<void> {
  await transact(ctx, async (tx) => {
    const { row, facts, actor } = await loadReadableFile(ctx, id, tx);
    authorize(canDeleteFile(actor, facts));
    const now = new Date().toISOString();
    await updateFileRow(tx, id, { deleted_at: now, deleted_by: actor.id });
    await record(ctx, tx, {
      action: 'file.deleted',
      subjectType: 'file',
      subjectId: id,
      payload: {
        name: row.name,
        version: Number(row.version),
        size: Number(row.size),
        folderId: row.folder_id,
      },
    });
  });
}
