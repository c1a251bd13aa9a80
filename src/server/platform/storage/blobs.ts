import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Content-addressed files under `<dataDir>/files/<first two hex>/<sha256>` (DESIGN.md: the
 * embedded file store). Equal bytes are stored once; a key is the SHA-256 of the content, so a
 * stored file never changes under its key.
 */

const keyPattern = /^[0-9a-f]{64}$/;

/** Whether `name` is a blob key (a SHA-256 in lower-case hex). */
export function isBlobKey(name: string): boolean {
  return keyPattern.test(name);
}

/**
 * Every blob key a JSON value names: its string values, in objects and arrays at any depth, that
 * are blob keys — each once. Whole values only (a key inside a sentence is not one); property
 * names are not values. What the ledger names this way the blob sweep keeps (ledger.ts). A value
 * that merely looks like a key (another SHA-256) only keeps a blob of those exact bytes, if any.
 */
export function blobKeysIn(value: unknown): string[] {
  const keys = new Set<string>();
  // A stack rather than recursion: nesting is as deep as the content recorded makes it.
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') {
      if (keyPattern.test(item)) keys.add(item);
    } else if (item !== null && typeof item === 'object') {
      // One at a time: spreading a long array into `push` overflows the argument limit.
      for (const inner of Array.isArray(item) ? item : Object.values(item)) pending.push(inner);
    }
  }
  return [...keys];
}

/** The path of a blob; throws for anything that is not a SHA-256 key (no path tricks). */
export function blobPath(dataDir: string, key: string): string {
  if (!keyPattern.test(key)) throw new Error('Invalid blob key');
  return path.join(dataDir, 'files', key.slice(0, 2), key);
}

/**
 * Marks a stored blob as written just now; false if it is absent (or cannot be touched: the
 * caller then writes it afresh). Whoever stores bytes that are already there calls it, because
 * the blob sweep (blob-sweep.ts) removes only blobs whose modification time is older than its
 * grace period: an old blob that nothing referenced may be about to be referenced again.
 */
export async function touchBlob(file: string): Promise<boolean> {
  const now = new Date();
  try {
    await fs.utimes(file, now, now);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stores bytes and returns their key. Writes to a temporary name and renames, so a reader never
 * sees half a file and a crash leaves no corrupt blob under a valid key.
 */
export async function storeBlob(dataDir: string, bytes: Uint8Array): Promise<string> {
  const key = createHash('sha256').update(bytes).digest('hex');
  const target = blobPath(dataDir, key);
  if (await touchBlob(target)) return key;
  await fs.mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  await fs.writeFile(temp, bytes);
  await fs.rename(temp, target);
  return key;
}

/** The bytes of a blob, or undefined if it is not stored. */
export async function readBlob(dataDir: string, key: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(blobPath(dataDir, key));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
