import type { FastifyRequest } from 'fastify';
import sharp from 'sharp';
import { v7 as uuidv7 } from 'uuid';
import { chatLimits, type Sticker, type StickerPack } from '../../../shared/api/chats.js';
import { cleanLine } from '../../../shared/text.js';
import { requireActor, requireRole } from '../../platform/auth/guards.js';
import { type Ctx, record, transact } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { rasterFormatOf, thumbnailLimits } from '../../platform/files/thumbnails.js';
import { AppError } from '../../platform/http/errors.js';
import { receiveFile } from '../../platform/http/multipart.js';
import { type BlobStore, createDiskBlobStore } from '../../platform/storage/blob-store.js';
import { presentPack, presentSticker } from './stickers.presenter.js';
import {
  countAndNextStickerPosition,
  deletePack,
  deleteSticker,
  insertPack,
  insertSticker,
  nextPackPosition,
  packIsUsed,
  type StickerPackRow,
  type StickerRow,
  selectPack,
  selectPacks,
  selectSticker,
  selectStickersByIds,
  selectStickersOfPacks,
  selectUsableSticker,
  setPackPosition,
  setStickerPosition,
  stickerIsUsed,
  updatePack,
} from './stickers.queries.js';

/**
 * Corporate sticker packs (C5): platform admins upload and arrange them; every signed-in person
 * (guests too) picks from the packs that are not archived. A pack whose stickers were ever sent
 * is archived instead of deleted, so old messages keep showing them.
 */

export const stickerLimits = {
  maxBytes: 512 * 1024,
  maxPixels: 2_000_000,
} as const;

const stickerMimes = { png: 'image/png', webp: 'image/webp', gif: 'image/gif' } as const;

function store(ctx: Pick<Ctx, 'config'>): BlobStore {
  return createDiskBlobStore(ctx.config.dataDir);
}

function tooLarge(): AppError {
  return new AppError(
    'STICKER_TOO_LARGE',
    { maxKb: stickerLimits.maxBytes / 1024, maxMp: stickerLimits.maxPixels / 1_000_000 },
    [],
    { connection: 'close' },
  );
}

// ---------------------------------------------------------------- what messages need

/** A sticker that may be sent now (its pack is not archived), or undefined. */
export async function findUsableSticker(db: Executor, stickerId: string): Promise<Sticker | undefined> {
  const row = await selectUsableSticker(db, stickerId);
  return row ? presentSticker(row) : undefined;
}

/**
 * Stickers by id for showing messages — archived packs included, so old messages keep their
 * sticker. Ids of deleted stickers are absent from the map.
 */
export async function loadStickers(db: Executor, ids: readonly string[]): Promise<Map<string, Sticker>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, Sticker>();
  for (let i = 0; i < unique.length; i += 500) {
    for (const row of await selectStickersByIds(db, unique.slice(i, i + 500)))
      out.set(row.id, presentSticker(row));
  }
  return out;
}

// ---------------------------------------------------------------- reading packs

async function presentPacks(db: Executor, packs: StickerPackRow[]): Promise<StickerPack[]> {
  const stickers = await selectStickersOfPacks(
    db,
    packs.map((p) => p.id),
  );
  const byPack = new Map<string, StickerRow[]>();
  for (const s of stickers) byPack.set(s.pack_id, [...(byPack.get(s.pack_id) ?? []), s]);
  return packs.map((p) => presentPack(p, byPack.get(p.id) ?? []));
}

/** `GET /stickers`: the packs anyone may send from (not archived, with at least one sticker). */
export async function listUsablePacks(ctx: Ctx): Promise<StickerPack[]> {
  requireActor(ctx);
  const packs = await presentPacks(ctx.db, await selectPacks(ctx.db, false));
  return packs.filter((p) => p.stickers.length > 0);
}

/** `GET /sticker-packs` (admins): every pack, archived ones too. */
export async function listAllPacks(ctx: Ctx): Promise<StickerPack[]> {
  requireRole(ctx, 'admin');
  return presentPacks(ctx.db, await selectPacks(ctx.db, true));
}

async function loadPack(db: Executor, id: string): Promise<StickerPackRow> {
  const pack = await selectPack(db, id);
  if (!pack) throw new AppError('STICKER_PACK_NOT_FOUND');
  return pack;
}

async function packView(db: Executor, id: string): Promise<StickerPack> {
  const [pack] = await presentPacks(db, [await loadPack(db, id)]);
  return pack!;
}

/** The name as kept: one clean line; invisible characters alone are no name. */
function packName(raw: string): string {
  const name = cleanLine(raw).trim();
  if (!name) throw new AppError('VALIDATION_FAILED');
  return name;
}

// ---------------------------------------------------------------- managing packs (admins)

export async function createPack(ctx: Ctx, body: { name: string }): Promise<StickerPack> {
  const actor = requireRole(ctx, 'admin');
  const name = packName(body.name);
  const id = uuidv7();
  await transact(ctx, async (tx) => {
    const now = new Date().toISOString();
    await insertPack(tx, {
      id,
      name,
      position: await nextPackPosition(tx),
      created_by: actor.id,
      created_at: now,
      updated_at: now,
      archived_at: null,
    });
    await record(ctx, tx, {
      action: 'sticker_pack.created',
      subjectType: 'sticker_pack',
      subjectId: id,
      payload: { name },
    });
  });
  return packView(ctx.db, id);
}

export async function updatePackSettings(
  ctx: Ctx,
  id: string,
  body: { name?: string | undefined; archived?: boolean | undefined },
): Promise<StickerPack> {
  requireRole(ctx, 'admin');
  const name = body.name === undefined ? undefined : packName(body.name);
  await transact(ctx, async (tx) => {
    const pack = await loadPack(tx, id);
    const now = new Date().toISOString();
    const archivedAt =
      body.archived === undefined ? pack.archived_at : body.archived ? (pack.archived_at ?? now) : null;
    await updatePack(tx, id, { name: name ?? pack.name, archived_at: archivedAt, updated_at: now });
    await record(ctx, tx, {
      action: 'sticker_pack.updated',
      subjectType: 'sticker_pack',
      subjectId: id,
      payload: {
        before: { name: pack.name, archived: pack.archived_at !== null },
        after: { name: name ?? pack.name, archived: archivedAt !== null },
      },
    });
  });
  return packView(ctx.db, id);
}

/**
 * `DELETE /sticker-packs/{id}`: a pack whose stickers were sent is archived (messages keep
 * showing them); an unused one is deleted with its stickers. Says which happened.
 */
export async function removePack(ctx: Ctx, id: string): Promise<{ archived: boolean }> {
  requireRole(ctx, 'admin');
  return transact(ctx, async (tx) => {
    const pack = await loadPack(tx, id);
    const used = await packIsUsed(tx, id);
    if (used) {
      const now = new Date().toISOString();
      await updatePack(tx, id, { archived_at: pack.archived_at ?? now, updated_at: now });
    } else {
      await deletePack(tx, id);
    }
    await record(ctx, tx, {
      action: used ? 'sticker_pack.archived' : 'sticker_pack.deleted',
      subjectType: 'sticker_pack',
      subjectId: id,
      payload: { name: pack.name },
    });
    return { archived: used };
  });
}

/** Checks that `ids` is exactly `current` in some order (every item named once). */
function checkOrder(ids: readonly string[], current: readonly string[]): void {
  const known = new Set(current);
  if (
    ids.length !== current.length ||
    new Set(ids).size !== ids.length ||
    !ids.every((id) => known.has(id))
  ) {
    throw new AppError('VALIDATION_FAILED');
  }
}

/** `PUT /sticker-packs/order`: every pack's id, in the new order. */
export async function reorderPacks(ctx: Ctx, ids: readonly string[]): Promise<StickerPack[]> {
  requireRole(ctx, 'admin');
  await transact(ctx, async (tx) => {
    const packs = await selectPacks(tx, true);
    checkOrder(
      ids,
      packs.map((p) => p.id),
    );
    for (const [position, id] of ids.entries()) await setPackPosition(tx, id, position);
    await record(ctx, tx, {
      action: 'sticker_pack.reordered',
      subjectType: 'sticker_pack',
      subjectId: null,
      payload: { ids },
    });
  });
  return presentPacks(ctx.db, await selectPacks(ctx.db, true));
}

/** `PUT /sticker-packs/{id}/order`: every sticker of the pack, in the new order. */
export async function reorderStickers(
  ctx: Ctx,
  packId: string,
  ids: readonly string[],
): Promise<StickerPack> {
  requireRole(ctx, 'admin');
  await transact(ctx, async (tx) => {
    await loadPack(tx, packId);
    const stickers = await selectStickersOfPacks(tx, [packId]);
    checkOrder(
      ids,
      stickers.map((s) => s.id),
    );
    for (const [position, id] of ids.entries()) await setStickerPosition(tx, id, position);
    await record(ctx, tx, {
      action: 'sticker_pack.stickers_reordered',
      subjectType: 'sticker_pack',
      subjectId: packId,
      payload: { ids },
    });
  });
  return packView(ctx.db, packId);
}

// ---------------------------------------------------------------- stickers (admins)

/** The size of a sticker image from its header only (nothing decoded). */
async function dimensionsOf(blobs: BlobStore, key: string): Promise<{ width: number; height: number }> {
  const local = await blobs.localPath?.(key);
  if (!local) throw new AppError('FILE_CONTENT_UNAVAILABLE');
  try {
    const meta = await sharp(local, { limitInputPixels: false, failOn: 'error' }).metadata();
    const width = meta.width ?? 0;
    const height = meta.pageHeight ?? meta.height ?? 0;
    if (width > 0 && height > 0) return { width, height };
  } catch {
    // Unreadable header: refused below like any other non-image.
  }
  throw new AppError('STICKER_TYPE_NOT_ALLOWED');
}

/**
 * `POST /sticker-packs/{id}/stickers` (multipart: part `file`, optional field `emoji`): a PNG,
 * WebP or GIF of at most 512 KB and 2 megapixels, its type taken from the bytes.
 */
export async function addSticker(ctx: Ctx, packId: string, request: FastifyRequest): Promise<StickerPack> {
  requireRole(ctx, 'admin');
  await loadPack(ctx.db, packId);
  const blobs = store(ctx);
  const { blob, fields } = await receiveFile(request, {
    store: blobs,
    maxBytes: stickerLimits.maxBytes,
    tooLarge,
    maxFields: 2,
  });
  const format = rasterFormatOf(blob.head);
  if (!format || format === 'jpeg') throw new AppError('STICKER_TYPE_NOT_ALLOWED');
  const { width, height } = await dimensionsOf(blobs, blob.key);
  // 2 MP is far below the thumbnailer's 50 MP: the header check alone is enough, nothing decodes.
  if (width * height > Math.min(stickerLimits.maxPixels, thumbnailLimits.maxPixels)) throw tooLarge();
  const emoji =
    fields.emoji === undefined ? null : cleanLine(fields.emoji).trim().slice(0, chatLimits.emoji) || null;

  const id = uuidv7();
  await transact(ctx, async (tx) => {
    await loadPack(tx, packId);
    const { count, next } = await countAndNextStickerPosition(tx, packId);
    if (count >= chatLimits.stickersPerPack) {
      throw new AppError('STICKER_PACK_FULL', { max: chatLimits.stickersPerPack });
    }
    await insertSticker(tx, {
      id,
      pack_id: packId,
      blob_key: blob.key,
      mime: stickerMimes[format],
      width,
      height,
      emoji,
      position: next,
      created_at: new Date().toISOString(),
    });
    await updatePack(tx, packId, { updated_at: new Date().toISOString() });
    await record(ctx, tx, {
      action: 'sticker.added',
      subjectType: 'sticker',
      subjectId: id,
      payload: { packId, emoji, mime: stickerMimes[format], size: blob.size, blobKey: blob.key },
    });
  });
  return packView(ctx.db, packId);
}

/**
 * `DELETE /sticker-packs/{id}/stickers/{stickerId}`: only a sticker never sent (a sent one
 * stays for the messages that show it: archive its pack instead).
 */
export async function removeSticker(ctx: Ctx, packId: string, stickerId: string): Promise<StickerPack> {
  requireRole(ctx, 'admin');
  await transact(ctx, async (tx) => {
    const sticker = await selectSticker(tx, stickerId);
    if (!sticker || sticker.pack_id !== packId) throw new AppError('STICKER_NOT_FOUND');
    if (await stickerIsUsed(tx, stickerId)) throw new AppError('STICKER_IN_USE');
    await deleteSticker(tx, stickerId);
    await record(ctx, tx, {
      action: 'sticker.deleted',
      subjectType: 'sticker',
      subjectId: stickerId,
      payload: { packId, emoji: sticker.emoji },
    });
  });
  return packView(ctx.db, packId);
}

/** `GET /stickers/{id}/image`: the bytes of any sticker (archived packs too: old messages show them). */
export async function openStickerImage(
  ctx: Ctx,
  stickerId: string,
): Promise<{ stream: NodeJS.ReadableStream; mime: string; size: number }> {
  requireActor(ctx);
  const sticker = await selectSticker(ctx.db, stickerId);
  if (!sticker) throw new AppError('STICKER_NOT_FOUND');
  const blobs = store(ctx);
  const size = await blobs.size(sticker.blob_key);
  const stream = await blobs.open(sticker.blob_key);
  if (!stream || size === undefined) {
    ctx.log.error({ stickerId, blobKey: sticker.blob_key }, 'blob missing from the store');
    throw new AppError('FILE_CONTENT_UNAVAILABLE');
  }
  return { stream, mime: sticker.mime, size };
}
