import { v7 as uuidv7 } from 'uuid';
import {
  type CreateFolderBody,
  type FolderDetail,
  fileLimits,
  type UpdateFolderBody,
} from '../../../shared/api/files.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Ctx, record, transact } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { authorize } from '../users/users.policy.js';
import { canDeleteFolder, canEditFolder, canManageLibrary } from './files.policy.js';
import { presentFolder } from './files.presenter.js';
import {
  authorizeAddTarget,
  checkMoveDestination,
  cleanName,
  companyNameOf,
  loadReadableFolder,
} from './files.service.js';
import {
  countFolderDepth,
  countLiveContents,
  countSubtreeHeight,
  type FolderRow,
  insertFolderRow,
  isInSubtree,
  listFolderPath,
  moveFolderRow,
  softDeleteSubtree,
  updateFolderName,
} from './folders.queries.js';

/**
 * Folders (G2): created at a library's root or inside a folder, renamed, moved within their
 * library (with everything under them), deleted softly with everything under them. At most
 * `fileLimits.folderDepth` levels deep.
 */

async function presentDetail(ctx: Ctx, db: Executor, row: FolderRow): Promise<FolderDetail> {
  const [path, companyName] = await Promise.all([listFolderPath(db, row.id), companyNameOf(db)]);
  return { ...presentFolder(row, ctx.actor, companyName), path };
}

/** `POST /folders`: whoever may add at the destination. */
export async function createFolder(ctx: Ctx, body: CreateFolderBody): Promise<FolderDetail> {
  const actor = requireActor(ctx);
  const { name, nameKey } = cleanName(body.name);
  return transact(ctx, async (tx) => {
    const target = await authorizeAddTarget(ctx, tx, { space: body.space, folderId: body.parentId });
    if (target.folderId && (await countFolderDepth(tx, target.folderId)) >= fileLimits.folderDepth) {
      throw new AppError('FOLDER_TOO_DEEP', { max: fileLimits.folderDepth });
    }
    const now = new Date().toISOString();
    const id = uuidv7();
    await insertFolderRow(tx, {
      id,
      ...target.columns,
      parent_id: target.folderId,
      name,
      name_key: nameKey,
      created_by: actor.id,
      created_at: now,
      updated_at: now,
      deleted_at: null,
      deleted_by: null,
    });
    await record(ctx, tx, {
      action: 'folder.created',
      subjectType: 'folder',
      subjectId: id,
      payload: { ...target.columns, parentId: target.folderId, name },
    });
    const { row } = await loadReadableFolder(ctx, id, tx);
    return presentDetail(ctx, tx, row);
  });
}

/** `GET /folders/{id}`: the folder with its breadcrumbs. */
export async function getFolder(ctx: Ctx, id: string): Promise<FolderDetail> {
  const { row } = await loadReadableFolder(ctx, id);
  return presentDetail(ctx, ctx.db, row);
}

async function moveFolder(ctx: Ctx, tx: Tx, row: FolderRow, parentId: string | null, now: string) {
  const actor = requireActor(ctx);
  const { facts } = await loadReadableFolder(ctx, row.id, tx);
  if (parentId !== null && (await isInSubtree(tx, row.id, parentId))) {
    throw new AppError('FOLDER_MOVE_INTO_ITSELF');
  }
  await checkMoveDestination(tx, actor, row, facts.library, parentId);
  if (parentId !== null) {
    const depth = (await countFolderDepth(tx, parentId)) + (await countSubtreeHeight(tx, row.id));
    if (depth > fileLimits.folderDepth)
      throw new AppError('FOLDER_TOO_DEEP', { max: fileLimits.folderDepth });
  }
  await moveFolderRow(tx, row.id, parentId, now);
  await record(ctx, tx, {
    action: 'folder.moved',
    subjectType: 'folder',
    subjectId: row.id,
    payload: { from: row.parent_id, to: parentId },
  });
}

/** `PATCH /folders/{id}`: rename and/or move within its library (its editors). */
export async function updateFolder(ctx: Ctx, id: string, body: UpdateFolderBody): Promise<FolderDetail> {
  return transact(ctx, async (tx) => {
    const { row, facts, actor } = await loadReadableFolder(ctx, id, tx);
    authorize(canEditFolder(actor, facts));
    const now = new Date().toISOString();
    if (body.name !== undefined) {
      const { name, nameKey } = cleanName(body.name);
      if (name !== row.name) {
        await updateFolderName(tx, id, name, nameKey, now);
        await record(ctx, tx, {
          action: 'folder.renamed',
          subjectType: 'folder',
          subjectId: id,
          payload: { before: row.name, after: name },
        });
      }
    }
    if (body.parentId !== undefined && body.parentId !== row.parent_id) {
      await moveFolder(ctx, tx, row, body.parentId, now);
    }
    const again = await loadReadableFolder(ctx, id, tx);
    return presentDetail(ctx, tx, again.row);
  });
}

/**
 * `DELETE /folders/{id}`: the library's managers delete a folder with everything under it; its
 * creator only while it is empty (409 FOLDER_NOT_EMPTY). Soft, one ledger entry naming all.
 */
export async function deleteFolder(ctx: Ctx, id: string): Promise<void> {
  await transact(ctx, async (tx) => {
    const { row, facts, actor } = await loadReadableFolder(ctx, id, tx);
    authorize(canDeleteFolder(actor, facts));
    if (!canManageLibrary(actor, facts.library) && (await countLiveContents(tx, id)) > 0) {
      throw new AppError('FOLDER_NOT_EMPTY');
    }
    const now = new Date().toISOString();
    const deleted = await softDeleteSubtree(tx, id, actor.id, now);
    await record(ctx, tx, {
      action: 'folder.deleted',
      subjectType: 'folder',
      subjectId: id,
      payload: { name: row.name, parentId: row.parent_id, ...deleted },
    });
  });
}
