import { fileTypeFromBuffer } from 'file-type';
import { v7 as uuidv7 } from 'uuid';
import { type FileView, fileKindOf, type LibrarySpaceRef } from '../../../shared/api/files.js';
import { searchKey } from '../../../shared/text.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Ctx, record, transact, transactRetrying } from '../../platform/context.js';
import { afterCommit } from '../../platform/events/after-commit.js';
import { normaliseFileName } from '../../platform/files/file-names.js';
import { decodeText, markupOf, sniffFileType } from '../../platform/files/file-types.js';
import { AppError } from '../../platform/http/errors.js';
import type { StoredBlob } from '../../platform/storage/blob-store.js';
import { authorize } from '../users/users.policy.js';
import { checkUploadFits } from './file-settings.service.js';
import { queueFileProcessing } from './files.jobs.js';
import { canEditFile } from './files.policy.js';
import { presentFile } from './files.presenter.js';
import { insertFileRow, insertFileVersionRow, updateFileRow } from './files.queries.js';
import { type AddTarget, authorizeAddTarget, companyNameOf, loadReadableFile } from './files.service.js';

/**
 * Uploads (R26): the bytes are streamed into the blob store by the route (never buffered whole),
 * then committed here: the type is decided from the bytes against the allow-list, the original
 * name is kept only as normalised metadata, the quota is checked under the uploader's lock and
 * the row and the ledger entry are written in that one transaction, and thumbnails and text
 * extraction run after the commit. A refused upload leaves at most an unreferenced blob, never a
 * row: blobs are content-addressed and may be shared with any other row, so one is never removed
 * on a refusal.
 */

/** The type of stored bytes, or 415 FILE_TYPE_NOT_ALLOWED naming what they look like. */
async function allowedTypeOf(blob: StoredBlob, declaredName: string): Promise<{ mime: string }> {
  if (blob.size === 0) throw new AppError('FILE_EMPTY');
  const sniffed = await sniffFileType(blob.head, declaredName, blob.size);
  if (!sniffed || !fileKindOf(sniffed.mime)) {
    throw new AppError('FILE_TYPE_NOT_ALLOWED', { type: await describeRefused(blob) });
  }
  return { mime: sniffed.mime };
}

/** What refused bytes look like, for the error message only (the decision is `sniffFileType`'s). */
async function describeRefused(blob: StoredBlob): Promise<string> {
  const detected = await fileTypeFromBuffer(blob.head).catch(() => undefined);
  if (detected) return detected.mime;
  const text = decodeText(blob.head, blob.size > blob.head.length);
  if (text === undefined) return 'application/octet-stream';
  const markup = markupOf(text);
  return markup === 'html-document' || markup === 'html-fragment' ? 'text/html' : 'text/plain';
}

/** Checks, before any byte of the body is read when the fields come first, where a new file goes. */
export function authorizeUploadTarget(
  ctx: Ctx,
  fields: { space?: LibrarySpaceRef; folderId?: string },
): Promise<AddTarget> {
  return authorizeAddTarget(ctx, ctx.db, fields);
}

/** Checks that the actor may add a version to the file, before any byte of the body is read. */
export async function authorizeNewVersion(ctx: Ctx, fileId: string): Promise<void> {
  const { facts, actor } = await loadReadableFile(ctx, fileId);
  authorize(canEditFile(actor, facts));
}

/** `POST /files`: the uploaded bytes become version 1 of a new file at `fields`' place. */
export async function commitNewFile(
  ctx: Ctx,
  fields: { space?: LibrarySpaceRef; folderId?: string },
  blob: StoredBlob,
  declaredName: string | undefined,
): Promise<FileView> {
  const actor = requireActor(ctx);
  const name = normaliseFileName(declaredName ?? '');
  const { mime } = await allowedTypeOf(blob, name);
  const id = uuidv7();
  await transact(ctx, async (tx) => {
    const target = await authorizeAddTarget(ctx, tx, fields);
    await checkUploadFits(ctx, tx, actor.id, blob.size);
    const now = new Date().toISOString();
    await insertFileRow(tx, {
      id,
      ...target.columns,
      folder_id: target.folderId,
      post_id: null,
      name,
      name_key: searchKey(name),
      mime,
      size: blob.size,
      version: 1,
      created_by: actor.id,
      created_at: now,
      updated_at: now,
      deleted_at: null,
      deleted_by: null,
    });
    await insertFileVersionRow(tx, {
      file_id: id,
      version: 1,
      blob_key: blob.key,
      size: blob.size,
      mime,
      name,
      uploaded_by: actor.id,
      created_at: now,
      text: null,
      thumb_key: null,
      width: null,
      height: null,
    });
    // The blob's key is its SHA-256: the archive can always tell which bytes were uploaded.
    await record(ctx, tx, {
      action: 'file.uploaded',
      subjectType: 'file',
      subjectId: id,
      payload: {
        ...target.columns,
        folderId: target.folderId,
        name,
        mime,
        size: blob.size,
        blobKey: blob.key,
      },
    });
    afterCommit(tx, () => queueFileProcessing(ctx, { fileId: id, version: 1 }));
  });
  const { row } = await loadReadableFile(ctx, id);
  return presentFile(row, actor, await companyNameOf(ctx.db));
}

/** `POST /files/{id}/versions`: the uploaded bytes become the file's newest, current version. */
export async function commitNewVersion(
  ctx: Ctx,
  fileId: string,
  blob: StoredBlob,
  declaredName: string | undefined,
): Promise<FileView> {
  const actor = requireActor(ctx);
  const name = normaliseFileName(declaredName ?? '');
  const { mime } = await allowedTypeOf(blob, name);
  // Two versions racing for the same number: the loser reads again and takes the next.
  await transactRetrying(ctx, async (tx) => {
    const { row, facts } = await loadReadableFile(ctx, fileId, tx);
    authorize(canEditFile(actor, facts));
    await checkUploadFits(ctx, tx, actor.id, blob.size);
    const version = Number(row.version) + 1;
    const now = new Date().toISOString();
    await insertFileVersionRow(tx, {
      file_id: fileId,
      version,
      blob_key: blob.key,
      size: blob.size,
      mime,
      name,
      uploaded_by: actor.id,
      created_at: now,
      text: null,
      thumb_key: null,
      width: null,
      height: null,
    });
    // The file keeps its name (renaming is explicit); its type and size follow the new bytes.
    await updateFileRow(tx, fileId, { version, mime, size: blob.size, updated_at: now });
    await record(ctx, tx, {
      action: 'file.version_added',
      subjectType: 'file',
      subjectId: fileId,
      payload: { version, name, mime, size: blob.size, blobKey: blob.key },
    });
    afterCommit(tx, () => queueFileProcessing(ctx, { fileId, version }));
  });
  const { row } = await loadReadableFile(ctx, fileId);
  return presentFile(row, actor, await companyNameOf(ctx.db));
}
