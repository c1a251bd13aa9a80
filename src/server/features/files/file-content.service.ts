import type { Readable } from 'node:stream';
import { type FileText, fileLimits } from '../../../shared/api/files.js';
import { type Actor, type Ctx, record, transact } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { kindOf } from './files.presenter.js';
import { type FileRow, type FileVersionRecord, findFileVersion } from './files.queries.js';
import { loadReadableFile } from './files.service.js';
import { fileStore } from './files.storage.js';

/**
 * Serving a file's bytes (R20, R27): access is checked on every request, a byte range is served
 * for previews and media (206), and downloads by guests and through links go to the ledger.
 * The safe headers are set by the route (content-headers.ts).
 */

/** A byte range, both ends inclusive. */
export interface ByteRange {
  start: number;
  end: number;
}

/** What the route streams. */
export interface ContentToSend {
  stream: Readable;
  /** Bytes of the whole version. */
  size: number;
  mime: string;
  name: string;
  /** Present when a range was asked for and is served (206). */
  range?: ByteRange;
}

/**
 * The range a `Range` header asks for within `size` bytes: undefined to serve everything (no
 * header, another unit, or several ranges), or 416 FILE_RANGE_NOT_SATISFIABLE.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, from, to] = match;
  if (from === '' && to === '') return undefined;
  let start: number;
  let end: number;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) throw rangeError(size);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(from);
    end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  }
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start >= size || end < start) {
    throw rangeError(size);
  }
  return { start, end };
}

function rangeError(size: number): AppError {
  return new AppError('FILE_RANGE_NOT_SATISFIABLE', {}, [], { 'content-range': `bytes */${size}` });
}

/** Opens a version's bytes (or a range of them) from the store. */
async function openVersion(
  ctx: Ctx,
  v: FileVersionRecord,
  rangeHeader: string | undefined,
): Promise<ContentToSend> {
  const size = Number(v.size);
  const range = parseRange(rangeHeader, size);
  const stream = await fileStore(ctx).open(v.blob_key, range);
  if (!stream) {
    ctx.log.error(
      { fileId: v.file_id, version: v.version, blobKey: v.blob_key },
      'blob missing from the store',
    );
    throw new AppError('FILE_CONTENT_UNAVAILABLE');
  }
  return { stream, size, mime: v.mime, name: v.name, ...(range ? { range } : {}) };
}

/** Guests' downloads and downloads through links are kept in the ledger (a range past 0 is the same download). */
async function recordDownload(
  ctx: Ctx,
  actor: Actor,
  v: FileVersionRecord,
  range: ByteRange | undefined,
  linkId?: string,
): Promise<void> {
  if (actor.role !== 'guest' && linkId === undefined) return;
  if (range && range.start > 0) return;
  await transact(ctx, (tx) =>
    record(ctx, tx, {
      action: 'file.downloaded',
      subjectType: 'file',
      subjectId: v.file_id,
      payload: { version: Number(v.version), ...(linkId ? { via: 'link', linkId } : { via: 'guest' }) },
    }),
  );
}

/** `GET /files/{id}/content[?version=N]`. */
export async function openFileContent(
  ctx: Ctx,
  id: string,
  version: number | undefined,
  rangeHeader: string | undefined,
): Promise<ContentToSend> {
  const { row, actor } = await loadReadableFile(ctx, id);
  const v = await findFileVersion(ctx.db, id, version ?? Number(row.version));
  if (!v) throw new AppError('FILE_VERSION_NOT_FOUND');
  const content = await openVersion(ctx, v, rangeHeader);
  try {
    await recordDownload(ctx, actor, v, content.range);
  } catch (error) {
    content.stream.destroy();
    throw error;
  }
  return content;
}

/** Serves the current version of a file reached through a link (the link service checked it). */
export async function openLinkedContent(
  ctx: Ctx,
  actor: Actor,
  row: FileRow,
  linkId: string,
  rangeHeader: string | undefined,
): Promise<ContentToSend> {
  const v = await findFileVersion(ctx.db, row.id, Number(row.version));
  if (!v) throw new AppError('FILE_NOT_FOUND');
  const content = await openVersion(ctx, v, rangeHeader);
  try {
    await recordDownload(ctx, actor, v, content.range, linkId);
  } catch (error) {
    content.stream.destroy();
    throw error;
  }
  return content;
}

/** `GET /files/{id}/thumbnail[?version=N]`: the WebP preview of an image, or 404 when there is none. */
export async function openFileThumbnail(
  ctx: Ctx,
  id: string,
  version: number | undefined,
): Promise<Readable> {
  const { row } = await loadReadableFile(ctx, id);
  const v = await findFileVersion(ctx.db, id, version ?? Number(row.version));
  if (!v) throw new AppError('FILE_VERSION_NOT_FOUND');
  if (!v.thumb_key) throw new AppError('FILE_PREVIEW_NOT_AVAILABLE');
  const stream = await fileStore(ctx).open(v.thumb_key);
  if (!stream) throw new AppError('FILE_PREVIEW_NOT_AVAILABLE');
  return stream;
}

/** `GET /files/{id}/text[?version=N]`: a text or Markdown file's text, capped at `textPreviewChars`. */
export async function readFileText(ctx: Ctx, id: string, version: number | undefined): Promise<FileText> {
  const { row } = await loadReadableFile(ctx, id);
  const v = await findFileVersion(ctx.db, id, version ?? Number(row.version));
  if (!v) throw new AppError('FILE_VERSION_NOT_FOUND');
  const kind = kindOf(v.mime);
  if (kind !== 'text' && kind !== 'markdown') throw new AppError('FILE_PREVIEW_NOT_AVAILABLE');
  const size = Number(v.size);
  // A character is at most 4 bytes of UTF-8: this many bytes always hold the capped text.
  const maxBytes = fileLimits.textPreviewChars * 4;
  const stream = await fileStore(ctx).open(
    v.blob_key,
    size > 0 ? { start: 0, end: Math.min(size, maxBytes) - 1 } : undefined,
  );
  if (!stream) throw new AppError('FILE_CONTENT_UNAVAILABLE');
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  let text = new TextDecoder('utf-8').decode(Buffer.concat(chunks)).replace(/^\uFEFF/, '');
  const chars = Array.from(text);
  let truncated = size > maxBytes;
  if (chars.length > fileLimits.textPreviewChars) {
    text = chars.slice(0, fileLimits.textPreviewChars).join('');
    truncated = true;
  } else if (truncated) {
    // The cut may have split the last character.
    text = text.replace(/\uFFFD$/, '');
  }
  return { version: Number(v.version), kind, text, truncated };
}
