import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Ctx } from '../context.js';
import type { Db } from '../db/database.js';
import { listReferencedBlobKeys, withBlobSweepLock } from './blob-references.queries.js';
import { sweepBlobTemp } from './blob-store.js';
import { blobPath, isBlobKey } from './blobs.js';

/**
 * Garbage collection of the blob store: mark and sweep with a grace period. The store is walked
 * one directory entry at a time; blobs older than the grace period are checked in batches against
 * every column that references blobs and against the keys the ledger names
 * (blob-references.queries.ts), and those nothing references are removed.
 *
 * The grace period covers what the database cannot show yet: a blob stored by a request whose
 * transaction has not committed, or a thumbnail about to be recorded. Storing bytes that are
 * already there touches the blob (blobs.ts, `touchBlob`), and removal re-checks the time after
 * moving the blob aside — so an old blob re-uploaded while the sweep runs, after its check found
 * no row, is put back instead of lost. A row copying a key from another row (a restored version,
 * a forwarded attachment) needs no touch: the row it copies from still references the blob when
 * the sweep looks — unless it is deleted in that very instant, a race we accept.
 */

export type BlobSweepCtx = Pick<Ctx, 'db' | 'dialect' | 'config'>;

export interface BlobSweepOptions {
  /** Blobs (and stale temporary files) younger than this stay whatever references them. Default 24 h. */
  graceMs?: number;
  /** How many blobs one reference query checks. */
  batchSize?: number;
  /** Count what would be removed, remove nothing. */
  dryRun?: boolean;
  /** Stops the walk between two entries (the server closing). */
  signal?: AbortSignal;
}

export interface BlobSweepReport {
  /** False when another sweep was running (in this process; on PostgreSQL, on any node). */
  ran: boolean;
  dryRun: boolean;
  /** Blobs found in the store. */
  scanned: number;
  /** Blobs older than the grace period, checked for references. */
  checked: number;
  /** Blobs removed (or that would be, in a dry run) and their bytes. */
  removed: number;
  removedBytes: number;
  /** Temporary files of interrupted writes removed. */
  temporaryRemoved: number;
}

const blobSweepGraceMs = 24 * 3_600_000;
const defaultBatchSize = 500;

const shardPattern = /^[0-9a-f]{2}$/;
/** What `storeBlob` writes before renaming into place: `<key>.<12 hex>.tmp` beside the blob. */
const shardTempPattern = /^[0-9a-f]{64}\.[0-9a-f]{12}\.tmp$/;
/** A blob moved aside by `removeIfStale`: `<key>.<8 hex>.sweep` in `files/tmp/`. */
const setAsidePattern = /^([0-9a-f]{64})\.[0-9a-f]{8}\.sweep$/;

let sweeping = false;

/**
 * Removes the blobs no row or ledger entry references that are older than the grace period, and
 * temporary files of writes interrupted that long ago. One sweep at a time: in this process, and
 * on PostgreSQL across nodes (an advisory lock); a call meanwhile returns `ran: false` at once.
 */
export async function sweepBlobs(
  ctx: BlobSweepCtx,
  options: BlobSweepOptions = {},
): Promise<BlobSweepReport> {
  const dryRun = options.dryRun ?? false;
  const notRun: BlobSweepReport = { ...emptyReport(dryRun), ran: false };
  if (sweeping) return notRun;
  sweeping = true;
  try {
    const report = await withBlobSweepLock(ctx.db, ctx.dialect, (db) =>
      sweep(db, ctx.config.dataDir, options),
    );
    return report ?? notRun;
  } finally {
    sweeping = false;
  }
}

function emptyReport(dryRun: boolean): BlobSweepReport {
  return { ran: true, dryRun, scanned: 0, checked: 0, removed: 0, removedBytes: 0, temporaryRemoved: 0 };
}

type StoreEntry =
  | { kind: 'blob'; key: string; size: number; mtimeMs: number }
  | { kind: 'temporary'; file: string; mtimeMs: number };

async function sweep(db: Db, dataDir: string, options: BlobSweepOptions): Promise<BlobSweepReport> {
  const graceMs = options.graceMs ?? blobSweepGraceMs;
  const batchSize = options.batchSize ?? defaultBatchSize;
  const report = emptyReport(options.dryRun ?? false);
  // Fixed for the whole run: a blob touched after the sweep began is younger than this.
  const cutoffMs = Date.now() - graceMs;
  const asideDir = path.join(dataDir, 'files', 'tmp');
  if (!report.dryRun) {
    await fs.mkdir(asideDir, { recursive: true });
    await restoreSetAside(dataDir, asideDir);
  }

  let batch: { key: string; size: number }[] = [];
  const flush = async () => {
    const referenced = await listReferencedBlobKeys(
      db,
      batch.map((blob) => blob.key),
    );
    for (const blob of batch) {
      if (referenced.has(blob.key)) continue;
      const removedBytes = report.dryRun
        ? blob.size
        : await removeIfStale(dataDir, asideDir, blob.key, cutoffMs);
      if (removedBytes === undefined) continue;
      report.removed += 1;
      report.removedBytes += removedBytes;
    }
    batch = [];
  };

  for await (const entry of walkStore(dataDir, options.signal)) {
    if (entry.kind === 'temporary') {
      if (!report.dryRun && entry.mtimeMs < cutoffMs) {
        await fs.rm(entry.file, { force: true });
        report.temporaryRemoved += 1;
      }
      continue;
    }
    report.scanned += 1;
    if (entry.mtimeMs >= cutoffMs) continue;
    report.checked += 1;
    batch.push(entry);
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  if (!report.dryRun) report.temporaryRemoved += await sweepBlobTemp(dataDir, graceMs);
  return report;
}

/**
 * Every blob of the store, and every temporary file `storeBlob` left beside them, with their
 * times; names that are neither are passed over.
 */
async function* walkStore(dataDir: string, signal: AbortSignal | undefined): AsyncGenerator<StoreEntry> {
  const filesDir = path.join(dataDir, 'files');
  for await (const shard of entriesOf(filesDir)) {
    if (!shard.isDirectory() || !shardPattern.test(shard.name)) continue;
    const shardDir = path.join(filesDir, shard.name);
    for await (const entry of entriesOf(shardDir)) {
      signal?.throwIfAborted();
      const blob = isBlobKey(entry.name) && entry.name.startsWith(shard.name);
      if (!entry.isFile() || !(blob || shardTempPattern.test(entry.name))) continue;
      const file = path.join(shardDir, entry.name);
      // Undefined: gone since it was listed (another sweep, a rename into place).
      const stat = await fs.stat(file).catch(() => undefined);
      if (!stat) continue;
      yield blob
        ? { kind: 'blob', key: entry.name, size: stat.size, mtimeMs: stat.mtimeMs }
        : { kind: 'temporary', file, mtimeMs: stat.mtimeMs };
    }
  }
}

/**
 * The entries of a directory, read a few at a time (never the whole listing at once); none for
 * a directory that does not exist.
 */
async function* entriesOf(dir: string): AsyncGenerator<Dirent> {
  let handle: Awaited<ReturnType<typeof fs.opendir>>;
  try {
    handle = await fs.opendir(dir, { bufferSize: 256 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  // Iterating closes the handle, at the end or when the caller stops early.
  for await (const entry of handle) yield entry;
}

/**
 * Removes a blob found unreferenced unless it was touched since the sweep began; returns its
 * size, or undefined if it stays or was already gone. The blob is first renamed aside — after
 * that nobody can touch it, since writers touch by its path — and its time is read there: if a
 * writer touched it in between, it goes back. A writer that comes after the rename finds no blob
 * and writes it afresh.
 */
export async function removeIfStale(
  dataDir: string,
  asideDir: string,
  key: string,
  cutoffMs: number,
): Promise<number | undefined> {
  const file = blobPath(dataDir, key);
  const aside = path.join(asideDir, `${key}.${randomBytes(4).toString('hex')}.sweep`);
  try {
    await fs.rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // Undefined: another sweep's recovery put it back already.
  const stat = await fs.stat(aside).catch(() => undefined);
  if (!stat) return undefined;
  if (stat.mtimeMs >= cutoffMs) {
    // Whatever a writer put under the key since holds the same bytes: replacing it is harmless.
    // Should this fail, the next sweep puts it back (`restoreSetAside`).
    await fs.rename(aside, file).catch(() => {});
    return undefined;
  }
  await fs.rm(aside, { force: true });
  return stat.size;
}

/**
 * Puts back the blobs a crashed sweep had set aside before deciding on them; they are checked
 * again like any other. One set aside by a sweep still running (the CLI beside the server, on
 * SQLite) may be put back too: that sweep then finds it gone and the blob merely stays.
 */
async function restoreSetAside(dataDir: string, asideDir: string): Promise<void> {
  for await (const entry of entriesOf(asideDir)) {
    const match = setAsidePattern.exec(entry.name);
    if (!match) continue;
    const file = blobPath(dataDir, match[1]!);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.rename(path.join(asideDir, entry.name), file).catch(() => {});
  }
}
