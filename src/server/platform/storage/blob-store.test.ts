import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobTooLargeError, blobHeadBytes, createDiskBlobStore, sweepBlobTemp } from './blob-store.js';
import { blobPath, readBlob, storeBlob } from './blobs.js';

let dataDir: string;

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'atrium-blob-store-'));
});

afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A stream of `total` bytes in chunks of `chunk`, made as it is read (never held whole). */
function generated(total: number, chunk = 64 * 1024): Readable {
  let sent = 0;
  const block = Buffer.alloc(chunk);
  for (let i = 0; i < chunk; i += 1) block[i] = (i * 31 + 7) & 0xff;
  return new Readable({
    read() {
      if (sent >= total) {
        this.push(null);
        return;
      }
      const n = Math.min(chunk, total - sent);
      sent += n;
      this.push(n === chunk ? Buffer.from(block) : block.subarray(0, n));
    },
  });
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function tempFiles(): Promise<string[]> {
  return fs.readdir(path.join(dataDir, 'files', 'tmp')).catch(() => []);
}

describe('disk blob store', () => {
  it('stores a stream under its SHA-256, with its size and head, in the layout of blobs.ts', async () => {
    const store = createDiskBlobStore(dataDir);
    const bytes = Buffer.alloc(10_000, 'ab');
    const stored = await store.put(Readable.from([bytes.subarray(0, 3000), bytes.subarray(3000)]), {
      maxBytes: 10_000,
    });
    expect(stored.key).toBe(sha256(bytes));
    expect(stored.size).toBe(10_000);
    expect(stored.head.equals(bytes.subarray(0, blobHeadBytes))).toBe(true);
    expect(await fs.readFile(blobPath(dataDir, stored.key))).toEqual(bytes);
    // Readable through the old helpers too (posts use them).
    expect(await readBlob(dataDir, stored.key)).toEqual(bytes);
    expect(await tempFiles()).toEqual([]);
    expect(await store.size(stored.key)).toBe(10_000);
    expect(await store.localPath(stored.key)).toBe(blobPath(dataDir, stored.key));
  });

  it('keeps a short head whole, and stores an empty stream', async () => {
    const store = createDiskBlobStore(dataDir);
    const small = await store.put(Readable.from([Buffer.from('hello')]), { maxBytes: 5 });
    expect(small.head.toString()).toBe('hello');
    const empty = await store.put(Readable.from([]), { maxBytes: 0 });
    expect(empty).toEqual({ key: sha256(Buffer.alloc(0)), size: 0, head: Buffer.alloc(0) });
  });

  it('stores equal bytes once, and reads blobs written by storeBlob', async () => {
    const store = createDiskBlobStore(dataDir);
    const bytes = Buffer.from('same bytes');
    const legacyKey = await storeBlob(dataDir, bytes);
    const a = await store.put(Readable.from([bytes]), { maxBytes: 100 });
    const b = await store.put(Readable.from([bytes]), { maxBytes: 100 });
    expect(a.key).toBe(legacyKey);
    expect(b.key).toBe(legacyKey);
    expect(await fs.readdir(path.join(dataDir, 'files', legacyKey.slice(0, 2)))).toEqual([legacyKey]);
    expect(await tempFiles()).toEqual([]);
    expect((await readAll((await store.open(legacyKey))!)).toString()).toBe('same bytes');
  });

  it('storing bytes that are already there makes the blob new again (the sweep’s grace period)', async () => {
    const store = createDiskBlobStore(dataDir);
    const old = new Date(Date.now() - 3 * 24 * 3600_000);
    const { key } = await store.put(Readable.from([Buffer.from('again')]), { maxBytes: 100 });
    await fs.utimes(blobPath(dataDir, key), old, old);
    await store.put(Readable.from([Buffer.from('again')]), { maxBytes: 100 });
    expect((await fs.stat(blobPath(dataDir, key))).mtimeMs).toBeGreaterThan(Date.now() - 60_000);

    await fs.utimes(blobPath(dataDir, key), old, old);
    expect(await storeBlob(dataDir, Buffer.from('again'))).toBe(key);
    expect((await fs.stat(blobPath(dataDir, key))).mtimeMs).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refuses more than maxBytes, keeps nothing, and releases the source', async () => {
    const store = createDiskBlobStore(dataDir);
    const source = generated(5 * 1024 * 1024);
    let ended = false;
    source.on('end', () => {
      ended = true;
    });
    const error = await store.put(source, { maxBytes: 1024 * 1024 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlobTooLargeError);
    expect((error as BlobTooLargeError).limit).toBe(1024 * 1024);
    expect(await tempFiles()).toEqual([]);
    const shards = (await fs.readdir(path.join(dataDir, 'files'))).filter((n) => n !== 'tmp');
    expect(shards).toEqual([]);
    // The source is drained (not left paused), so whatever feeds it — a multipart parser on an
    // HTTP request — does not hang.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ended).toBe(true);
  });

  it('accepts exactly maxBytes', async () => {
    const store = createDiskBlobStore(dataDir);
    const stored = await store.put(generated(1024 * 1024, 1000), { maxBytes: 1024 * 1024 });
    expect(stored.size).toBe(1024 * 1024);
  });

  it('fails with the source error, and keeps nothing', async () => {
    const store = createDiskBlobStore(dataDir);
    const source = new PassThrough();
    const put = store.put(source, { maxBytes: 1e9 });
    source.write(Buffer.alloc(100_000));
    setTimeout(() => source.destroy(new Error('client went away')), 20);
    await expect(put).rejects.toThrow('client went away');
    expect(await tempFiles()).toEqual([]);
  });

  it('serves byte ranges, inclusive at both ends', async () => {
    const store = createDiskBlobStore(dataDir);
    const bytes = Buffer.from('0123456789abcdef');
    const { key } = await store.put(Readable.from([bytes]), { maxBytes: 100 });
    expect((await readAll((await store.open(key, { start: 0, end: 0 }))!)).toString()).toBe('0');
    expect((await readAll((await store.open(key, { start: 10, end: 15 }))!)).toString()).toBe('abcdef');
    expect((await readAll((await store.open(key, { start: 14, end: 99 }))!)).toString()).toBe('ef');
    await expect(store.open(key, { start: 5, end: 4 })).rejects.toThrow(RangeError);
    await expect(store.open(key, { start: -1, end: 4 })).rejects.toThrow(RangeError);
    await expect(store.open(key, { start: 0.5, end: 4 })).rejects.toThrow(RangeError);
  });

  it('answers undefined for an absent blob and refuses anything that is not a key', async () => {
    const store = createDiskBlobStore(dataDir);
    const absent = sha256(Buffer.from('never stored'));
    expect(await store.open(absent)).toBeUndefined();
    expect(await store.size(absent)).toBeUndefined();
    expect(await store.localPath(absent)).toBeUndefined();
    for (const bad of ['../../etc/passwd', `${absent}/..`, absent.toUpperCase(), '', 'tmp', `../${absent}`]) {
      await expect(store.open(bad)).rejects.toThrow('Invalid blob key');
      await expect(store.size(bad)).rejects.toThrow('Invalid blob key');
    }
  });

  it('sweeps only stale temporary files', async () => {
    const tmp = path.join(dataDir, 'files', 'tmp');
    await fs.mkdir(tmp, { recursive: true });
    const stale = path.join(tmp, `${'a'.repeat(32)}.tmp`);
    const fresh = path.join(tmp, `${'b'.repeat(32)}.tmp`);
    await fs.writeFile(stale, 'x');
    await fs.writeFile(fresh, 'y');
    const old = new Date(Date.now() - 2 * 24 * 3600_000);
    await fs.utimes(stale, old, old);
    expect(await sweepBlobTemp(dataDir)).toBe(1);
    expect(await fs.readdir(tmp)).toEqual([path.basename(fresh)]);
  });

  it('streams 300 MB with flat memory', { timeout: 120_000 }, async () => {
    const store = createDiskBlobStore(dataDir);
    const total = 300 * 1024 * 1024;
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    try {
      const stored = await store.put(generated(total), { maxBytes: total });
      expect(stored.size).toBe(total);
      let read = 0;
      for await (const chunk of (await store.open(stored.key))!) read += (chunk as Buffer).length;
      expect(read).toBe(total);
    } finally {
      clearInterval(sampler);
    }
    const growthMb = (peak - before) / 1024 / 1024;
    expect(growthMb).toBeLessThan(64);
  });
});
