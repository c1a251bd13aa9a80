import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import type { FileView } from '../../../shared/api/files.js';
import { onePixelColourPng } from '../../platform/files/files.fixtures.js';
import { insertGroup, jobsIdle, ledgerOf, uploadRaw, uploadText } from './files.fixtures.js';
import { resumePendingFileProcessing } from './files.jobs.js';

/**
 * A file's bytes served safely (R27), with ranges and versions, guests' downloads in the ledger;
 * thumbnails (decompression bombs refused) and text previews made after the upload commits.
 */

let t: TestApp;
let anna: Person;
let boris: Person;
let guest: Person;
let group: { id: string };

const get = (who: Person | null, url: string, headers: Record<string, string> = {}) =>
  call(t, who, { method: 'GET', url, headers });

beforeAll(async () => {
  t = await buildTestApp();
  anna = await signedIn(t);
  boris = await signedIn(t);
  guest = await signedIn(t, 'guest');
  group = await insertGroup(t, 'closed', [
    { person: anna },
    { person: boris, role: 'moderator' },
    { person: guest },
  ]);
});
afterAll(async () => {
  await jobsIdle();
  await t?.close();
});

describe('GET /files/{id}/content', () => {
  it('serves attachments with the safe headers, images inline, SVG never as SVG', async () => {
    const text = await uploadText(
      t,
      anna,
      { space: { type: 'group', id: group.id } },
      'plan «α».txt',
      'hello world',
    );
    const res = await get(guest, `/api/v1/files/${text.id}/content`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('hello world');
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''plan%20%C2%AB%CE%B1%C2%BB.txt");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['accept-ranges']).toBe('bytes');

    const png = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer();
    const image = await uploadRaw(
      t,
      anna,
      { space: { type: 'group', id: group.id } },
      { filename: 'red.png', content: png },
    );
    const shown = await get(anna, `/api/v1/files/${image.json().id}/content`);
    expect(shown.headers['content-type']).toBe('image/png');
    expect(shown.headers['content-disposition']).toMatch(/^inline;/);
    const asked = await get(anna, `/api/v1/files/${image.json().id}/content?download=true`);
    expect(asked.headers['content-disposition']).toMatch(/^attachment;/);

    const svg = await uploadRaw(
      t,
      anna,
      { space: { type: 'group', id: group.id } },
      {
        filename: 'x.svg',
        content: Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
        ),
      },
    );
    expect(svg.statusCode).toBe(201);
    const served = await get(anna, `/api/v1/files/${svg.json().id}/content`);
    expect(served.headers['content-type']).toBe('application/octet-stream');
    expect(served.headers['content-disposition']).toMatch(/^attachment;/);
    expect(served.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
  });

  it('serves byte ranges (206), refuses impossible ones (416), and older versions by number', async () => {
    const file = await uploadText(t, anna, { space: { type: 'group', id: group.id } }, 'v.txt', '0123456789');
    const part = await get(anna, `/api/v1/files/${file.id}/content`, { range: 'bytes=2-5' });
    expect(part.statusCode).toBe(206);
    expect(part.body).toBe('2345');
    expect(part.headers['content-range']).toBe('bytes 2-5/10');
    expect(part.headers['content-length']).toBe('4');
    expect((await get(anna, `/api/v1/files/${file.id}/content`, { range: 'bytes=-3' })).body).toBe('789');
    expect((await get(anna, `/api/v1/files/${file.id}/content`, { range: 'bytes=7-' })).body).toBe('789');
    const beyond = await get(anna, `/api/v1/files/${file.id}/content`, { range: 'bytes=50-60' });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe('bytes */10');
    // Several ranges: the whole file.
    expect((await get(anna, `/api/v1/files/${file.id}/content`, { range: 'bytes=0-1,3-4' })).statusCode).toBe(
      200,
    );

    await uploadRaw(
      t,
      anna,
      {},
      { filename: 'v.txt', content: Buffer.from('second') },
      {
        url: `/api/v1/files/${file.id}/versions`,
      },
    );
    expect((await get(anna, `/api/v1/files/${file.id}/content`)).body).toBe('second');
    expect((await get(anna, `/api/v1/files/${file.id}/content?version=1`)).body).toBe('0123456789');
    expect((await get(anna, `/api/v1/files/${file.id}/content?version=9`)).statusCode).toBe(404);
    expect((await get(anna, `/api/v1/files/${file.id}/content?version=zero`)).statusCode).toBe(400);
  });

  it('records downloads by guests in the ledger, not those by employees', async () => {
    const file = await uploadText(t, anna, { space: { type: 'group', id: group.id } });
    await get(anna, `/api/v1/files/${file.id}/content`);
    expect(await ledgerOf(t, 'file.downloaded', file.id)).toHaveLength(0);
    await get(guest, `/api/v1/files/${file.id}/content`);
    const entries = await ledgerOf(t, 'file.downloaded', file.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor_id: guest.id, payload: { version: 1, via: 'guest' } });
  });
});

describe('previews', () => {
  it('makes a thumbnail of an image after the upload and serves it as WebP', async () => {
    const jpeg = await sharp({ create: { width: 1200, height: 600, channels: 3, background: '#00aa00' } })
      .jpeg()
      .toBuffer();
    const res = await uploadRaw(
      t,
      anna,
      { space: { type: 'group', id: group.id } },
      { filename: 'g.jpg', content: jpeg },
    );
    const file: FileView = res.json();
    await jobsIdle();
    const after: FileView = (await get(anna, `/api/v1/files/${file.id}`)).json();
    expect(after).toMatchObject({ width: 1200, height: 600, textStatus: 'none' });
    expect(after.thumbnailUrl).toBe(`/api/v1/files/${file.id}/thumbnail?version=1`);
    const thumb = await get(guest, after.thumbnailUrl!);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(thumb.headers['x-content-type-options']).toBe('nosniff');
    const meta = await sharp(thumb.rawPayload).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.width).toBeLessThanOrEqual(480);
  });

  it('refuses a decompression bomb a thumbnail; the file stays downloadable', async () => {
    const bomb = await onePixelColourPng(30_000, 30_000);
    const res = await uploadRaw(
      t,
      anna,
      { space: { type: 'group', id: group.id } },
      { filename: 'bomb.png', content: bomb },
    );
    expect(res.statusCode, res.body).toBe(201);
    const before = process.memoryUsage().rss;
    await jobsIdle();
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024);
    const after: FileView = (await get(anna, `/api/v1/files/${res.json().id}`)).json();
    expect(after).toMatchObject({ thumbnailUrl: null, textStatus: 'none' });
    expect((await get(anna, `/api/v1/files/${after.id}/thumbnail`)).statusCode).toBe(404);
    expect((await get(anna, `/api/v1/files/${after.id}/content`)).rawPayload.length).toBe(bomb.length);
  });

  it('picks up versions left pending by a restart', async () => {
    const file = await uploadText(
      t,
      anna,
      { space: { type: 'group', id: group.id } },
      'p.txt',
      'pending text',
    );
    await jobsIdle();
    const db = t.database.handle.db;
    await db
      .updateTable('file_versions')
      .set({ text_status: 'pending', text: null })
      .where('file_id', '=', file.id)
      .execute();
    expect(
      await resumePendingFileProcessing({ db, config: t.config, log: t.app.log }),
    ).toBeGreaterThanOrEqual(1);
    await jobsIdle();
    const row = await db
      .selectFrom('file_versions')
      .selectAll()
      .where('file_id', '=', file.id)
      .executeTakeFirst();
    expect(row).toMatchObject({ text_status: 'done', text: 'pending text' });
  });

  it('extracts text for search and shows text and Markdown as text (capped)', async () => {
    const md = await uploadText(
      t,
      anna,
      { space: { type: 'group', id: group.id } },
      'r.md',
      '\uFEFF# Hello *world*',
    );
    await jobsIdle();
    expect((await get(anna, `/api/v1/files/${md.id}`)).json().textStatus).toBe('done');
    const stored = await t.database.handle.db
      .selectFrom('file_versions')
      .select('text')
      .where('file_id', '=', md.id)
      .executeTakeFirst();
    expect(stored?.text).toContain('Hello *world*');
    const preview = await get(guest, `/api/v1/files/${md.id}/text`);
    expect(preview.json()).toEqual({
      version: 1,
      kind: 'markdown',
      text: '# Hello *world*',
      truncated: false,
    });

    const long = 'я'.repeat(250_000);
    const big = await uploadText(t, anna, { space: { type: 'group', id: group.id } }, 'long.txt', long);
    const cut = (await get(anna, `/api/v1/files/${big.id}/text`)).json();
    expect(cut.truncated).toBe(true);
    expect(Array.from(cut.text as string)).toHaveLength(200_000);

    const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const image = await uploadRaw(
      t,
      anna,
      { space: { type: 'group', id: group.id } },
      { filename: 'i.png', content: png },
    );
    const none = await get(anna, `/api/v1/files/${image.json().id}/text`);
    expect(none.statusCode).toBe(404);
    expect(none.json().code).toBe('FILE_PREVIEW_NOT_AVAILABLE');
  });
});
