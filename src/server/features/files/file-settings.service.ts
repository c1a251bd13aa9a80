import {
  type FileQuota,
  type FileSettings,
  type FileSettingsResponse,
  fileLimits,
  fileSettingsSchema,
} from '../../../shared/api/files.js';
import { requireActor, requireRole } from '../../platform/auth/guards.js';
import { type Ctx, record, transact } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { readSetting, writeSetting } from '../settings/settings.service.js';
import { lockStorageUsage, sumChatUploadBytes, sumUploadedBytes } from './files.queries.js';

/**
 * The administrator's limits on uploads (R26): the size of one file and each person's quota,
 * typed defaults in code with overrides in the `settings` table. A stored value that no longer
 * parses falls back to the default.
 */

const settingsKey = 'files.limits';
const mb = 1024 * 1024;

export const defaultFileSettings: FileSettings = {
  maxFileMb: fileLimits.defaultMaxFileMb,
  quotaMb: fileLimits.defaultQuotaMb,
};

/** The limits in force. */
export async function getFileSettings(db: Executor): Promise<FileSettings> {
  const stored = await readSetting(db, settingsKey, fileSettingsSchema.partial());
  return { ...defaultFileSettings, ...stored };
}

/** `GET /settings/files` (admins). */
export async function readFileSettings(ctx: Ctx): Promise<FileSettingsResponse> {
  requireRole(ctx, 'admin');
  return { settings: await getFileSettings(ctx.db), defaults: defaultFileSettings };
}

/** `PUT /settings/files` (admins): replaces both limits; records before and after. */
export async function updateFileSettings(ctx: Ctx, body: FileSettings): Promise<FileSettingsResponse> {
  requireRole(ctx, 'admin');
  const settings = await transact(ctx, async (tx) => {
    const before = await getFileSettings(tx);
    await writeSetting(tx, settingsKey, body);
    await record(ctx, tx, {
      action: 'settings.files.changed',
      subjectType: 'settings',
      subjectId: settingsKey,
      payload: { before, after: body },
    });
    return body;
  });
  return { settings, defaults: defaultFileSettings };
}

/** What one person may still upload, in bytes, and which bound is the smaller one. */
export interface UploadAllowance {
  maxFileBytes: number;
  quotaBytes: number;
  usedBytes: number;
  /** min(per-file limit, quota left), never below 0. */
  limitBytes: number;
  /** Which bound `limitBytes` is: the error a refusal names. */
  bound: 'file' | 'quota';
}

/**
 * The upload allowance of `userId` now. The quota covers what they uploaded to libraries and
 * to chats.
 */
export async function uploadAllowance(db: Executor, userId: string): Promise<UploadAllowance> {
  const settings = await getFileSettings(db);
  const maxFileBytes = settings.maxFileMb * mb;
  const quotaBytes = settings.quotaMb * mb;
  const [libraryBytes, chatBytes] = await Promise.all([
    sumUploadedBytes(db, userId),
    sumChatUploadBytes(db, userId),
  ]);
  const usedBytes = libraryBytes + chatBytes;
  const left = Math.max(0, quotaBytes - usedBytes);
  return {
    maxFileBytes,
    quotaBytes,
    usedBytes,
    limitBytes: Math.min(maxFileBytes, left),
    bound: left < maxFileBytes ? 'quota' : 'file',
  };
}

/** The error parameters of a refusal by `allowance`, in whole MB. */
export function allowanceParams(allowance: UploadAllowance): Record<string, number> {
  const toMb = (bytes: number) => Math.floor(bytes / mb);
  return allowance.bound === 'quota'
    ? { quotaMb: toMb(allowance.quotaBytes), leftMb: toMb(allowance.quotaBytes - allowance.usedBytes) }
    : { maxMb: toMb(allowance.maxFileBytes) };
}

/**
 * The refusal of an upload by `allowance` (413): the per-file limit or the quota, whichever is
 * the smaller bound. `headers` go with the answer (`connection: close` while a body is unread).
 */
export function uploadRefusal(allowance: UploadAllowance, headers?: Record<string, string>): AppError {
  const code = allowance.bound === 'quota' ? 'FILE_QUOTA_EXCEEDED' : 'FILE_TOO_LARGE';
  return new AppError(code, allowanceParams(allowance), [], headers);
}

/**
 * The authoritative check of `size` more bytes charged to `userId`, inside `tx`, which must
 * write the row that charges them before it commits: the person's usage is locked first (see
 * `lockStorageUsage`) and stays locked until `tx` ends, so uploads that all passed the early
 * check while their bytes streamed cannot together go past the quota. Throws the refusal.
 */
export async function checkUploadFits(
  ctx: Pick<Ctx, 'dialect'>,
  tx: Tx,
  userId: string,
  size: number,
): Promise<void> {
  await lockStorageUsage(tx, ctx.dialect, userId);
  const allowance = await uploadAllowance(tx, userId);
  if (size > allowance.limitBytes) throw uploadRefusal(allowance);
}

/** `GET /files/quota`: the viewer's limits and usage. */
export async function getFileQuota(ctx: Ctx): Promise<FileQuota> {
  const actor = requireActor(ctx);
  const { maxFileBytes, quotaBytes, usedBytes } = await uploadAllowance(ctx.db, actor.id);
  return { maxFileBytes, quotaBytes, usedBytes };
}
