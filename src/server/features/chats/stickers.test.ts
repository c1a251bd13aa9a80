import sharp from 'sharp';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, systemCtx, type TestApp } from '../../../../tests/support/test-app.js';
import type { StickerPack } from '../../../shared/api/chats.js';
import { multipart } from '../files/files.fixtures.js';
import { ensureDefaultStickerPack } from './stickers.seed.js';
import { findUsableSticker, loadStickers } from './stickers.service.js';

/**
 * Sticker packs (C5): admins create, rename, archive, fill, reorder and delete them (ledgered);
 * everyone signed in lists the usable ones and fetches images; types and sizes are checked from
 * the bytes; an archived pack's stickers can no longer be sent but still show.
 */

let t: TestApp;
let admin: Person;
let anna: Person;
let guest: Person;

const image = (format: 'png' | 'webp' | 'gif' | 'jpeg', width = 32, height = 32) =>
  sharp({ create: { width, height, channels: 4, background: '#ff9900' } })
    .toFormat(format)
    .toBuffer();

function addSticker(who: Person, packId: string, content: Buffer, emoji?: string) {
  const parts = [
    ...(emoji ? [{ name: 'emoji', value: emoji }] : []),
    { name: 'file', filename: 'sticker.png', content },
  ];
  const { body, contentType } = multipart(parts);
  return call(t, who, {
    method: 'POST',
    url: `/api/v1/sticker-packs/${packId}/stickers`,
    payload: body,
    headers: { 'content-type': contentType },
  });
}

async function newPack(name = `Pack ${uuidv7().slice(-6)}`): Promise<StickerPack> {
  const res = await call(t, admin, { method: 'POST', url: '/api/v1/sticker-packs', payload: { name } });
  expect(res.statusCode).toBe(201);
  return res.json();
}

async function ledgerActions(subjectId: string): Promise<string[]> {
  const rows = await t.database.handle.db
    .selectFrom('ledger')
    .select('action')
    .where('subject_id', '=', subjectId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t, 'admin');
  anna = await signedIn(t);
  guest = await signedIn(t, 'guest');
});
afterAll(async () => {
  await t?.close();
});

describe('sticker packs', () => {
  it('seeds a default pack of PNG stickers once, only while there is no pack', async () => {
    expect(await ensureDefaultStickerPack(systemCtx(t))).toBe(true);
    expect(await ensureDefaultStickerPack(systemCtx(t))).toBe(false);
    const list = (await call(t, guest, { method: 'GET', url: '/api/v1/stickers' })).json()
      .items as StickerPack[];
    expect(list).toHaveLength(1);
    expect(list[0]!.stickers.length).toBeGreaterThan(3);
    const img = await call(t, guest, { method: 'GET', url: list[0]!.stickers[0]!.url });
    expect(img.headers['content-type']).toBe('image/png');
  });

  it('admins manage packs and stickers; everyone signed in picks from usable ones', async () => {
    const pack = await newPack('Office life');
    expect(pack).toMatchObject({ name: 'Office life', archived: false, stickers: [] });
    // An empty pack is not offered.
    const before = (await call(t, anna, { method: 'GET', url: '/api/v1/stickers' })).json()
      .items as StickerPack[];
    expect(before.some((p) => p.id === pack.id)).toBe(false);

    const first = await addSticker(admin, pack.id, await image('png'), '👍');
    expect(first.statusCode).toBe(201);
    const second = await addSticker(admin, pack.id, await image('webp', 40, 20));
    expect(second.statusCode).toBe(201);
    const filled = second.json() as StickerPack;
    expect(filled.stickers.map((s) => [s.emoji, s.width, s.height])).toEqual([
      ['👍', 32, 32],
      [null, 40, 20],
    ]);
    const [a, b] = filled.stickers;

    for (const who of [anna, guest]) {
      const list = (await call(t, who, { method: 'GET', url: '/api/v1/stickers' })).json()
        .items as StickerPack[];
      expect(list.find((p) => p.id === pack.id)?.stickers).toHaveLength(2);
    }
    const img = await call(t, guest, { method: 'GET', url: a!.url });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.headers['cache-control']).toContain('immutable');
    expect(img.headers['x-content-type-options']).toBe('nosniff');

    const reordered = await call(t, admin, {
      method: 'PUT',
      url: `/api/v1/sticker-packs/${pack.id}/order`,
      payload: { ids: [b!.id, a!.id] },
    });
    expect(reordered.json().stickers.map((s: { id: string }) => s.id)).toEqual([b!.id, a!.id]);
    const partial = await call(t, admin, {
      method: 'PUT',
      url: `/api/v1/sticker-packs/${pack.id}/order`,
      payload: { ids: [a!.id] },
    });
    expect(partial.statusCode).toBe(400);

    const renamed = await call(t, admin, {
      method: 'PATCH',
      url: `/api/v1/sticker-packs/${pack.id}`,
      payload: { name: 'Office' },
    });
    expect(renamed.json().name).toBe('Office');

    const removed = await call(t, admin, {
      method: 'DELETE',
      url: `/api/v1/sticker-packs/${pack.id}/stickers/${b!.id}`,
    });
    expect(removed.json().stickers).toHaveLength(1);

    expect(await ledgerActions(pack.id)).toEqual([
      'sticker_pack.created',
      'sticker_pack.stickers_reordered',
      'sticker_pack.updated',
    ]);
    expect(await ledgerActions(b!.id)).toEqual(['sticker.added', 'sticker.deleted']);

    const deleted = await call(t, admin, { method: 'DELETE', url: `/api/v1/sticker-packs/${pack.id}` });
    expect(deleted.json()).toEqual({ archived: false });
    const all = (await call(t, admin, { method: 'GET', url: '/api/v1/sticker-packs' })).json()
      .items as StickerPack[];
    expect(all.some((p) => p.id === pack.id)).toBe(false);
  });

  it('is managed by platform admins only', async () => {
    const pack = await newPack();
    for (const who of [anna, guest]) {
      expect((await call(t, who, { method: 'GET', url: '/api/v1/sticker-packs' })).statusCode).toBe(403);
      const create = await call(t, who, {
        method: 'POST',
        url: '/api/v1/sticker-packs',
        payload: { name: 'x' },
      });
      expect(create.statusCode).toBe(403);
      expect((await addSticker(who, pack.id, await image('png'))).statusCode).toBe(403);
      expect(
        (await call(t, who, { method: 'DELETE', url: `/api/v1/sticker-packs/${pack.id}` })).statusCode,
      ).toBe(403);
    }
    expect((await call(t, null, { method: 'GET', url: '/api/v1/stickers' })).statusCode).toBe(401);
  });

  it('refuses other types (415), large files and large images (413)', async () => {
    const pack = await newPack();
    const jpeg = await addSticker(admin, pack.id, await image('jpeg'));
    expect(jpeg.statusCode).toBe(415);
    expect(jpeg.json().code).toBe('STICKER_TYPE_NOT_ALLOWED');
    const svg = await addSticker(admin, pack.id, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'));
    expect(svg.statusCode).toBe(415);
    const big = await sharp({ create: { width: 1500, height: 1400, channels: 3, background: '#000' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    const pixels = await addSticker(admin, pack.id, big);
    expect(pixels.statusCode).toBe(413);
    expect(pixels.json().code).toBe('STICKER_TOO_LARGE');
    const heavy = Buffer.concat([await image('png'), Buffer.alloc(600 * 1024)]);
    expect((await addSticker(admin, pack.id, heavy)).statusCode).toBe(413);
    const missing = await addSticker(admin, uuidv7(), await image('png'));
    expect(missing.statusCode).toBe(404);
  });

  it('archives a pack whose stickers were sent; its stickers show but cannot be sent', async () => {
    const pack = await newPack();
    const sticker = ((await addSticker(admin, pack.id, await image('gif'))).json() as StickerPack)
      .stickers[0]!;
    const db = t.database.handle.db;
    expect((await findUsableSticker(db, sticker.id))?.id).toBe(sticker.id);

    // A message using it, inserted directly (messages are another slice's).
    const now = new Date().toISOString();
    const chatId = uuidv7();
    await db
      .insertInto('chats')
      .values({
        id: chatId,
        kind: 'group',
        name: 'c',
        photo_key: null,
        direct_key: null,
        group_id: null,
        department_id: null,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('messages')
      .values({
        id: uuidv7(),
        chat_id: chatId,
        seq: 1,
        client_id: 'c1',
        author_id: anna.id,
        kind: 'sticker',
        body: '',
        html: '',
        reply_to_id: null,
        thread_root_id: null,
        forwarded_from_id: null,
        sticker_id: sticker.id,
        created_at: now,
        edited_at: null,
        deleted_at: null,
        deleted_by: null,
      })
      .execute();

    const inUse = await call(t, admin, {
      method: 'DELETE',
      url: `/api/v1/sticker-packs/${pack.id}/stickers/${sticker.id}`,
    });
    expect(inUse.statusCode).toBe(409);
    const res = await call(t, admin, { method: 'DELETE', url: `/api/v1/sticker-packs/${pack.id}` });
    expect(res.json()).toEqual({ archived: true });
    expect(await findUsableSticker(db, sticker.id)).toBeUndefined();
    expect((await loadStickers(db, [sticker.id])).get(sticker.id)?.packId).toBe(pack.id);
    const list = (await call(t, anna, { method: 'GET', url: '/api/v1/stickers' })).json()
      .items as StickerPack[];
    expect(list.some((p) => p.id === pack.id)).toBe(false);
    expect((await call(t, anna, { method: 'GET', url: sticker.url })).statusCode).toBe(200);
    const all = (await call(t, admin, { method: 'GET', url: '/api/v1/sticker-packs' })).json()
      .items as StickerPack[];
    expect(all.find((p) => p.id === pack.id)?.archived).toBe(true);

    const restored = await call(t, admin, {
      method: 'PATCH',
      url: `/api/v1/sticker-packs/${pack.id}`,
      payload: { archived: false },
    });
    expect(restored.json().archived).toBe(false);
    expect((await findUsableSticker(db, sticker.id))?.id).toBe(sticker.id);
  });
});
