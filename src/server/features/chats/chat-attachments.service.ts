import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { v7 as uuidv7 } from 'uuid';
import type { MessageAttachment } from '../../../shared/api/chats.js';
import { type Ctx, transact } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { normaliseFileName } from '../../platform/files/file-names.js';
import { decodeText, markupOf, sniffFileType } from '../../platform/files/file-types.js';
import { makeThumbnail, type Thumbnail } from '../../platform/files/thumbnails.js';
import { AppError } from '../../platform/http/errors.js';
import { receiveFile } from '../../platform/http/multipart.js';
import { type BlobStore, createDiskBlobStore, type StoredBlob } from '../../platform/storage/blob-store.js';
import { type ContentToSend, parseRange } from '../files/file-content.service.js';
import { checkUploadFits, uploadAllowance, uploadRefusal } from '../files/file-settings.service.js';
import { canPost, requireMembership } from './chat-access.js';
import { presentAttachment } from './chat-attachments.presenter.js';
import {
  attachToMessage,
  type ChatAttachmentRow,
  deleteAbandoned,
  insertChatAttachment,
  selectByMessages,
  selectClaimable,
  selectViewableAttachment,
} from './chat-attachments.queries.js';

/**
 * Files sent in chats (C4): uploaded first into the chat (`POST /chats/{id}/attachments`, which
 * keeps them pending with no message), then claimed by the message that sends them. Bytes live
 * in the content-addressed blob store; a row is what ties them to a chat, so a forward copies
 * rows, never bytes.
 */

/**
 * Attaches pending uploads to a new message, in the order given. Each id must be a pending
 * upload of `uploaderId` in `chatId`; anything else (someone else's, another chat's, already
 * sent, unknown, given twice) is CHAT_ATTACHMENT_NOT_FOUND and the caller's transaction rolls back.
 */
export async function claimAttachments(
  tx: Tx,
  input: { chatId: string; uploaderId: string; messageId: string; attachmentIds: readonly string[] },
): Promise<void> {
  const ids = input.attachmentIds;
  if (ids.length === 0) return;
  if (new Set(ids).size !== ids.length) throw new AppError('CHAT_ATTACHMENT_NOT_FOUND');
  const found = await selectClaimable(tx, input.chatId, input.uploaderId, ids);
  if (found.length !== ids.length) throw new AppError('CHAT_ATTACHMENT_NOT_FOUND');
  for (const [position, id] of ids.entries()) {
    // A concurrent send claiming the same upload got there first.
    if (!(await attachToMessage(tx, id, input.messageId, position)))
      throw new AppError('CHAT_ATTACHMENT_NOT_FOUND');
  }
}

/** The attachments of each message (messages without any are absent from the map). */
export async function loadAttachments(
  db: Executor,
  messageIds: readonly string[],
): Promise<Map<string, MessageAttachment[]>> {
  const out = new Map<string, MessageAttachment[]>();
  const unique = [...new Set(messageIds)];
  // Chunks keep the `in (…)` list under SQLite's and PostgreSQL's parameter limits.
  for (let i = 0; i < unique.length; i += 500) {
    for (const row of await selectByMessages(db, unique.slice(i, i + 500))) {
      const list = out.get(row.message_id!) ?? [];
      list.push(presentAttachment(row));
      out.set(row.message_id!, list);
    }
  }
  return out;
}

/**
 * Forwarding: the attachments of `fromMessageId` become attachments of `toMessageId` in
 * `toChatId`, uploaded by the person forwarding — new rows over the same blobs.
 */
export async function copyAttachments(
  tx: Tx,
  input: { fromMessageId: string; toChatId: string; toMessageId: string; uploaderId: string },
): Promise<void> {
  const rows = await selectByMessages(tx, [input.fromMessageId]);
  const now = new Date().toISOString();
  for (const row of rows) {
    await insertChatAttachment(tx, {
      id: uuidv7(),
      chat_id: input.toChatId,
      message_id: input.toMessageId,
      uploader_id: input.uploaderId,
      blob_key: row.blob_key,
      name: row.name,
      mime: row.mime,
      size: row.size,
      width: row.width,
      height: row.height,
      thumb_key: row.thumb_key,
      position: row.position,
      created_at: now,
    });
  }
}

// ---------------------------------------------------------------- uploads and downloads

/** The chat's blob store: the same content-addressed store documents and post images use. */
function store(ctx: Pick<Ctx, 'config'>): BlobStore {
  return createDiskBlobStore(ctx.config.dataDir);
}

/** What refused bytes look like, for the error message only. */
async function describeRefused(blob: StoredBlob): Promise<string> {
  const detected = await fileTypeFromBuffer(blob.head).catch(() => undefined);
  if (detected) return detected.mime;
  const text = decodeText(blob.head, blob.size > blob.head.length);
  if (text === undefined) return 'application/octet-stream';
  return markupOf(text) === 'none' ? 'text/plain' : 'text/html';
}

/**
 * `POST /chats/{id}/attachments`: a member who may post streams one file into the store within
 * their allowance — the administrator's per-file limit and what is left of their storage quota,
 * which chat uploads share with the library (413 as the library's uploads); its type comes from
 * the bytes against the files allow-list; images get their size and a thumbnail. The upload stays pending until a message
 * claims it; the cleaning job removes it after a day otherwise.
 */
export async function uploadAttachment(
  ctx: Ctx,
  chatId: string,
  request: FastifyRequest,
): Promise<MessageAttachment> {
  const membership = await requireMembership(ctx, chatId);
  if (!canPost(membership)) throw new AppError('CHAT_READ_ONLY');
  const uploaderId = membership.actor.id;
  const allowance = await uploadAllowance(ctx.db, uploaderId);
  const blobs = store(ctx);
  const { blob, filename } = await receiveFile(request, {
    store: blobs,
    maxBytes: allowance.limitBytes,
    // The rest of the body is not read: the connection closes once the answer is out.
    tooLarge: () => uploadRefusal(allowance, { connection: 'close' }),
    maxFields: 2,
  });
  if (blob.size === 0) throw new AppError('FILE_EMPTY');
  const name = normaliseFileName(filename ?? '');
  const sniffed = await sniffFileType(blob.head, name, blob.size);
  if (!sniffed) throw new AppError('FILE_TYPE_NOT_ALLOWED', { type: await describeRefused(blob) });

  let thumb: Thumbnail | undefined;
  if (sniffed.kind === 'image') {
    try {
      thumb = await makeThumbnail(blobs, blob.key);
    } catch (error) {
      // A decompression bomb or a broken image: no preview, it is sent as a file card.
      ctx.log.warn({ err: error, chatId }, 'no thumbnail for a chat image');
    }
  }
  const row: ChatAttachmentRow = {
    id: uuidv7(),
    chat_id: chatId,
    message_id: null,
    uploader_id: uploaderId,
    blob_key: blob.key,
    name,
    mime: sniffed.mime,
    size: blob.size,
    width: thumb?.width ?? null,
    height: thumb?.height ?? null,
    thumb_key: thumb?.key ?? null,
    position: 0,
    created_at: new Date().toISOString(),
  };
  await transact(ctx, async (tx) => {
    // Checked again, under the uploader's lock, where the row is written: uploads that streamed
    // side by side may not all fit.
    await checkUploadFits(ctx, tx, uploaderId, blob.size);
    await insertChatAttachment(tx, row);
  });
  return presentAttachment(row);
}

async function viewable(ctx: Ctx, chatId: string, attachmentId: string): Promise<ChatAttachmentRow> {
  const { actor } = await requireMembership(ctx, chatId);
  const row = await selectViewableAttachment(ctx.db, chatId, attachmentId, actor.id);
  if (!row) throw new AppError('CHAT_FILE_NOT_FOUND');
  return row;
}

function missingBlob(ctx: Ctx, row: ChatAttachmentRow, key: string): AppError {
  ctx.log.error({ attachmentId: row.id, blobKey: key }, 'blob missing from the store');
  return new AppError('FILE_CONTENT_UNAVAILABLE');
}

/** `GET /chats/{id}/attachments/{attachmentId}`: the bytes (or a range), for members only. */
export async function openAttachment(
  ctx: Ctx,
  chatId: string,
  attachmentId: string,
  rangeHeader: string | undefined,
): Promise<ContentToSend> {
  const row = await viewable(ctx, chatId, attachmentId);
  const size = Number(row.size);
  const range = parseRange(rangeHeader, size);
  const stream = await store(ctx).open(row.blob_key, range);
  if (!stream) throw missingBlob(ctx, row, row.blob_key);
  return { stream, size, mime: row.mime, name: row.name, ...(range ? { range } : {}) };
}

/** `GET /chats/{id}/attachments/{attachmentId}/thumbnail`: the WebP preview of an image. */
export async function openAttachmentThumbnail(
  ctx: Ctx,
  chatId: string,
  attachmentId: string,
): Promise<Readable> {
  const row = await viewable(ctx, chatId, attachmentId);
  if (!row.thumb_key) throw new AppError('CHAT_FILE_NOT_FOUND');
  const stream = await store(ctx).open(row.thumb_key);
  if (!stream) throw missingBlob(ctx, row, row.thumb_key);
  return stream;
}

// ---------------------------------------------------------------- abandoned uploads

const dayMs = 24 * 3600_000;

/**
 * Removes uploads never sent within a day. Only rows go: blobs are content-addressed and may be
 * shared with other rows and documents.
 */
export async function removeAbandonedAttachments(db: Executor, now: Date = new Date()): Promise<number> {
  const before = new Date(now.getTime() - dayMs).toISOString();
  let removed = 0;
  for (;;) {
    const n = await deleteAbandoned(db, before, 500);
    removed += n;
    if (n < 500) return removed;
  }
}
