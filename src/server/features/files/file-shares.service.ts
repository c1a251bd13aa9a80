import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { CreateShareBody, FileSharePage, FileShareView } from '../../../shared/api/files.js';
import type { PageQuery } from '../../../shared/api/pagination.js';
import { type Actor, type Ctx, record, transact } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { departmentExists } from '../departments/departments.service.js';
import { findGroupForViewer } from '../groups/groups.service.js';
import { authorize } from '../users/users.policy.js';
import {
  deleteShareRow,
  findGranteePerson,
  findShareFor,
  findShareRow,
  insertShareRow,
  listShareRows,
  type ShareTarget,
  updateSharePermission,
} from './file-shares.queries.js';
import { canShareFile, canShareFolder } from './files.policy.js';
import { presentShare } from './files.presenter.js';
import { loadReadableFile, loadReadableFolder } from './files.service.js';

/**
 * Shares (G3): a file or a folder (with everything under it) given to a person (a guest too), a
 * group or a department (with its sub-departments), to read or to edit. Whoever may edit the
 * object shares it, guests never. Shares are read live at every access: nothing is copied.
 */

export type ShareObject = { type: 'file'; id: string } | { type: 'folder'; id: string };

const shareCursor = z.strictObject({ i: z.string().max(100) });

/**
 * The object as the actor may share it: 404 when they may not read it, 403 when they read but
 * may not share. Also the folder its inherited shares come from.
 */
async function loadSharable(
  ctx: Ctx,
  db: Executor,
  object: ShareObject,
): Promise<{
  actor: Actor;
  target: ShareTarget;
  inheritFrom: string | null;
  name: string;
  canShare: boolean;
}> {
  if (object.type === 'file') {
    const { row, facts, actor } = await loadReadableFile(ctx, object.id, db);
    return {
      actor,
      target: { fileId: row.id },
      inheritFrom: row.folder_id,
      name: row.name,
      canShare: canShareFile(actor, facts),
    };
  }
  const { row, facts, actor } = await loadReadableFolder(ctx, object.id, db);
  return {
    actor,
    target: { folderId: row.id },
    inheritFrom: row.id,
    name: row.name,
    canShare: canShareFolder(actor, facts),
  };
}

/** `GET /files/{id}/shares`, `GET /folders/{id}/shares` (whoever may share): own and inherited. */
export async function listShares(ctx: Ctx, object: ShareObject, query: PageQuery): Promise<FileSharePage> {
  const { target, inheritFrom, canShare } = await loadSharable(ctx, ctx.db, object);
  authorize(canShare);
  const after = decodeCursor(shareCursor, query.cursor);
  const rows = await listShareRows(ctx.db, target, inheritFrom, after?.i, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => presentShare(row, object, canShare)),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ i: last.id }) : null,
  };
}

/** The grantee exists and the sharer may name it; 400 FILE_GRANTEE_NOT_FOUND otherwise. */
async function checkGrantee(ctx: Ctx, tx: Tx, body: CreateShareBody): Promise<void> {
  switch (body.granteeType) {
    case 'user': {
      const person = await findGranteePerson(tx, body.granteeId);
      if (person?.status !== 'active') throw new AppError('FILE_GRANTEE_NOT_FOUND');
      return;
    }
    case 'group':
      // Only a group the sharer may know of: a secret group stays unknown to non-members.
      try {
        await findGroupForViewer({ db: tx, actor: ctx.actor }, body.granteeId);
      } catch (error) {
        if (error instanceof AppError && error.code === 'GROUP_NOT_FOUND')
          throw new AppError('FILE_GRANTEE_NOT_FOUND');
        throw error;
      }
      return;
    case 'department':
      if (!(await departmentExists(tx, body.granteeId))) throw new AppError('FILE_GRANTEE_NOT_FOUND');
      return;
  }
}

/**
 * `POST /files/{id}/shares`, `POST /folders/{id}/shares`: adds a share, or changes the permission
 * of the existing one to the same grantee (`created: false`).
 */
export async function createShare(
  ctx: Ctx,
  object: ShareObject,
  body: CreateShareBody,
): Promise<{ share: FileShareView; created: boolean }> {
  return transact(ctx, async (tx) => {
    const { actor, target, canShare } = await loadSharable(ctx, tx, object);
    authorize(canShare);
    await checkGrantee(ctx, tx, body);
    const existing = await findShareFor(tx, target, body.granteeType, body.granteeId);
    let id: string;
    if (existing) {
      id = existing.id;
      if (existing.permission !== body.permission) await updateSharePermission(tx, id, body.permission);
    } else {
      id = uuidv7();
      await insertShareRow(tx, {
        id,
        file_id: 'fileId' in target ? target.fileId : null,
        folder_id: 'folderId' in target ? target.folderId : null,
        grantee_type: body.granteeType,
        grantee_id: body.granteeId,
        permission: body.permission,
        created_by: actor.id,
        created_at: new Date().toISOString(),
      });
    }
    if (!existing || existing.permission !== body.permission) {
      await record(ctx, tx, {
        action: `${object.type}.shared`,
        subjectType: object.type,
        subjectId: object.id,
        payload: {
          shareId: id,
          granteeType: body.granteeType,
          granteeId: body.granteeId,
          permission: body.permission,
          previous: existing?.permission ?? null,
        },
      });
    }
    const row = await findShareRow(tx, target, id);
    if (!row) throw new AppError('FILE_SHARE_NOT_FOUND');
    return { share: presentShare(row, object, true), created: !existing };
  });
}

/** `DELETE /files/{id}/shares/{shareId}`, `DELETE /folders/{id}/shares/{shareId}` (whoever may share). */
export async function deleteShare(ctx: Ctx, object: ShareObject, shareId: string): Promise<void> {
  await transact(ctx, async (tx) => {
    const { target, canShare } = await loadSharable(ctx, tx, object);
    authorize(canShare);
    const row = await findShareRow(tx, target, shareId);
    if (!row) throw new AppError('FILE_SHARE_NOT_FOUND');
    await deleteShareRow(tx, shareId);
    await record(ctx, tx, {
      action: `${object.type}.unshared`,
      subjectType: object.type,
      subjectId: object.id,
      payload: {
        shareId,
        granteeType: row.grantee_type,
        granteeId: row.grantee_id,
        permission: row.permission,
      },
    });
  });
}
