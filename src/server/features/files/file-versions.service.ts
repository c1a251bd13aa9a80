import { z } from 'zod';
import type { FileVersionPage, FileView } from '../../../shared/api/files.js';
import type { PageQuery } from '../../../shared/api/pagination.js';
import { type Ctx, record, transactRetrying } from '../../platform/context.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { authorize } from '../users/users.policy.js';
import { checkUploadFits } from './file-settings.service.js';
import { canEditFile } from './files.policy.js';
import { presentFile, presentVersion } from './files.presenter.js';
import {
  findFileVersion,
  insertFileVersionRow,
  listFileVersionRows,
  updateFileRow,
} from './files.queries.js';
import { companyNameOf, loadReadableFile } from './files.service.js';

/**
 * Versions (G2): every upload of new bytes is kept as a version; restoring an old one adds a
 * copy of it as the newest version (the history only grows, the ledger says who restored what).
 */

const versionCursor = z.strictObject({ v: z.number().int().min(1) });

/** `GET /files/{id}/versions`: newest first. */
export async function listFileVersions(ctx: Ctx, id: string, query: PageQuery): Promise<FileVersionPage> {
  const { row } = await loadReadableFile(ctx, id);
  const after = decodeCursor(versionCursor, query.cursor);
  const rows = await listFileVersionRows(ctx.db, id, after?.v, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const current = Number(row.version);
  const last = page[page.length - 1];
  return {
    items: page.map((v) => presentVersion(v, current)),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ v: Number(last.version) }) : null,
  };
}

/**
 * `POST /files/{id}/versions/{version}/restore` (editors): the old version's bytes become the
 * newest version, charged to the restorer's quota like an upload.
 */
export async function restoreFileVersion(ctx: Ctx, id: string, version: number): Promise<FileView> {
  // Two versions racing for the same number: the loser reads again and takes the next.
  await transactRetrying(ctx, async (tx) => {
    const { row, facts, actor } = await loadReadableFile(ctx, id, tx);
    authorize(canEditFile(actor, facts));
    const old = await findFileVersion(tx, id, version);
    if (!old) throw new AppError('FILE_VERSION_NOT_FOUND');
    if (Number(old.version) === Number(row.version)) throw new AppError('FILE_VERSION_IS_CURRENT');
    await checkUploadFits(ctx, tx, actor.id, Number(old.size));
    const next = Number(row.version) + 1;
    const now = new Date().toISOString();
    // Thumbnail and text were made for these bytes already: the copy keeps them.
    await insertFileVersionRow(tx, {
      file_id: id,
      version: next,
      blob_key: old.blob_key,
      size: old.size,
      mime: old.mime,
      name: old.name,
      uploaded_by: actor.id,
      created_at: now,
      text: old.text,
      text_status: old.text_status,
      thumb_key: old.thumb_key,
      width: old.width,
      height: old.height,
    });
    await updateFileRow(tx, id, { version: next, mime: old.mime, size: old.size, updated_at: now });
    await record(ctx, tx, {
      action: 'file.restored_version',
      subjectType: 'file',
      subjectId: id,
      payload: {
        restored: Number(old.version),
        version: next,
        blobKey: old.blob_key,
        size: Number(old.size),
      },
    });
  });
  const { row, actor } = await loadReadableFile(ctx, id);
  return presentFile(row, actor, await companyNameOf(ctx.db));
}
