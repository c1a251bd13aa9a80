import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { blobPath, touchBlob } from './blobs.js';

/**
 * The streaming blob store behind document libraries (issue 4): content-addressed files under
 * `<dataDir>/files/<first two hex>/<sha256>`, the same layout as `blobs.ts`, so post images and
 * documents share one store and equal bytes are kept once. Uploads stream through a temporary
 * file in `<dataDir>/files/tmp/` while they are hashed and counted; nothing is ever buffered
 * whole, and a blob appears under its key only complete and synced (rename is atomic).
 *
 * Keys are SHA-256 hex digests checked by `blobPath` before any `fs` call: no name, path or
 * other user input ever reaches the file system. An object-store back end can implement the
 * same interface later. Blobs are never deleted here: the sweep (blob-sweep.ts) removes those
 * that no row or ledger entry references once they are old enough.
 */

/** How many leading bytes `put` keeps for type sniffing (what `file-type` reads). */
export const blobHeadBytes = 4100;

export interface StoredBlob {
  /** The SHA-256 of the content, hex. */
  key: string;
  size: number;
  /** The first ≤ 4100 bytes, for sniffing the type. */
  head: Buffer;
}

/** `put` saw more than `limit` bytes: nothing was kept. */
export class BlobTooLargeError extends Error {
  readonly limit: number;
  constructor(limit: number) {
    super(`The content is larger than ${limit} bytes`);
    this.name = 'BlobTooLargeError';
    this.limit = limit;
  }
}

export interface BlobStore {
  /** Streams `source` into the store; rejects with BlobTooLargeError once more than maxBytes arrive (nothing kept). */
  put(source: NodeJS.ReadableStream, options: { maxBytes: number }): Promise<StoredBlob>;
  /** A read stream of the blob (optionally a byte range, both ends inclusive), or undefined if absent. */
  open(key: string, range?: { start: number; end: number }): Promise<Readable | undefined>;
  size(key: string): Promise<number | undefined>;
  /**
   * The blob's path on a local disk, or undefined if absent — only stores that have one implement
   * it (image and text processing read files in place instead of buffering them).
   */
  localPath?(key: string): Promise<string | undefined>;
}

/** The disk store: a blob always has a local path. */
export interface DiskBlobStore extends BlobStore {
  localPath(key: string): Promise<string | undefined>;
}

/** Counts, hashes and keeps the head of what passes; fails as soon as more than `maxBytes` did. */
class Meter extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  private readonly headChunks: Buffer[] = [];
  private headLength = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  get head(): Buffer {
    return Buffer.concat(this.headChunks, this.headLength);
  }

  override _transform(chunk: unknown, encoding: BufferEncoding, callback: TransformCallback): void {
    const bytes = Buffer.isBuffer(chunk)
      ? chunk
      : typeof chunk === 'string'
        ? Buffer.from(chunk, encoding)
        : Buffer.from(chunk as Uint8Array);
    this.size += bytes.length;
    if (this.size > this.maxBytes) {
      callback(new BlobTooLargeError(this.maxBytes));
      return;
    }
    if (this.headLength < blobHeadBytes) {
      // A copy: the source may reuse its buffer after this chunk was written out.
      const part = Buffer.from(bytes.subarray(0, blobHeadBytes - this.headLength));
      this.headChunks.push(part);
      this.headLength += part.length;
    }
    this.hash.update(bytes);
    callback(null, bytes);
  }
}

/**
 * Lets go of a source we stopped reading. It is drained (its bytes discarded) rather than
 * destroyed: a multipart parser feeding it would otherwise stall with the HTTP request half
 * read. The route answering 413 should also send `Connection: close` so the socket is dropped
 * instead of drained to the end.
 */
function release(source: NodeJS.ReadableStream, meter: Meter): void {
  source.unpipe(meter);
  (source as Readable).on?.('error', () => {});
  if (typeof source.resume === 'function') source.resume();
}

async function removeQuietly(file: string): Promise<void> {
  await fs.rm(file, { force: true }).catch(() => {});
}

/** Makes a rename durable (best effort: some file systems cannot sync a directory). */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Not supported here; the data itself was synced.
  } finally {
    await handle?.close().catch(() => {});
  }
}

function checkRange(range: { start: number; end: number }): void {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError('Invalid byte range');
  }
}

export function createDiskBlobStore(dataDir: string): DiskBlobStore {
  const tempDir = path.join(dataDir, 'files', 'tmp');

  async function exists(file: string): Promise<boolean> {
    try {
      await fs.access(file);
      return true;
    } catch {
      return false;
    }
  }

  return {
    async put(source, { maxBytes }) {
      if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) throw new RangeError('Invalid maxBytes');
      await fs.mkdir(tempDir, { recursive: true });
      const temp = path.join(tempDir, `${randomBytes(16).toString('hex')}.tmp`);
      const meter = new Meter(maxBytes);
      // A source that failed or closed while the directory was made (a multipart form cut
      // short) emits nothing more: piping it would wait forever. (Added by files-backend.)
      const readable = source as Readable;
      if (readable.destroyed) throw readable.errored ?? new Error('The source closed before it was read');
      try {
        // `flush`: the data is fsynced before the stream closes, so a blob is never renamed
        // into place before its bytes are on disk.
        const out = createWriteStream(temp, {
          flags: 'wx',
          mode: 0o600,
          flush: true,
          highWaterMark: 256 * 1024,
        });
        // `pipe`, not `pipeline`, from the source: a failure downstream must not destroy it (see
        // `release`); its own errors are forwarded so the pipeline below fails with them.
        const onSourceError = (error: Error) => meter.destroy(error);
        source.on('error', onSourceError);
        source.pipe(meter);
        try {
          await pipeline(meter, out);
        } catch (error) {
          release(source, meter);
          // Closed before the temporary file is removed, so no late open recreates it.
          if (!out.closed) await once(out, 'close').catch(() => {});
          throw error;
        } finally {
          source.removeListener('error', onSourceError);
        }

        const key = meter.hash.digest('hex');
        const target = blobPath(dataDir, key);
        // Equal bytes already stored: touched rather than rewritten, so a sweep running now
        // keeps them for the row about to reference them (blobs.ts, `touchBlob`).
        if (await touchBlob(target)) {
          await removeQuietly(temp);
        } else {
          await fs.mkdir(path.dirname(target), { recursive: true });
          await fs.rename(temp, target);
          await syncDirectory(path.dirname(target));
        }
        return { key, size: meter.size, head: meter.head };
      } catch (error) {
        await removeQuietly(temp);
        throw error;
      }
    },

    async open(key, range) {
      const file = blobPath(dataDir, key);
      if (range) checkRange(range);
      let handle: fs.FileHandle;
      try {
        handle = await fs.open(file, 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
    },

    async size(key) {
      const file = blobPath(dataDir, key);
      try {
        return (await fs.stat(file)).size;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },

    async localPath(key) {
      const file = blobPath(dataDir, key);
      return (await exists(file)) ? file : undefined;
    },
  };
}

/**
 * Deletes temporary files left by uploads interrupted by a crash (older than `olderThanMs`, so
 * an upload in progress is never touched). Returns how many were removed.
 */
export async function sweepBlobTemp(dataDir: string, olderThanMs = 24 * 3600_000): Promise<number> {
  const tempDir = path.join(dataDir, 'files', 'tmp');
  let names: string[];
  try {
    names = await fs.readdir(tempDir);
  } catch {
    return 0;
  }
  let removed = 0;
  const cutoff = Date.now() - olderThanMs;
  for (const name of names) {
    if (!/^[0-9a-f]{32}\.tmp$/.test(name)) continue;
    const file = path.join(tempDir, name);
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat && stat.mtimeMs < cutoff) {
      await removeQuietly(file);
      removed += 1;
    }
  }
  return removed;
}
