import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Banner, CreateBannerBody, UpdateBannerBody } from '../../../shared/api/banners.js';
import type { Page, PageQuery } from '../../../shared/api/pagination.js';
import { cleanLine, cleanText } from '../../../shared/text.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Ctx, record, transact } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { appendStreamEvent, streams } from '../../platform/events/streams.js';
import { decodeCursor, pageOf } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { renderMarkdown } from '../../platform/markdown/render.js';
import { canManageBanners, canSeeBanners } from './banners.policy.js';
import { presentBanner } from './banners.presenter.js';
import {
  type BannerRow,
  deleteBannerRow,
  findBanner,
  insertBanner,
  listRunningBanners,
  updateBannerRow,
} from './banners.queries.js';

/**
 * Pinned banners (P7): company-wide notices shown above the feed until their end date. The
 * title is plain text stored as sent (R32 normalisation only); the body is Markdown stored with
 * its sanitised rendering. Every version goes to the ledger; every change is announced on the
 * company stream (`banner.changed`) so open feeds refresh their banners.
 */

const bannerCursor = z.strictObject({ i: z.uuid() });

function requireManager(ctx: Ctx) {
  const actor = requireActor(ctx);
  if (!canManageBanners(actor)) throw new AppError('FORBIDDEN');
  return actor;
}

function cleanTitle(title: string): string {
  const cleaned = cleanLine(title);
  if (cleaned === '') throw new AppError('BANNER_TITLE_EMPTY');
  return cleaned;
}

/** An end date as stored (UTC ISO text, which sorts as text), refused when not in the future. */
function futureEndsAt(value: string): string {
  const endsAt = new Date(value).toISOString();
  if (endsAt <= new Date().toISOString()) throw new AppError('BANNER_ENDS_IN_PAST');
  return endsAt;
}

/** The full version of a banner, as the ledger keeps it. */
function versionOf(row: Pick<BannerRow, 'title' | 'body' | 'html' | 'link_url' | 'ends_at'>) {
  return { title: row.title, body: row.body, html: row.html, linkUrl: row.link_url, endsAt: row.ends_at };
}

async function announce(tx: Tx, bannerId: string): Promise<void> {
  await appendStreamEvent(tx, streams.company, 'banner.changed', { bannerId });
}

async function requireBanner(ctx: Ctx, id: string): Promise<BannerRow> {
  const row = await findBanner(ctx.db, id);
  if (!row) throw new AppError('BANNER_NOT_FOUND');
  return row;
}

/** `POST /banners` (platform moderators and admins). */
export async function createBanner(ctx: Ctx, body: CreateBannerBody): Promise<Banner> {
  const actor = requireManager(ctx);
  const source = cleanText(body.body ?? '');
  const row = {
    id: uuidv7(),
    title: cleanTitle(body.title),
    body: source,
    html: source.trim() === '' ? '' : renderMarkdown(source),
    link_url: body.linkUrl ?? null,
    ends_at: futureEndsAt(body.endsAt),
    created_by: actor.id,
    created_at: new Date().toISOString(),
  };
  await transact(ctx, async (tx) => {
    await insertBanner(tx, row);
    await record(ctx, tx, {
      action: 'banner.created',
      subjectType: 'banner',
      subjectId: row.id,
      payload: versionOf(row),
    });
    await announce(tx, row.id);
  });
  return presentBanner(await requireBanner(ctx, row.id), actor);
}

/** `GET /banners`: the running banners, newest first; guests see none. */
export async function listBanners(ctx: Ctx, query: PageQuery): Promise<Page<Banner>> {
  const actor = requireActor(ctx);
  if (!canSeeBanners(actor)) return { items: [], nextCursor: null };
  const rows = await listRunningBanners(
    ctx.db,
    new Date().toISOString(),
    decodeCursor(bannerCursor, query.cursor),
    query.limit + 1,
  );
  return pageOf(
    rows,
    query.limit,
    (r) => ({ i: r.id }),
    (r) => presentBanner(r, actor),
  );
}

/** `PATCH /banners/{id}`: a new version, recorded in full. Ended banners may be revived. */
export async function updateBanner(ctx: Ctx, id: string, body: UpdateBannerBody): Promise<Banner> {
  const actor = requireManager(ctx);
  const current = await requireBanner(ctx, id);
  const source = body.body === undefined ? current.body : cleanText(body.body);
  const next = {
    title: body.title === undefined ? current.title : cleanTitle(body.title),
    body: source,
    html: body.body === undefined ? current.html : source.trim() === '' ? '' : renderMarkdown(source),
    link_url: body.linkUrl === undefined ? current.link_url : body.linkUrl,
    ends_at: body.endsAt === undefined ? current.ends_at : futureEndsAt(body.endsAt),
  };
  await transact(ctx, async (tx) => {
    if (!(await findBanner(tx, id))) throw new AppError('BANNER_NOT_FOUND');
    await updateBannerRow(tx, id, next);
    await record(ctx, tx, {
      action: 'banner.updated',
      subjectType: 'banner',
      subjectId: id,
      payload: versionOf(next),
    });
    await announce(tx, id);
  });
  return presentBanner(await requireBanner(ctx, id), actor);
}

/** `DELETE /banners/{id}`: gone from every feed; the ledger keeps its last version. */
export async function deleteBanner(ctx: Ctx, id: string): Promise<void> {
  requireManager(ctx);
  await transact(ctx, async (tx) => {
    const current = await findBanner(tx, id);
    if (!current) throw new AppError('BANNER_NOT_FOUND');
    await deleteBannerRow(tx, id);
    await record(ctx, tx, {
      action: 'banner.deleted',
      subjectType: 'banner',
      subjectId: id,
      payload: versionOf(current),
    });
    await announce(tx, id);
  });
}
