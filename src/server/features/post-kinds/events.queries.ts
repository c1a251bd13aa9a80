import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { EventDetailsTable, RsvpAnswer, UserRole } from '../../platform/db/schema.js';

export type EventRow = Selectable<EventDetailsTable>;

export async function insertEventDetails(db: Executor, row: Insertable<EventDetailsTable>): Promise<void> {
  await db.insertInto('event_details').values(row).execute();
}

export function findEventDetails(db: Executor, postId: string): Promise<EventRow | undefined> {
  return db.selectFrom('event_details').selectAll().where('post_id', '=', postId).executeTakeFirst();
}

export function listEventDetails(db: Executor, postIds: readonly string[]): Promise<EventRow[]> {
  if (postIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('event_details').selectAll().where('post_id', 'in', postIds).execute();
}

/** Answers per event and kind of answer, for a page of events. */
export async function countRsvps(
  db: Executor,
  postIds: readonly string[],
): Promise<{ post_id: string; answer: RsvpAnswer; count: number }[]> {
  if (postIds.length === 0) return [];
  const rows = await db
    .selectFrom('event_rsvps')
    .innerJoin('users', 'users.id', 'event_rsvps.user_id')
    .select(['event_rsvps.post_id', 'event_rsvps.answer', (eb) => eb.fn.countAll<number>().as('count')])
    .where('event_rsvps.post_id', 'in', postIds)
    .where('users.status', '=', 'active')
    .groupBy(['event_rsvps.post_id', 'event_rsvps.answer'])
    .execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

/** One person's answers to a page of events. */
export function listAnswersOf(
  db: Executor,
  postIds: readonly string[],
  userId: string,
): Promise<{ post_id: string; answer: RsvpAnswer }[]> {
  if (postIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('event_rsvps')
    .select(['post_id', 'answer'])
    .where('post_id', 'in', postIds)
    .where('user_id', '=', userId)
    .execute();
}

/** Records or replaces a person's answer. */
export async function upsertRsvp(
  db: Executor,
  row: { post_id: string; user_id: string; answer: RsvpAnswer; updated_at: string },
): Promise<void> {
  await db
    .insertInto('event_rsvps')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['post_id', 'user_id']).doUpdateSet({ answer: row.answer, updated_at: row.updated_at }),
    )
    .execute();
}

export type RsvpPersonRow = {
  id: string;
  name: string;
  photo_key: string | null;
  role: UserRole;
  answer: RsvpAnswer;
  updated_at: string;
};

/** Who answered an event (optionally only `answer`), latest answer first; active people only. */
export function listRsvpPeople(
  db: Executor,
  postId: string,
  answer: RsvpAnswer | undefined,
  after: { t: string; i: string } | undefined,
  limit: number,
): Promise<RsvpPersonRow[]> {
  let query = db
    .selectFrom('event_rsvps')
    .innerJoin('users', 'users.id', 'event_rsvps.user_id')
    .select([
      'users.id',
      'users.name',
      'users.photo_key',
      'users.role',
      'event_rsvps.answer',
      'event_rsvps.updated_at',
    ])
    .where('event_rsvps.post_id', '=', postId)
    .where('users.status', '=', 'active');
  if (answer) query = query.where('event_rsvps.answer', '=', answer);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('event_rsvps.updated_at', '<', after.t),
        eb.and([eb('event_rsvps.updated_at', '=', after.t), eb('event_rsvps.user_id', '<', after.i)]),
      ]),
    );
  }
  return query
    .orderBy('event_rsvps.updated_at', 'desc')
    .orderBy('event_rsvps.user_id', 'desc')
    .limit(limit)
    .execute();
}

/** Events whose reminder time has come and that were not reminded yet, oldest first. */
export function listDueEventReminders(
  db: Executor,
  now: string,
  limit: number,
): Promise<{ post_id: string }[]> {
  return db
    .selectFrom('event_details')
    .select('post_id')
    .where('reminded_at', 'is', null)
    .where('remind_at', '<=', now)
    .orderBy('remind_at')
    .limit(limit)
    .execute();
}

/**
 * Marks an event reminded if nobody did yet: the one run whose update changes the row sends the
 * reminder; a concurrent run finds `reminded_at` set and sends nothing.
 */
export async function claimEventReminder(db: Executor, postId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('event_details')
    .set({ reminded_at: now })
    .where('post_id', '=', postId)
    .where('reminded_at', 'is', null)
    .where('remind_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Who answered `answers` to an event. */
export async function listRsvpUserIds(
  db: Executor,
  postId: string,
  answers: readonly RsvpAnswer[],
): Promise<string[]> {
  const rows = await db
    .selectFrom('event_rsvps')
    .select('user_id')
    .where('post_id', '=', postId)
    .where('answer', 'in', answers)
    .execute();
  return rows.map((r) => r.user_id);
}
