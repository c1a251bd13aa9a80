import type { App } from '../../app.js';
import type { Ctx } from '../../platform/context.js';
import type { FileTextStatus } from '../../platform/db/schema.js';
import { extractText } from '../../platform/files/text-extraction.js';
import { makeThumbnail } from '../../platform/files/thumbnails.js';
import { kindOf } from './files.presenter.js';
import { findFileVersion, listPendingVersions, updateVersionProcessing } from './files.queries.js';
import { fileStore } from './files.storage.js';

/**
 * Background work on a committed version: an image's thumbnail (sharp, with its pixel and time
 * limits) and the text of PDF, DOCX, TXT and MD files for search. It runs in this process, one
 * version at a time (the machine's cores serve requests first), after the upload's transaction
 * has committed; `text_status` says where each version stands ('pending' until done, 'none' when
 * there is nothing to extract, 'failed' when the file could not be read within the limits).
 * Versions left 'pending' by a restart are picked up by `resumePendingFileProcessing`.
 */

type JobCtx = Pick<Ctx, 'db' | 'config' | 'log'>;

interface Job {
  ctx: JobCtx;
  fileId: string;
  version: number;
}

const queue: Job[] = [];
let running: Promise<void> | null = null;

/** Queues a version for processing; returns at once. */
export function queueFileProcessing(ctx: JobCtx, item: { fileId: string; version: number }): void {
  queue.push({ ctx: { db: ctx.db, config: ctx.config, log: ctx.log }, ...item });
  if (!running) running = drain();
}

/** Resolves once nothing is queued or running (tests wait on it before closing their database). */
export async function fileProcessingIdle(): Promise<void> {
  while (running) await running;
}

/** Queues every version still pending (after a restart); returns how many. */
export async function resumePendingFileProcessing(ctx: JobCtx, limit = 1000): Promise<number> {
  const pending = await listPendingVersions(ctx.db, limit);
  for (const row of pending) queueFileProcessing(ctx, { fileId: row.file_id, version: Number(row.version) });
  return pending.length;
}

/**
 * For `atrium serve`: picks up versions a previous run left pending, and lets the app close only
 * once the version being processed is done (its database must still be open).
 */
export function startFileJobs(app: App): void {
  const ctx: JobCtx = { db: app.database.db, config: app.config, log: app.log };
  app.addHook('onReady', async () => {
    const resumed = await resumePendingFileProcessing(ctx).catch((err) => {
      app.log.error({ err }, 'resuming file processing failed');
      return 0;
    });
    if (resumed > 0) app.log.info({ resumed }, 'file processing resumed');
  });
  app.addHook('onClose', async () => {
    queue.length = 0;
    await fileProcessingIdle();
  });
}

async function drain(): Promise<void> {
  try {
    for (let job = queue.shift(); job; job = queue.shift()) {
      try {
        await processVersion(job);
      } catch (error) {
        job.ctx.log.error({ err: error, fileId: job.fileId, version: job.version }, 'file processing failed');
      }
    }
  } finally {
    running = null;
  }
}

async function processVersion({ ctx, fileId, version }: Job): Promise<void> {
  const row = await findFileVersion(ctx.db, fileId, version);
  if (row?.text_status !== 'pending') return;
  const store = fileStore(ctx);
  const kind = kindOf(row.mime);

  let thumb: { key: string; width: number; height: number } | undefined;
  if (kind === 'image') {
    try {
      thumb = await makeThumbnail(store, row.blob_key);
    } catch (error) {
      // A bomb or a broken image: no preview, the file stays downloadable.
      ctx.log.warn({ err: error, fileId, version }, 'no thumbnail for an image');
    }
  }

  let text: string | null = null;
  let status: FileTextStatus = 'none';
  if (kind === 'pdf' || kind === 'text' || kind === 'markdown' || kind === 'office') {
    try {
      // Undefined: nothing to extract (an office file that is not a Word document).
      text = (await extractText(store, row.blob_key, kind)) ?? null;
      status = text === null ? 'none' : 'done';
    } catch (error) {
      ctx.log.warn({ err: error, fileId, version }, 'text extraction failed');
      status = 'failed';
    }
  }

  await updateVersionProcessing(ctx.db, fileId, version, {
    text,
    text_status: status,
    thumb_key: thumb?.key ?? null,
    width: thumb?.width ?? null,
    height: thumb?.height ?? null,
  });
}
