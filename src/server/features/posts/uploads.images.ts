import type { uploadImageTypes } from '../../../shared/api/posts.js';

export type ImageType = (typeof uploadImageTypes)[number];

export interface ImageInfo {
  mime: ImageType;
  /** Pixels, when the header says (null for a JPEG whose frame header was not found). */
  width: number | null;
  height: number | null;
}

const u16be = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u16le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, at: number) => u16le(b, at) | ((b[at + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, at: number) => u16be(b, at) * 65536 + u16be(b, at + 2);
const positive = (n: number) => (Number.isFinite(n) && n > 0 ? n : null);

function matches(bytes: Uint8Array, offset: number, ...values: number[]): boolean {
  return values.every((v, i) => bytes[offset + i] === v);
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** Frame sizes are in SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpegSize(bytes: Uint8Array): { width: number | null; height: number | null } {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return { width: null, height: null };
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    // Markers without a length: RSTn, SOI, TEM.
    if ((marker >= 0xd0 && marker <= 0xd8) || marker === 0x01) {
      at += 2;
      continue;
    }
    if (isStartOfFrame(marker)) {
      return { height: positive(u16be(bytes, at + 5)), width: positive(u16be(bytes, at + 7)) };
    }
    if (marker === 0xda || marker === 0xd9) break;
    at += 2 + u16be(bytes, at + 2);
  }
  return { width: null, height: null };
}

function webpSize(bytes: Uint8Array): { width: number | null; height: number | null } {
  if (matches(bytes, 12, ...ascii('VP8X'))) {
    return { width: u24le(bytes, 24) + 1, height: u24le(bytes, 27) + 1 };
  }
  if (matches(bytes, 12, ...ascii('VP8L')) && bytes[20] === 0x2f) {
    const bits = u16le(bytes, 21) + u16le(bytes, 23) * 65536;
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (matches(bytes, 12, ...ascii('VP8 ')) && matches(bytes, 23, 0x9d, 0x01, 0x2a)) {
    return { width: positive(u16le(bytes, 26) & 0x3fff), height: positive(u16le(bytes, 28) & 0x3fff) };
  }
  return { width: null, height: null };
}

/**
 * The image type from the file's first bytes, never from the client's Content-Type or the file
 * name, and its size in pixels read from the header (no decoding): JPEG, PNG, GIF and WebP pass,
 * so nothing else is ever served back as an image.
 */
export function sniffImage(bytes: Uint8Array): ImageInfo | undefined {
  if (matches(bytes, 0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) {
    return { mime: 'image/png', width: positive(u32be(bytes, 16)), height: positive(u32be(bytes, 20)) };
  }
  if (matches(bytes, 0, 0xff, 0xd8, 0xff)) return { mime: 'image/jpeg', ...jpegSize(bytes) };
  if (matches(bytes, 0, ...ascii('GIF87a')) || matches(bytes, 0, ...ascii('GIF89a'))) {
    return { mime: 'image/gif', width: positive(u16le(bytes, 6)), height: positive(u16le(bytes, 8)) };
  }
  if (matches(bytes, 0, ...ascii('RIFF')) && matches(bytes, 8, ...ascii('WEBP'))) {
    return { mime: 'image/webp', ...webpSize(bytes) };
  }
  return undefined;
}
