import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import {
  type CreatedFileLink,
  type CreateFileLinkBody,
  type FileLinkPage,
  type FileView,
  fileLimits,
} from '../../../shared/api/files.js';
import type { PageQuery } from '../../../shared/api/pagination.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Actor, type Ctx, record, transact } from '../../platform/context.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { authorize } from '../users/users.policy.js';
import { type ContentToSend, openLinkedContent } from './file-content.service.js';
import {
  findLinkByTokenHash,
  findLinkRow,
  insertLinkRow,
  type LinkRecord,
  listLinkRows,
  revokeLinkRow,
} from './file-links.queries.js';
import { canReadFile, canShareFile } from './files.policy.js';
import { fileFactsOf, isLinkActive, presentFile, presentLink } from './files.presenter.js';
import { type FileRow, findFileRow } from './files.queries.js';
import { companyNameOf, loadReadableFile } from './files.service.js';

/**
 * Links (G3): a read-only link to a file for signed-in active people (guests too) that expires
 * (7 days by default, at most 90) and can be revoked. The token is shown once; only its SHA-256
 * is stored, so the database never holds a usable link. Downloads through a link are recorded.
 */

const dayMs = 86_400_000;
const linkCursor = z.strictObject({ i: z.string().max(100) });

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** The expiry a link is created with: 400 FILE_LINK_EXPIRY_INVALID outside (now, now + 90 days]. */
function expiryOf(body: CreateFileLinkBody, now: number): string {
  if (!body?.expiresAt) return new Date(now + fileLimits.linkDefaultDays * dayMs).toISOString();
  const at = Date.parse(body.expiresAt);
  if (!Number.isFinite(at) || at <= now || at > now + fileLimits.linkMaxDays * dayMs) {
    throw new AppError('FILE_LINK_EXPIRY_INVALID', { maxDays: fileLimits.linkMaxDays });
  }
  return new Date(at).toISOString();
}

/** `POST /files/{id}/links` (whoever may share): the token is in this answer only. */
export async function createFileLink(
  ctx: Ctx,
  fileId: string,
  body: CreateFileLinkBody,
): Promise<CreatedFileLink> {
  const token = randomBytes(32).toString('base64url');
  const id = uuidv7();
  return transact(ctx, async (tx) => {
    const { facts, actor } = await loadReadableFile(ctx, fileId, tx);
    authorize(canShareFile(actor, facts));
    const now = Date.now();
    const expiresAt = expiryOf(body, now);
    await insertLinkRow(tx, {
      id,
      file_id: fileId,
      token_hash: hashToken(token),
      created_by: actor.id,
      created_at: new Date(now).toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
      revoked_by: null,
    });
    await record(ctx, tx, {
      action: 'file.link_created',
      subjectType: 'file',
      subjectId: fileId,
      payload: { linkId: id, expiresAt },
    });
    const row = await findLinkRow(tx, fileId, id);
    return { ...presentLink(row!, true), token };
  });
}

/** `GET /files/{id}/links` (whoever may share): newest first, revoked and expired ones too. */
export async function listFileLinks(ctx: Ctx, fileId: string, query: PageQuery): Promise<FileLinkPage> {
  const { facts, actor } = await loadReadableFile(ctx, fileId);
  const canShare = canShareFile(actor, facts);
  authorize(canShare);
  const after = decodeCursor(linkCursor, query.cursor);
  const rows = await listLinkRows(ctx.db, fileId, after?.i, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => presentLink(row, canShare)),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ i: last.id }) : null,
  };
}

/** `DELETE /files/{id}/links/{linkId}` (whoever may share): the link stops working at once. */
export async function revokeFileLink(ctx: Ctx, fileId: string, linkId: string): Promise<void> {
  await transact(ctx, async (tx) => {
    const { facts, actor } = await loadReadableFile(ctx, fileId, tx);
    authorize(canShareFile(actor, facts));
    const link = await findLinkRow(tx, fileId, linkId);
    if (!link) throw new AppError('FILE_LINK_NOT_FOUND');
    if (link.revoked_at !== null) return;
    await revokeLinkRow(tx, linkId, actor.id, new Date().toISOString());
    await record(ctx, tx, {
      action: 'file.link_revoked',
      subjectType: 'file',
      subjectId: fileId,
      payload: { linkId },
    });
  });
}

/**
 * The file a token opens for the signed-in actor: 404 FILE_LINK_NOT_FOUND for an unknown token,
 * 410 FILE_LINK_EXPIRED for a revoked or expired one, or one whose file was deleted.
 */
async function openLink(ctx: Ctx, token: string): Promise<{ link: LinkRecord; row: FileRow; actor: Actor }> {
  const actor = requireActor(ctx);
  const link = await findLinkByTokenHash(ctx.db, hashToken(token));
  if (!link) throw new AppError('FILE_LINK_NOT_FOUND');
  if (!isLinkActive(link)) throw new AppError('FILE_LINK_EXPIRED');
  const row = await findFileRow(ctx.db, actor, link.file_id);
  if (!row || !canReadFile(actor, fileFactsOf(row, true))) throw new AppError('FILE_LINK_EXPIRED');
  return { link, row, actor };
}

/** `GET /file-links/{token}`: the file's view, reached through the link. */
export async function getLinkedFile(ctx: Ctx, token: string): Promise<FileView> {
  const { row, actor } = await openLink(ctx, token);
  return presentFile(row, actor, await companyNameOf(ctx.db), token);
}

/** `GET /file-links/{token}/content`: the current version's bytes, recorded in the ledger. */
export async function openLinkContent(
  ctx: Ctx,
  token: string,
  rangeHeader: string | undefined,
): Promise<ContentToSend> {
  const { link, row, actor } = await openLink(ctx, token);
  return openLinkedContent(ctx, actor, row, link.id, rangeHeader);
}
