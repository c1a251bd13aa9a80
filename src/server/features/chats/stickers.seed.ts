import { Readable } from 'node:stream';
import sharp from 'sharp';
import { v7 as uuidv7 } from 'uuid';
import { type Ctx, record, transact } from '../../platform/context.js';
import { createDiskBlobStore } from '../../platform/storage/blob-store.js';
import { insertPack, insertSticker, selectPacks } from './stickers.queries.js';

/**
 * A first sticker pack, so chats have stickers before an admin uploads any: a few simple
 * drawings rendered to PNG with sharp from SVG written here (our own markup, never a user's).
 * Runs only while no pack exists at all — a deleted default pack is not brought back as long as
 * another pack exists, and an admin's packs are never touched.
 */

const size = 160;
const drawings: { emoji: string; svg: string }[] = [
  {
    emoji: '❤️',
    svg: '<path d="M80 140 22 82a34 34 0 0 1 58-44 34 34 0 0 1 58 44Z" fill="#e5484d"/>',
  },
  {
    emoji: '⭐',
    svg: '<path d="m80 14 20 44 48 5-36 32 10 47-42-24-42 24 10-47-36-32 48-5Z" fill="#f5b800"/>',
  },
  {
    emoji: '✅',
    svg: '<circle cx="80" cy="80" r="66" fill="#30a46c"/><path d="m48 82 22 22 44-46" stroke="#fff" stroke-width="16" fill="none" stroke-linecap="round" stroke-linejoin="round"/>',
  },
  {
    emoji: '🙂',
    svg: '<circle cx="80" cy="80" r="66" fill="#ffc53d"/><circle cx="58" cy="66" r="8" fill="#3b2a00"/><circle cx="102" cy="66" r="8" fill="#3b2a00"/><path d="M50 96q30 30 60 0" stroke="#3b2a00" stroke-width="9" fill="none" stroke-linecap="round"/>',
  },
  {
    emoji: '👋',
    svg: '<circle cx="80" cy="80" r="66" fill="#3e63dd"/><path d="M58 112V62m16 50V48m16 64V52m16 56V70" stroke="#fff" stroke-width="12" stroke-linecap="round"/>',
  },
  {
    emoji: '🎉',
    svg: '<path d="M30 140 62 48l50 50Z" fill="#8e4ec6"/><circle cx="110" cy="36" r="9" fill="#e5484d"/><circle cx="134" cy="70" r="7" fill="#f5b800"/><circle cx="96" cy="14" r="6" fill="#30a46c"/>',
  },
];

function render(svg: string): Promise<Buffer> {
  const doc = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">${svg}</svg>`;
  return sharp(Buffer.from(doc)).png().toBuffer();
}

/** Creates the default pack when there is no pack at all; returns whether it did. */
export async function ensureDefaultStickerPack(ctx: Ctx, name = 'Atrium'): Promise<boolean> {
  if ((await selectPacks(ctx.db, true)).length > 0) return false;
  const store = createDiskBlobStore(ctx.config.dataDir);
  const stored: { emoji: string; key: string }[] = [];
  for (const drawing of drawings) {
    const png = await render(drawing.svg);
    stored.push({
      emoji: drawing.emoji,
      key: (await store.put(Readable.from([png]), { maxBytes: 512 * 1024 })).key,
    });
  }
  return transact(ctx, async (tx) => {
    // Another node may have seeded meanwhile.
    if ((await selectPacks(tx, true)).length > 0) return false;
    const now = new Date().toISOString();
    const packId = uuidv7();
    await insertPack(tx, {
      id: packId,
      name,
      position: 0,
      created_by: null,
      created_at: now,
      updated_at: now,
      archived_at: null,
    });
    for (const [position, s] of stored.entries()) {
      await insertSticker(tx, {
        id: uuidv7(),
        pack_id: packId,
        blob_key: s.key,
        mime: 'image/png',
        width: size,
        height: size,
        emoji: s.emoji,
        position,
        created_at: now,
      });
    }
    await record(ctx, tx, {
      action: 'sticker_pack.created',
      subjectType: 'sticker_pack',
      subjectId: packId,
      actorId: null,
      payload: { name, seeded: true },
    });
    return true;
  });
}
