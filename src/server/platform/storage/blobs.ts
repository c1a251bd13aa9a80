import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Content-addressed files under `<dataDir>/files/<first two hex>/<sha256>` (DESIGN.md: the
 * embedded file store). Equal bytes are stored once; a key is the SHA-256 of the content, so a
 * stored file never changes under its key.
 */

const keyPattern = /^[0-9a-f]{64}$/;

/** The path of a blob; throws for anything that is not a SHA-256 key (no path tricks). */
export function blobPath(dataDir: string, key: string): string {
  if (!keyPattern.test(key)) throw new Error('Invalid blob key');
  return path.join(dataDir, 'files', key.slice(0, 2), key);
}

/**
 * Stores bytes and returns their key. Writes to a temporary name and renames, so a reader never
 * sees half a file and a crash leaves no corrupt blob under a valid key.
 */
export async function storeBlob(dataDir: string, bytes: Uint8Array): Promise<string> {
  const key = createHash('sha256').update(bytes).digest('hex');
  const target = blobPath(dataDir, key);
  try {
    await fs.access(target);
    return key;
  } catch {
    // Not stored yet.
  }
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
