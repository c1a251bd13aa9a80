import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BlobStore, createDiskBlobStore } from '../storage/blob-store.js';
import { hugeGif, lyingJpeg, onePixelColourPng, pdf } from './files.fixtures.js';
import { ImageRejectedError, makeThumbnail, thumbnailLimits } from './thumbnails.js';

let dataDir: string;
let store: BlobStore;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'atrium-thumbs-'));
  store = createDiskBlobStore(dataDir);
});
afterAll(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function put(bytes: Buffer): Promise<string> {
  return (await store.put(Readable.from([bytes]), { maxBytes: 1e9 })).key;
}

async function stored(key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of (await store.open(key))!) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const picture = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#3a6ea5' } });

/** Runs `work` and returns the peak growth of this process's resident memory meanwhile, in MB. */
async function rssGrowthMb(work: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    await work();
  } finally {
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  return (peak - before) / 1024 / 1024;
}

async function rejection(key: string): Promise<ImageRejectedError> {
  return rejectionFrom(makeThumbnail(store, key));
}

async function rejectionFrom(promise: Promise<unknown>): Promise<ImageRejectedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImageRejectedError);
  return error as ImageRejectedError;
}

describe('makeThumbnail', () => {
  it('makes a WebP within 480 × 480 and reports the original size', async () => {
    const key = await put(await picture(1200, 800).jpeg().toBuffer());
    const thumb = await makeThumbnail(store, key);
    expect(thumb).toMatchObject({ width: 1200, height: 800, thumbWidth: 480, thumbHeight: 320 });
    const meta = await sharp(await stored(thumb!.key)).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 480, height: 320 });
  });

  it('applies the EXIF orientation', async () => {
    const key = await put(await picture(600, 400).jpeg().withMetadata({ orientation: 6 }).toBuffer());
    const thumb = await makeThumbnail(store, key);
    expect(thumb).toMatchObject({ width: 400, height: 600, thumbWidth: 320, thumbHeight: 480 });
  });

  it('does not enlarge small images, and reads PNG, GIF and WebP', async () => {
    for (const format of ['png', 'gif', 'webp'] as const) {
      const key = await put(await picture(100, 50).toFormat(format).toBuffer());
      expect(await makeThumbnail(store, key), format).toMatchObject({
        width: 100,
        height: 50,
        thumbWidth: 100,
        thumbHeight: 50,
      });
    }
  });

  it('keeps no EXIF metadata in the thumbnail', async () => {
    const key = await put(
      await picture(300, 200)
        .jpeg()
        .withExif({ IFD0: { Copyright: 'secret-location' } })
        .toBuffer(),
    );
    const thumb = await makeThumbnail(store, key);
    const meta = await sharp(await stored(thumb!.key)).metadata();
    expect(meta.exif).toBeUndefined();
  });

  it('answers undefined for anything but a raster image, without decoding it', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    const tiff = await picture(10, 10).tiff().toBuffer();
    for (const bytes of [pdf(['x']), svg, tiff, Buffer.from('plain text')]) {
      expect(await makeThumbnail(store, await put(bytes))).toBeUndefined();
    }
    expect(await makeThumbnail(store, 'f'.repeat(64))).toBeUndefined();
  });

  it('refuses a broken image', async () => {
    const png = await picture(200, 200).png().toBuffer();
    const error = await rejection(await put(png.subarray(0, png.length - 40)));
    expect(error.reason).toBe('unreadable');
  });

  it('refuses a real 30,000 × 30,000 PNG bomb before decoding it, with memory flat', async () => {
    const bomb = await onePixelColourPng(30_000, 30_000);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const key = await put(bomb);
    let error: ImageRejectedError | undefined;
    const started = Date.now();
    const growth = await rssGrowthMb(async () => {
      error = await rejection(key);
    });
    expect(error!.reason).toBe('too-many-pixels');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(growth).toBeLessThan(32);
  });

  it('refuses "uber.gif" and "lottapixel.jpg" style bombs', async () => {
    expect((await rejection(await put(hugeGif(65_535, 65_535)))).reason).toBe('too-many-pixels');
    const jpeg = lyingJpeg(await picture(16, 16).jpeg().toBuffer(), 65_000, 65_000);
    expect((await rejection(await put(jpeg))).reason).toBe('too-many-pixels');
    // Just over the limit is refused too.
    const side = Math.ceil(Math.sqrt(thumbnailLimits.maxPixels)) + 1;
    expect((await rejection(await put(hugeGif(side, side)))).reason).toBe('too-many-pixels');
  });

  it('processes an image just under the limit within bounded memory', { timeout: 60_000 }, async () => {
    const key = await put(await onePixelColourPng(7_000, 7_000)); // 49 MP
    let thumb: Awaited<ReturnType<typeof makeThumbnail>>;
    const growth = await rssGrowthMb(async () => {
      thumb = await makeThumbnail(store, key);
    });
    expect(thumb!).toMatchObject({ width: 7_000, height: 7_000, thumbWidth: 480, thumbHeight: 480 });
    expect(growth).toBeLessThan(256);
  });

  it('works with a store that has no local path (bytes buffered, capped)', async () => {
    const { localPath: _ignored, ...streamingOnly } = store;
    const key = await put(await picture(640, 480).png().toBuffer());
    expect(await makeThumbnail(streamingOnly, key)).toMatchObject({ thumbWidth: 480, thumbHeight: 360 });
    const bomb = await put(await onePixelColourPng(30_000, 30_000));
    expect((await rejectionFrom(makeThumbnail(streamingOnly, bomb))).reason).toBe('too-many-pixels');
  });

  it('runs one image at a time', async () => {
    const keys = await Promise.all(
      [1, 2, 3].map((n) =>
        picture(300 + n, 200)
          .png()
          .toBuffer()
          .then(put),
      ),
    );
    const thumbs = await Promise.all(keys.map((key) => makeThumbnail(store, key)));
    expect(thumbs.map((t) => t?.width)).toEqual([301, 302, 303]);
  });
});
