import { z } from 'zod';
import type { FeedPage, FeedQuery, PersonalFeedPage } from '../../../shared/api/feed.js';
import type { PostView } from '../../../shared/api/posts.js';
import { requireActor, requireEmployee } from '../../platform/auth/guards.js';
import type { Actor, Ctx } from '../../platform/context.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { findGroupForViewer } from '../groups/groups.service.js';
import { loadPostViews } from '../posts/posts.service.js';
import { normaliseTag } from '../topics/topics.service.js';
import { canViewUser } from '../users/users.policy.js';
import { mergeReadable } from './feed.merge.js';
import { presentFeedItems, presentPersonalItems } from './feed.presenter.js';
import {
  type FeedSource,
  filterReadable,
  findFeedVisit,
  findHistoryOwner,
  insertFeedVisit,
  listPersonalCandidates,
  listSourceIds,
  listTopCandidates,
  scanSource,
  type TopCandidate,
  updateFeedVisit,
} from './feed.queries.js';

/**
 * The feeds (F1–F3), all built from the same machinery (feed.queries.ts): per-source "newest
 * below the cursor" index scans filtered by the viewer's read access in SQL, merged newest first
 * by id (UUIDv7, so time order). Pinned posts and unconfirmed must-read announcements lead the
 * first page and are then left out of the newest-first part, on every page, so nothing repeats.
 */

/** The cursor is the last id of the newest-first part of the previous page. */
const feedCursor = z.strictObject({ i: z.uuid() });

/** At most this many must-read and this many pinned posts lead a first page. */
const topLimit = 5;

/** A reload within this long continues the same sitting: the "new" marker stays where it was. */
const sittingMs = 30 * 60_000;
/** The last visit is written at most this often (a reload is a read, not a write). */
const visitWriteMs = 60_000;

interface Top {
  id: string;
  reason: 'mustRead' | 'pinned';
}

/** Which posts may lead a first page: the company's, one group's, or the personal feed's. */
type TopScope = { kind: 'personal' } | { kind: 'company' } | { kind: 'group'; id: string };

function inScope(scope: TopScope, c: TopCandidate): boolean {
  if (c.reason === 'mustRead') return scope.kind === 'personal';
  switch (scope.kind) {
    case 'company':
      return c.space_type === 'company';
    case 'group':
      return c.group_id === scope.id;
    case 'personal':
      return c.space_type === 'company' || c.member === 1;
  }
}

const newestFirst = (a: TopCandidate, b: TopCandidate) =>
  a.rank !== b.rank ? (a.rank < b.rank ? 1 : -1) : a.id < b.id ? 1 : -1;

/**
 * The top of a first page among readable candidates: in the personal feed the unconfirmed
 * must-read announcements (newest first), then the pinned posts of the company space and the
 * viewer's groups; in the company and group feeds their pinned posts (latest pinned first). At
 * most `topLimit` of each. The top is computed the same way on every page, so that later pages
 * leave out exactly what the first one showed.
 */
function pickTop(scope: TopScope, candidates: readonly TopCandidate[], readable: ReadonlySet<string>): Top[] {
  const allowed = candidates.filter((c) => inScope(scope, c) && readable.has(c.id)).sort(newestFirst);
  const top = [
    ...allowed.filter((c) => c.reason === 'mustRead').slice(0, topLimit),
    ...allowed.filter((c) => c.reason === 'pinned').slice(0, topLimit),
  ];
  const seen = new Set<string>();
  return top.flatMap((c) => {
    if (seen.has(c.id)) return [];
    seen.add(c.id);
    return [{ id: c.id, reason: c.reason }];
  });
}

/** The top of a company or group feed's first page that `actor` may read. */
async function listTop(ctx: Ctx, actor: Actor, scope: TopScope): Promise<Top[]> {
  const candidates = (await listTopCandidates(ctx.db, actor.id, false)).filter((c) => inScope(scope, c));
  const readable = await filterReadable(
    ctx.db,
    actor,
    candidates.map((c) => c.id),
  );
  return pickTop(scope, candidates, readable);
}

/** Ids of the page, the items that led it, and the cursor of the next one. */
interface PageIds {
  top: Top[];
  ids: string[];
  nextCursor: string | null;
}

function cut(top: Top[], newest: string[], limit: number, first: boolean): PageIds {
  const ids = newest.slice(0, limit);
  const last = ids[ids.length - 1];
  return {
    top: first ? top : [],
    ids,
    nextCursor: newest.length > limit && last !== undefined ? encodeCursor({ i: last }) : null,
  };
}

/** Loads and presents the page's posts in order: its top first, then the newest-first part. */
async function viewsOf(
  ctx: Ctx,
  page: PageIds,
): Promise<{ views: PostView[]; reasons: Map<string, Top['reason']> }> {
  const views = await loadPostViews(ctx, [...page.top.map((t) => t.id), ...page.ids]);
  return { views, reasons: new Map(page.top.map((t) => [t.id, t.reason])) };
}

/** One source's page (company, a group, a topic, an author), its pinned posts first. */
async function sourcePage(
  ctx: Ctx,
  actor: Actor,
  source: FeedSource,
  pins: TopScope | null,
  query: FeedQuery,
): Promise<PageIds> {
  const before = decodeCursor(feedCursor, query.cursor)?.i;
  const top = pins ? await listTop(ctx, actor, pins) : [];
  const skip = new Set(top.map((t) => t.id));
  const want = query.limit + 1 + skip.size;
  const ids = (await scanSource(ctx.db, actor, source, before, want)).filter((id) => !skip.has(id));
  return cut(top, ids, query.limit, before === undefined);
}

/**
 * The personal feed's ids for `actor`: the merge of their member groups, followed people (and
 * their own posts), followed and priority topics and the company space. Two round trips in the
 * common case: the top's and the sources' candidates together, then one readability check of the
 * top's candidates with the newest candidates of the merge. Exported for the benchmark's
 * ceiling, which runs exactly this without HTTP.
 */
export async function personalFeedIds(ctx: Ctx, actor: Actor, query: FeedQuery): Promise<PageIds> {
  const before = decodeCursor(feedCursor, query.cursor)?.i;
  const want = query.limit + 1;
  const scope: TopScope = { kind: 'personal' };
  // Guests read no company posts, so the company space's pace tells nothing about their page.
  const bounded = actor.role !== 'guest';
  const [topCandidates, candidates] = await Promise.all([
    listTopCandidates(ctx.db, actor.id, true).then((all) => all.filter((c) => inScope(scope, c))),
    listPersonalCandidates(ctx.db, ctx.dialect, actor.id, before, want, bounded),
  ]);
  const topIds = new Set(topCandidates.map((c) => c.id));
  const head = [...new Set(candidates.flatMap((c) => c.ids))]
    .sort()
    .reverse()
    .filter((id) => !topIds.has(id))
    .slice(0, want + topLimit * 2);
  const readable = await filterReadable(ctx.db, actor, [...topIds, ...head]);
  const top = pickTop(scope, topCandidates, readable);
  const skip = new Set(top.map((t) => t.id));
  const known = new Map(head.map((id) => [id, readable.has(id)]));
  const io = {
    more: (source: FeedSource, below: string, limit: number) => listSourceIds(ctx.db, source, below, limit),
    readable: async (ids: readonly string[]) => {
      const ok = await filterReadable(ctx.db, actor, ids);
      for (const id of ids) known.set(id, ok.has(id));
      return ok;
    },
  };
  const newest =
    (await mergeReadable(candidates, want, want, io, skip, known)) ??
    (await mergeReadable(
      await listPersonalCandidates(ctx.db, ctx.dialect, actor.id, before, want, false),
      want,
      want,
      io,
      skip,
      known,
    ))!;
  return cut(top, newest, query.limit, before === undefined);
}

/**
 * Reads the viewer's "new since" marker; on a first page also records this visit. A visit more
 * than `sittingMs` after the last one starts a new sitting: the marker moves to the last visit.
 */
async function visitMarker(ctx: Ctx, userId: string, first: boolean): Promise<string | null> {
  const visit = await findFeedVisit(ctx.db, userId);
  if (!first) return visit?.previous_visit_at ?? null;
  const now = new Date();
  const at = now.toISOString();
  if (!visit) {
    await insertFeedVisit(ctx.db, userId, at);
    return null;
  }
  const since = now.getTime() - Date.parse(visit.last_visit_at);
  if (since > sittingMs) {
    await updateFeedVisit(ctx.db, userId, at, visit.last_visit_at);
    return visit.last_visit_at;
  }
  if (since > visitWriteMs) await updateFeedVisit(ctx.db, userId, at);
  return visit.previous_visit_at;
}

/** `GET /feed`: the personal feed (F1, F3). Guests see the groups they were added to. */
export async function getPersonalFeed(ctx: Ctx, query: FeedQuery): Promise<PersonalFeedPage> {
  const actor = requireActor(ctx);
  const [page, marker] = await Promise.all([
    personalFeedIds(ctx, actor, query),
    visitMarker(ctx, actor.id, query.cursor === undefined),
  ]);
  const { views, reasons } = await viewsOf(ctx, page);
  return {
    items: presentPersonalItems(views, reasons, marker),
    nextCursor: page.nextCursor,
    lastVisitAt: marker,
  };
}

/** `GET /company/feed`: the company space, its pinned posts first. */
export async function getCompanyFeed(ctx: Ctx, query: FeedQuery): Promise<FeedPage> {
  const actor = requireEmployee(ctx);
  const page = await sourcePage(ctx, actor, { kind: 'company' }, { kind: 'company' }, query);
  const { views, reasons } = await viewsOf(ctx, page);
  return { items: presentFeedItems(views, reasons), nextCursor: page.nextCursor };
}

/**
 * `GET /groups/{id}/feed`: a group's posts, its pinned ones first. 404 for a group the viewer may
 * not know of (a secret group to non-members); a closed group's feed is empty to non-members.
 */
export async function getGroupFeed(ctx: Ctx, groupId: string, query: FeedQuery): Promise<FeedPage> {
  const actor = requireActor(ctx);
  await findGroupForViewer(ctx, groupId);
  const page = await sourcePage(
    ctx,
    actor,
    { kind: 'group', id: groupId },
    { kind: 'group', id: groupId },
    query,
  );
  const { views, reasons } = await viewsOf(ctx, page);
  return { items: presentFeedItems(views, reasons), nextCursor: page.nextCursor };
}

/** `GET /topics/{tag}/feed`: posts with the hashtag that the viewer may read. */
export async function getTopicFeed(ctx: Ctx, tag: string, query: FeedQuery): Promise<FeedPage> {
  const actor = requireEmployee(ctx);
  const page = await sourcePage(ctx, actor, { kind: 'tag', tag: normaliseTag(tag) }, null, query);
  const { views, reasons } = await viewsOf(ctx, page);
  return { items: presentFeedItems(views, reasons), nextCursor: page.nextCursor };
}

/** `GET /users/{id}/posts`: what a person published, as far as the viewer may read it. */
export async function getUserPosts(ctx: Ctx, userId: string, query: FeedQuery): Promise<FeedPage> {
  const actor = requireActor(ctx);
  if (!canViewUser(actor, userId)) throw new AppError('FORBIDDEN');
  if (!(await findHistoryOwner(ctx.db, userId))) throw new AppError('USER_NOT_FOUND');
  const page = await sourcePage(ctx, actor, { kind: 'author', id: userId }, null, query);
  const { views, reasons } = await viewsOf(ctx, page);
  return { items: presentFeedItems(views, reasons), nextCursor: page.nextCursor };
}
