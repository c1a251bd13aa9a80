import { z } from 'zod';
import type { Page } from '../../../shared/api/pagination.js';
import type { CreateEventBody, EventView, RsvpAnswerValue } from '../../../shared/api/post-kinds.js';
import type { PostView } from '../../../shared/api/posts.js';
import { cleanLine } from '../../../shared/text.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Actor, type Ctx, transact } from '../../platform/context.js';
import { decodeCursor, pageOf } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import type { RateLimiter } from '../../platform/http/rate-limit.js';
import { notifyPeople } from '../notifications/notifications.service.js';
import { createPostInTx, loadPostViews } from '../posts/posts.service.js';
import { buildEventCalendar } from './events.ics.js';
import {
  claimEventReminder,
  countRsvps,
  type EventRow,
  findEventDetails,
  insertEventDetails,
  listAnswersOf,
  listDueEventReminders,
  listEventDetails,
  listRsvpPeople,
  listRsvpUserIds,
  upsertRsvp,
} from './events.queries.js';
import { presentPersonRef, readersAmong, requireKindPost } from './post-kinds.access.js';
import { findKindPost, findPostBody } from './post-kinds.queries.js';

/**
 * Events (P5): a post with a time, a place or an online link; readers answer going, maybe or no;
 * those going or maybe are reminded `remindBefore` minutes before the start; anyone who may read
 * the post downloads it as an `.ics` file.
 */

const minute = 60_000;

/** The only form timestamps are stored in: comparable as text on both databases. */
const iso = (value: string | Date) => new Date(value).toISOString();

/** Whether the event is over at `now` (its end, or its start when it has none). */
function hasEnded(row: Pick<EventRow, 'starts_at' | 'ends_at'>, now: string): boolean {
  return (row.ends_at ?? row.starts_at) < now;
}

function presentEvent(
  row: EventRow,
  counts: Record<RsvpAnswerValue, number>,
  myAnswer: RsvpAnswerValue | null,
  actor: Actor | null,
  now: string,
): EventView {
  const ended = hasEnded(row, now);
  return {
    title: row.title,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    location: row.location,
    onlineUrl: row.online_url,
    remindBefore: row.remind_at
      ? Math.round((Date.parse(row.starts_at) - Date.parse(row.remind_at)) / minute)
      : null,
    rsvps: counts,
    myAnswer,
    ended,
    icsUrl: `/api/v1/posts/${row.post_id}/event.ics`,
    abilities: { rsvp: actor?.status === 'active' && !ended },
  };
}

/** The event views of a page of posts the viewer may read: three queries whatever the page size. */
export async function loadEventViews(ctx: Ctx, postIds: readonly string[]): Promise<Map<string, EventView>> {
  const views = new Map<string, EventView>();
  if (postIds.length === 0) return views;
  const [rows, counts, mine] = await Promise.all([
    listEventDetails(ctx.db, postIds),
    countRsvps(ctx.db, postIds),
    ctx.actor ? listAnswersOf(ctx.db, postIds, ctx.actor.id) : Promise.resolve([]),
  ]);
  const countsOf = new Map<string, Record<RsvpAnswerValue, number>>();
  for (const c of counts) {
    const entry = countsOf.get(c.post_id) ?? { going: 0, maybe: 0, no: 0 };
    entry[c.answer] = c.count;
    countsOf.set(c.post_id, entry);
  }
  const myAnswers = new Map(mine.map((m) => [m.post_id, m.answer]));
  const now = iso(new Date());
  for (const row of rows) {
    const rowCounts = countsOf.get(row.post_id) ?? { going: 0, maybe: 0, no: 0 };
    views.set(row.post_id, presentEvent(row, rowCounts, myAnswers.get(row.post_id) ?? null, ctx.actor, now));
  }
  return views;
}

async function eventViewOf(ctx: Ctx, postId: string): Promise<EventView> {
  const view = (await loadEventViews(ctx, [postId])).get(postId);
  if (!view) throw new AppError('NOT_AN_EVENT');
  return view;
}

/** The event's details as written (normalised), for the row and the ledger. */
function eventDetailsOf(body: CreateEventBody) {
  const title = cleanLine(body.title);
  if (!title) throw new AppError('KIND_TITLE_EMPTY');
  const startsAt = iso(body.startsAt);
  const endsAt = body.endsAt ? iso(body.endsAt) : null;
  if (endsAt !== null && endsAt < startsAt) throw new AppError('EVENT_ENDS_BEFORE_START');
  const location = body.location === undefined ? null : cleanLine(body.location) || null;
  const onlineUrl = body.onlineUrl === undefined ? null : new URL(body.onlineUrl.trim()).href;
  const remindAt =
    body.remindBefore === undefined ? null : iso(new Date(Date.parse(startsAt) - body.remindBefore * minute));
  return { title, startsAt, endsAt, location, onlineUrl, remindAt, remindBefore: body.remindBefore ?? null };
}

/**
 * `POST /events`: one transaction creates the post (space permission, Markdown, mentions,
 * ledger with the event's details, stream event) and its event row.
 */
export async function createEvent(
  ctx: Ctx,
  body: CreateEventBody,
  rateLimiter?: RateLimiter,
): Promise<PostView> {
  requireActor(ctx);
  const details = eventDetailsOf(body);
  const { id } = await transact(ctx, async (tx) => {
    const post = await createPostInTx(ctx, tx, {
      space: body.space,
      body: body.body,
      kind: 'event',
      rateLimiter,
      ledgerExtra: { event: details },
    });
    await insertEventDetails(tx, {
      post_id: post.id,
      title: details.title,
      starts_at: details.startsAt,
      ends_at: details.endsAt,
      location: details.location,
      online_url: details.onlineUrl,
      remind_at: details.remindAt,
      reminded_at: null,
    });
    return post;
  });
  const [view] = await loadPostViews(ctx, [id]);
  if (!view) throw new AppError('POST_NOT_FOUND');
  return view;
}

/** `PUT /posts/{id}/rsvp`: records or changes the viewer's answer until the event is over. */
export async function answerEvent(ctx: Ctx, id: string, answer: RsvpAnswerValue): Promise<EventView> {
  const { actor } = await requireKindPost(ctx, id, 'event');
  const row = await findEventDetails(ctx.db, id);
  if (!row) throw new AppError('NOT_AN_EVENT');
  const now = iso(new Date());
  if (hasEnded(row, now)) throw new AppError('EVENT_ENDED');
  await transact(ctx, (tx) => upsertRsvp(tx, { post_id: id, user_id: actor.id, answer, updated_at: now }));
  return eventViewOf(ctx, id);
}

const rsvpCursor = z.strictObject({ t: z.string().max(40), i: z.string().max(100) });

/** `GET /posts/{id}/rsvps`: who answered, latest first, for anyone who may read the event. */
export async function listEventAnswers(
  ctx: Ctx,
  id: string,
  query: { answer?: RsvpAnswerValue; limit: number; cursor?: string },
): Promise<Page<{ user: ReturnType<typeof presentPersonRef>; answer: RsvpAnswerValue; answeredAt: string }>> {
  await requireKindPost(ctx, id, 'event');
  const rows = await listRsvpPeople(
    ctx.db,
    id,
    query.answer,
    decodeCursor(rsvpCursor, query.cursor),
    query.limit + 1,
  );
  return pageOf(
    rows,
    query.limit,
    (r) => ({ t: r.updated_at, i: r.id }),
    (r) => ({ user: presentPersonRef(r), answer: r.answer, answeredAt: r.updated_at }),
  );
}

/** `GET /posts/{id}/event.ics`: the event as an iCalendar file, for its readers only. */
export async function eventCalendar(ctx: Ctx, id: string): Promise<{ filename: string; ics: string }> {
  await requireKindPost(ctx, id, 'event');
  const row = await findEventDetails(ctx.db, id);
  if (!row) throw new AppError('NOT_AN_EVENT');
  const body = await findPostBody(ctx.db, id);
  const publicUrl = ctx.config.publicUrl;
  const ics = buildEventCalendar({
    postId: id,
    title: row.title,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    location: row.location,
    onlineUrl: row.online_url,
    description: body ?? '',
    postUrl: publicUrl ? `${publicUrl}/posts/${id}` : null,
    uidDomain: publicUrl ? new URL(publicUrl).hostname : 'atrium',
  });
  return { filename: `event-${id}.ics`, ics };
}

/**
 * Sends the event reminders due at `now`: each event is claimed by one run only, and reminds
 * those who answered going or maybe and may still read it. Events already over are claimed
 * without a reminder. Returns the number of notifications sent.
 */
export async function remindDueEvents(ctx: Ctx, now: Date): Promise<number> {
  const at = iso(now);
  const batch = 100;
  let sent = 0;
  for (;;) {
    const due = await listDueEventReminders(ctx.db, at, batch);
    for (const { post_id } of due) {
      sent += await transact(ctx, async (tx) => {
        if (!(await claimEventReminder(tx, post_id, at))) return 0;
        const post = await findKindPost(tx, post_id);
        const row = await findEventDetails(tx, post_id);
        if (!post || !row || hasEnded(row, at)) return 0;
        const answered = await listRsvpUserIds(tx, post_id, ['going', 'maybe']);
        return notifyPeople(tx, await readersAmong(tx, post, answered), {
          type: 'event_reminder',
          actorId: null,
          postId: post_id,
          groupId: post.group_id,
          data: { startsAt: row.starts_at },
        });
      });
    }
    if (due.length < batch) return sent;
  }
}
