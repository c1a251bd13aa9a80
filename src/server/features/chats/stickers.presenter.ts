import type { Sticker, StickerPack } from '../../../shared/api/chats.js';
import type { StickerPackRow, StickerRow } from './stickers.queries.js';

export function stickerImageUrl(id: string): string {
  return `/api/v1/stickers/${id}/image`;
}

export function presentSticker(row: StickerRow): Sticker {
  return {
    id: row.id,
    packId: row.pack_id,
    emoji: row.emoji,
    url: stickerImageUrl(row.id),
    width: row.width === null ? null : Number(row.width),
    height: row.height === null ? null : Number(row.height),
  };
}

export function presentPack(row: StickerPackRow, stickers: readonly StickerRow[]): StickerPack {
  return {
    id: row.id,
    name: row.name,
    position: Number(row.position),
    archived: row.archived_at !== null,
    stickers: stickers.map(presentSticker),
  };
}
