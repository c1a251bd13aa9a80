import { z } from 'zod';
import type { AnnouncementView, CreateAnnouncementBody, PersonRef } from '../../../shared/api/post-kinds.js';
import type { PostView } from '../../../shared/api/posts.js';
import { cleanLine } from '../../../shared/text.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Ctx, record, transact } from '../../platform/context.js';
import { decodeCursor, pageOf } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import type { RateLimiter, RateRule } from '../../platform/http/rate-limit.js';
import { notifyPeople } from '../notifications/notifications.service.js';
import { createPostInTx, loadPostViews } from '../posts/posts.service.js';
import { forgetReadingCounts, recentReadingCounts } from './announcement-read-stats.js';
import {
  claimMustReadReminder,
  countReading,
  insertConfirmation,
  insertMustReadReminder,
  listAnnouncementFacts,
  listAudienceDepartments,
  listAudienceIds,
  listConfirmationsOf,
  listConfirmedReaders,
  listDueMustReadReminders,
  listPendingReaders,
  listRecipientIds,
  type ReaderRow,
} from './announcements.queries.js';
import { presentPersonRef, requireKindPost } from './post-kinds.access.js';
import {
  authorize,
  canPublishAnnouncement,
  canRemindReaders,
  canSeeReaders,
  isMustReadRecipient,
} from './post-kinds.policy.js';
import { findKindPost } from './post-kinds.queries.js';

/**
 * Announcements (P8): administrators and moderators publish in the company space, to everyone or
 * to chosen departments (their sub-departments included). A must-read announcement notifies
 * each recipient, who confirms having read it once; its author and the moderators see who has
 * and who has not, and the pending are reminded every day, three times at most (and by hand, at
 * most once an hour).
 */

const hour = 3_600_000;
export const mustReadReminders = { every: 24 * hour, times: 3 } as const;
const manualRemind: RateRule = { name: 'must-read-remind', limit: 1, windowMs: hour };

const iso = (value: string | Date) => new Date(value).toISOString();

/** Backslash-escapes Markdown punctuation so a title shows as written. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, '\\$&');
}

/**
 * `POST /announcements`: the post (company space, targeted when departments are chosen), its
 * ledger entry with the announcement's details, and for must-read ones a notification to every
 * recipient and the first scheduled reminder — all in one transaction.
 */
export async function createAnnouncement(
  ctx: Ctx,
  body: CreateAnnouncementBody,
  rateLimiter?: RateLimiter,
): Promise<PostView> {
  const actor = requireActor(ctx);
  authorize(canPublishAnnouncement(actor), 'ANNOUNCEMENT_FORBIDDEN');
  const title = body.title === undefined ? null : cleanLine(body.title) || null;
  const mustRead = body.mustRead ?? false;
  // `createPostInTx` checks the departments and adds their sub-departments.
  const departmentIds = [...new Set(body.departmentIds ?? [])];
  const markdown = title ? `# ${escapeMarkdown(title)}\n\n${body.body}` : body.body;
  const { id } = await transact(ctx, async (tx) => {
    const post = await createPostInTx(ctx, tx, {
      space: { type: 'company' },
      body: markdown,
      kind: 'announcement',
      mustRead,
      audienceDepartmentIds: departmentIds,
      rateLimiter,
      ledgerExtra: { announcement: { title, mustRead, departmentIds } },
    });
    if (mustRead) {
      const recipients = await listRecipientIds(tx, post.id, false);
      await notifyPeople(tx, recipients, { type: 'must_read', actorId: actor.id, postId: post.id });
      await insertMustReadReminder(tx, post.id, iso(new Date(Date.now() + mustReadReminders.every)));
    }
    return post;
  });
  const [view] = await loadPostViews(ctx, [id]);
  if (!view) throw new AppError('POST_NOT_FOUND');
  return view;
}

/** The announcement views of a page of posts the viewer may read: at most five queries. */
export async function loadAnnouncementViews(
  ctx: Ctx,
  postIds: readonly string[],
): Promise<Map<string, AnnouncementView>> {
  const views = new Map<string, AnnouncementView>();
  if (postIds.length === 0) return views;
  const actor = ctx.actor;
  const posts = await listAnnouncementFacts(ctx.db, postIds);
  const departments = await listAudienceDepartments(
    ctx.db,
    posts.filter((p) => p.has_audience === 1).map((p) => p.id),
  );
  const mine = actor ? await listConfirmationsOf(ctx.db, postIds, actor.id) : [];
  const followed = posts.filter((p) => p.must_read === 1 && canSeeReaders(actor, p)).map((p) => p.id);
  const stats = await recentReadingCounts(ctx.db, followed);
  const confirmedAt = new Map(mine.map((m) => [m.post_id, m.confirmed_at]));
  for (const post of posts) {
    const audience = departments.filter((d) => d.post_id === post.id);
    const ids = new Set(audience.map((d) => d.id));
    const mustRead = post.must_read === 1;
    const mine = confirmedAt.get(post.id) ?? null;
    const following = mustRead && canSeeReaders(actor, post);
    views.set(post.id, {
      mustRead,
      // The departments chosen: those whose parent is not in the audience too.
      audience:
        post.has_audience === 1
          ? audience
              .filter((d) => d.parent_id === null || !ids.has(d.parent_id))
              .map((d) => ({ id: d.id, name: d.name }))
          : null,
      confirmedAt: mine,
      readStats: following ? (stats.get(post.id) ?? { confirmed: 0, pending: 0 }) : null,
      abilities: {
        confirm:
          mustRead && mine === null && isMustReadRecipient(actor, post, post.has_audience ? [...ids] : null),
        seeReaders: following,
        remind: mustRead && canRemindReaders(actor, post),
      },
    });
  }
  return views;
}

/** `POST /posts/{id}/read-confirmation`: a recipient confirms once; repeating it changes nothing. */
export async function confirmReading(ctx: Ctx, id: string): Promise<{ confirmedAt: string }> {
  const { actor, post } = await requireKindPost(ctx, id, 'announcement');
  if (post.must_read !== 1) throw new AppError('NOT_MUST_READ');
  const audience = post.has_audience === 1 ? await listAudienceIds(ctx.db, id) : null;
  if (!isMustReadRecipient(actor, post, audience)) throw new AppError('NOT_A_RECIPIENT');
  const confirmed = await transact(ctx, async (tx) => {
    const { confirmedAt, inserted } = await insertConfirmation(tx, id, actor.id, iso(new Date()));
    if (inserted) {
      await record(ctx, tx, {
        action: 'announcement.read.confirmed',
        subjectType: 'post',
        subjectId: id,
        payload: { confirmedAt },
      });
    }
    return { confirmedAt };
  });
  forgetReadingCounts(id);
  return confirmed;
}

const confirmedCursor = z.strictObject({ t: z.string().max(40), i: z.string().max(100) });
const pendingCursor = z.strictObject({ n: z.string().max(1000), i: z.string().max(100) });

/** `GET /posts/{id}/readers`: who confirmed (latest first) or who has not (by name), with both counts. */
export async function listReaders(
  ctx: Ctx,
  id: string,
  query: { status: 'confirmed' | 'pending'; limit: number; cursor?: string },
): Promise<{
  items: { user: PersonRef; confirmedAt: string | null }[];
  nextCursor: string | null;
  counts: { confirmed: number; pending: number };
}> {
  const { actor, post } = await requireKindPost(ctx, id, 'announcement');
  authorize(canSeeReaders(actor, post));
  if (post.must_read !== 1) throw new AppError('NOT_MUST_READ');
  const present = (r: ReaderRow) => ({ user: presentPersonRef(r), confirmedAt: r.confirmed_at });
  const page =
    query.status === 'confirmed'
      ? pageOf(
          await listConfirmedReaders(
            ctx.db,
            id,
            decodeCursor(confirmedCursor, query.cursor),
            query.limit + 1,
          ),
          query.limit,
          (r) => ({ t: r.confirmed_at, i: r.id }),
          present,
        )
      : pageOf(
          await listPendingReaders(ctx.db, id, decodeCursor(pendingCursor, query.cursor), query.limit + 1),
          query.limit,
          (r) => ({ n: r.name_search, i: r.id }),
          present,
        );
  const counts = (await countReading(ctx.db, [id])).get(id) ?? { confirmed: 0, pending: 0 };
  return { ...page, counts };
}

/** `POST /posts/{id}/remind`: the author (or a moderator) reminds the pending now; once an hour per post. */
export async function remindReaders(
  ctx: Ctx,
  limiter: RateLimiter,
  id: string,
): Promise<{ notified: number }> {
  const { actor, post } = await requireKindPost(ctx, id, 'announcement');
  authorize(canRemindReaders(actor, post));
  if (post.must_read !== 1) throw new AppError('NOT_MUST_READ');
  await limiter.consume(manualRemind, id);
  const notified = await transact(ctx, async (tx) =>
    notifyPeople(tx, await listRecipientIds(tx, id, true), {
      type: 'must_read_reminder',
      actorId: actor.id,
      postId: id,
    }),
  );
  return { notified };
}

/**
 * Sends the must-read reminders due at `now` to the recipients who have not confirmed. Each
 * reminder is claimed by one run only; after the last one its schedule is removed. Returns the
 * number of notifications sent.
 */
export async function remindDueMustReads(ctx: Ctx, now: Date): Promise<number> {
  const at = iso(now);
  const batch = 100;
  let sent = 0;
  for (;;) {
    const due = await listDueMustReadReminders(ctx.db, at, batch);
    for (const reminder of due) {
      const last = reminder.sent_count + 1 >= mustReadReminders.times;
      const next = last ? null : iso(new Date(now.getTime() + mustReadReminders.every));
      sent += await transact(ctx, async (tx) => {
        if (!(await claimMustReadReminder(tx, reminder.post_id, reminder.sent_count, at, next))) return 0;
        const post = await findKindPost(tx, reminder.post_id);
        if (post?.must_read !== 1 || post.hidden_at !== null) return 0;
        return notifyPeople(tx, await listRecipientIds(tx, post.id, true), {
          type: 'must_read_reminder',
          actorId: null,
          postId: post.id,
        });
      });
    }
    if (due.length < batch) return sent;
  }
}
