import { v7 as uuidv7 } from 'uuid';
import { postLimits, type Upload } from '../../../shared/api/posts.js';
import { cleanLine } from '../../../shared/text.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Ctx, record, transact } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { readBlob, storeBlob } from '../../platform/storage/blobs.js';
import { presentUpload } from './posts.presenter.js';
import { sniffImage } from './uploads.images.js';
import { findViewableUpload, insertUploadRow } from './uploads.queries.js';

/**
 * Images attached to posts (R26, R27). The type comes from the bytes (JPEG, PNG, GIF, WebP),
 * the bytes go to the content-addressed blob store, and the original file name is kept only as
 * metadata (normalised, at most 255 characters). An image is served to its owner and to whoever
 * may read a post it is attached to.
 */

const maxNameLength = 255;
const extensions: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

function displayName(raw: string | undefined, mime: string): string {
  const name = Array.from(cleanLine(raw ?? '').replace(/[/\\]/g, '_'))
    .slice(0, maxNameLength)
    .join('');
  return name === '' ? `image.${extensions[mime] ?? 'bin'}` : name;
}

/** `POST /uploads`: stores an image of at most `postLimits.uploadBytes` for the signed-in person. */
export async function createUpload(ctx: Ctx, bytes: Buffer, fileName: string | undefined): Promise<Upload> {
  const actor = requireActor(ctx);
  if (bytes.length > postLimits.uploadBytes) {
    throw new AppError('UPLOAD_TOO_LARGE', { maxMb: postLimits.uploadBytes / 1024 / 1024 });
  }
  const image = bytes.length > 0 ? sniffImage(bytes) : undefined;
  if (!image) throw new AppError('UPLOAD_NOT_IMAGE');
  const key = await storeBlob(ctx.config.dataDir, bytes);
  const row = {
    id: uuidv7(),
    owner_id: actor.id,
    blob_key: key,
    mime: image.mime,
    size: bytes.length,
    name: displayName(fileName, image.mime),
    width: image.width,
    height: image.height,
    created_at: new Date().toISOString(),
  };
  await transact(ctx, async (tx) => {
    await insertUploadRow(tx, row);
    // The blob's key is its SHA-256: the archive can always tell which bytes were uploaded.
    await record(ctx, tx, {
      action: 'upload.created',
      subjectType: 'upload',
      subjectId: row.id,
      payload: { name: row.name, mime: row.mime, size: row.size, blobKey: key },
    });
  });
  return presentUpload(row);
}

/** `GET /uploads/{id}`: the bytes and stored type, or 404 for anyone who may not see it. */
export async function readUpload(ctx: Ctx, id: string): Promise<{ bytes: Buffer; mime: string }> {
  const actor = requireActor(ctx);
  const upload = await findViewableUpload(ctx.db, actor, id);
  const bytes = upload ? await readBlob(ctx.config.dataDir, upload.blob_key) : undefined;
  if (!upload || !bytes) throw new AppError('UPLOAD_NOT_FOUND');
  return { bytes, mime: upload.mime };
}
