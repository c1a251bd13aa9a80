import { Readable } from 'node:stream';
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import type { BlobStore } from '../storage/blob-store.js';

/**
 * Image thumbnails (issue 4, R28): a WebP of at most 480 × 480 pixels for JPEG, PNG, GIF and
 * WebP uploads, stored in the blob store beside the original. Untrusted images cannot exhaust
 * the server:
 * - the format is checked from the first bytes before sharp sees anything (no SVG, TIFF, HEIF…
 *   is ever decoded, whatever libvips could load);
 * - the dimensions are read from the header (`metadata()`, nothing decoded) and anything above
 *   50 megapixels is refused before decoding — a 30,000 × 30,000 PNG of one colour weighs a
 *   hundred kilobytes and would decode to gigabytes;
 * - sharp itself is bounded: `limitInputPixels` 50 MP, `failOn: 'error'`, a 5 s timeout, one
 *   libvips thread per image, no operation cache; and this module runs one image at a time.
 */

sharp.concurrency(1);
sharp.cache(false);

export const thumbnailLimits = {
  /** Pixels (width × height of the first frame) above which an image is refused. */
  maxPixels: 50_000_000,
  /** The thumbnail fits in a square of this side; smaller images are not enlarged. */
  size: 480,
  timeoutSeconds: 5,
  /** Bytes read into memory when the store has no local path (disk stores never need it). */
  maxBufferedBytes: 64 * 1024 * 1024,
  /** Bytes of a stored thumbnail at most (a 480 × 480 WebP is far smaller). */
  maxThumbnailBytes: 8 * 1024 * 1024,
} as const;

export type ImageRejection = 'too-many-pixels' | 'too-large' | 'unreadable' | 'timeout';

/** The image was refused: a decompression bomb, a file too large to buffer, broken, or too slow. */
export class ImageRejectedError extends Error {
  readonly reason: ImageRejection;
  constructor(reason: ImageRejection, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImageRejectedError';
    this.reason = reason;
  }
}

export interface Thumbnail {
  /** The blob key of the WebP thumbnail. */
  key: string;
  /** The original image's size in pixels, as displayed (EXIF orientation applied). */
  width: number;
  height: number;
  /** The thumbnail's own size. */
  thumbWidth: number;
  thumbHeight: number;
}

type RasterFormat = 'jpeg' | 'png' | 'gif' | 'webp';

/** The raster format from the first bytes, or undefined (then sharp never sees the file). */
export function rasterFormatOf(head: Uint8Array): RasterFormat | undefined {
  const at = (i: number, ...bytes: number[]) => bytes.every((b, k) => head[i + k] === b);
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (at(0, 0x47, 0x49, 0x46, 0x38) && (at(4, 0x37, 0x61) || at(4, 0x39, 0x61))) return 'gif';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'webp';
  return undefined;
}

async function readAll(stream: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > max) {
      stream.destroy();
      throw new ImageRejectedError('too-large', `The image is larger than ${max} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The input sharp reads: the file in place when the store has one, else the bytes (capped). */
async function inputOf(store: BlobStore, key: string): Promise<string | Buffer | undefined> {
  const local = await store.localPath?.(key);
  if (local) return local;
  const size = await store.size(key);
  if (size === undefined) return undefined;
  if (size > thumbnailLimits.maxBufferedBytes) {
    throw new ImageRejectedError(
      'too-large',
      `The image is larger than ${thumbnailLimits.maxBufferedBytes} bytes`,
    );
  }
  const stream = await store.open(key);
  return stream ? readAll(stream, thumbnailLimits.maxBufferedBytes) : undefined;
}

async function headOf(store: BlobStore, key: string): Promise<Buffer | undefined> {
  const stream = await store.open(key, { start: 0, end: 31 });
  return stream ? readAll(stream, 32) : undefined;
}

const options = { limitInputPixels: thumbnailLimits.maxPixels, failOn: 'error' } as const;

async function thumbnailOf(store: BlobStore, key: string): Promise<Thumbnail | undefined> {
  const head = await headOf(store, key);
  if (!head || !rasterFormatOf(head)) return undefined;
  const input = await inputOf(store, key);
  if (input === undefined) return undefined;

  let meta: Metadata;
  try {
    // The header only (nothing is decoded), read without sharp's own pixel limit so the size can
    // be checked and reported here.
    meta = await sharp(input, { ...options, limitInputPixels: false }).metadata();
  } catch (error) {
    throw new ImageRejectedError('unreadable', 'The image header cannot be read', { cause: error });
  }
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (width <= 0 || height <= 0) throw new ImageRejectedError('unreadable', 'The image has no size');
  if (width * height > thumbnailLimits.maxPixels) {
    throw new ImageRejectedError(
      'too-many-pixels',
      `The image has ${width} × ${height} pixels, more than ${thumbnailLimits.maxPixels}`,
    );
  }

  let output: { data: Buffer; info: OutputInfo };
  try {
    output = await sharp(input, options)
      .rotate()
      .resize(thumbnailLimits.size, thumbnailLimits.size, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .timeout({ seconds: thumbnailLimits.timeoutSeconds })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/pixel limit/i.test(message)) {
      throw new ImageRejectedError('too-many-pixels', 'The image has too many pixels', { cause: error });
    }
    const timedOut = /timeout/i.test(message);
    throw new ImageRejectedError(
      timedOut ? 'timeout' : 'unreadable',
      timedOut ? 'The image took too long to process' : 'The image cannot be decoded',
      { cause: error },
    );
  }

  // EXIF orientations 5–8 turn the picture a quarter: the displayed size is swapped.
  const turned = (meta.orientation ?? 1) >= 5;
  const stored = await store.put(Readable.from([output.data]), {
    maxBytes: thumbnailLimits.maxThumbnailBytes,
  });
  return {
    key: stored.key,
    width: turned ? height : width,
    height: turned ? width : height,
    thumbWidth: output.info.width,
    thumbHeight: output.info.height,
  };
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Makes and stores the thumbnail of the image stored under `key`: undefined when the bytes are
 * not a JPEG, PNG, GIF or WebP image (or are absent); throws `ImageRejectedError` for a
 * decompression bomb, an image too large to buffer, a broken image, or one too slow to process.
 * Calls run one at a time.
 */
export function makeThumbnail(store: BlobStore, key: string): Promise<Thumbnail | undefined> {
  const run = queue.then(() => thumbnailOf(store, key));
  queue = run.catch(() => undefined);
  return run;
}
