import type { Ctx } from '../../platform/context.js';
import { type BlobStore, createDiskBlobStore } from '../../platform/storage/blob-store.js';

/** The blob store documents live in: the content-addressed folder under the data directory. */
export function fileStore(ctx: Pick<Ctx, 'config'>): BlobStore {
  return createDiskBlobStore(ctx.config.dataDir);
}
