import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { StickerPacksTable, StickersTable } from '../../platform/db/schema.js';

export type StickerRow = Selectable<StickersTable>;
export type StickerPackRow = Selectable<StickerPacksTable>;

/** A sticker whose pack is not archived. */
export async function selectUsableSticker(db: Executor, id: string): Promise<StickerRow | undefined> {
  return db
    .selectFrom('stickers as s')
    .innerJoin('sticker_packs as p', 'p.id', 's.pack_id')
    .selectAll('s')
    .where('s.id', '=', id)
    .where('p.archived_at', 'is', null)
    .executeTakeFirst();
}

export async function selectStickersByIds(db: Executor, ids: readonly string[]): Promise<StickerRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('stickers').selectAll().where('id', 'in', ids).execute();
}

export async function selectSticker(db: Executor, id: string): Promise<StickerRow | undefined> {
  return db.selectFrom('stickers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Packs in their order; archived ones only when asked. */
export async function selectPacks(db: Executor, withArchived: boolean): Promise<StickerPackRow[]> {
  let query = db.selectFrom('sticker_packs').selectAll();
  if (!withArchived) query = query.where('archived_at', 'is', null);
  return query.orderBy('position').orderBy('id').execute();
}

export async function selectPack(db: Executor, id: string): Promise<StickerPackRow | undefined> {
  return db.selectFrom('sticker_packs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The stickers of these packs, in their order within each pack. */
export async function selectStickersOfPacks(db: Executor, packIds: readonly string[]): Promise<StickerRow[]> {
  if (packIds.length === 0) return [];
  return db
    .selectFrom('stickers')
    .selectAll()
    .where('pack_id', 'in', packIds)
    .orderBy('pack_id')
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function nextPackPosition(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('sticker_packs')
    .select((eb) => eb.fn.max('position').as('max'))
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

export async function countAndNextStickerPosition(
  db: Executor,
  packId: string,
): Promise<{ count: number; next: number }> {
  const row = await db
    .selectFrom('stickers')
    .select((eb) => [eb.fn.countAll().as('count'), eb.fn.max('position').as('max')])
    .where('pack_id', '=', packId)
    .executeTakeFirst();
  const max = row?.max;
  return { count: Number(row?.count ?? 0), next: max === null || max === undefined ? 0 : Number(max) + 1 };
}

export async function insertPack(db: Executor, row: Insertable<StickerPacksTable>): Promise<void> {
  await db.insertInto('sticker_packs').values(row).execute();
}

export async function updatePack(
  db: Executor,
  id: string,
  set: Updateable<StickerPacksTable>,
): Promise<void> {
  await db.updateTable('sticker_packs').set(set).where('id', '=', id).execute();
}

export async function deletePack(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sticker_packs').where('id', '=', id).execute();
}

export async function insertSticker(db: Executor, row: Insertable<StickersTable>): Promise<void> {
  await db.insertInto('stickers').values(row).execute();
}

export async function deleteSticker(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('stickers').where('id', '=', id).execute();
}

export async function setStickerPosition(db: Executor, id: string, position: number): Promise<void> {
  await db.updateTable('stickers').set({ position }).where('id', '=', id).execute();
}

export async function setPackPosition(db: Executor, id: string, position: number): Promise<void> {
  await db.updateTable('sticker_packs').set({ position }).where('id', '=', id).execute();
}

/** Whether any message uses one of the pack's stickers (then the pack is archived, not deleted). */
export async function packIsUsed(db: Executor, packId: string): Promise<boolean> {
  const row = await db
    .selectFrom('messages as m')
    .innerJoin('stickers as s', 's.id', 'm.sticker_id')
    .select('m.id')
    .where('s.pack_id', '=', packId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function stickerIsUsed(db: Executor, stickerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('messages')
    .select('id')
    .where('sticker_id', '=', stickerId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
