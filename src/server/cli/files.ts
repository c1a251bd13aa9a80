import { sweepBlobs } from '../platform/storage/blob-sweep.js';
import { openRuntime } from './runtime.js';

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * `atrium files sweep`: the hourly sweep of `atrium serve`, run by hand — removes stored files
 * no row or ledger entry references that are older than the grace period. Exit 1 when another
 * sweep is running.
 */
export async function filesSweep(options: { graceHours: number; dryRun?: boolean }): Promise<number> {
  const rt = await openRuntime();
  try {
    const report = await sweepBlobs(rt.ctx, {
      graceMs: options.graceHours * 3_600_000,
      dryRun: options.dryRun,
    });
    if (!report.ran) {
      console.error('Another sweep is running (here or on another node); nothing was done.');
      return 1;
    }
    const verb = report.dryRun ? 'Would remove' : 'Removed';
    console.log(
      `${verb} ${report.removed} unreferenced files (${megabytes(report.removedBytes)}) of ${report.scanned} stored; ` +
        `${report.checked - report.removed} older than ${options.graceHours} h are still referenced.`,
    );
    if (report.temporaryRemoved > 0) {
      console.log(`Removed ${report.temporaryRemoved} temporary files of interrupted uploads.`);
    }
    return 0;
  } finally {
    await rt.close();
  }
}
