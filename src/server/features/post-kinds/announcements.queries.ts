import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { queryTemplate } from '../../platform/db/query-template.js';
import type { Database, PostsTable, UsersTable } from '../../platform/db/schema.js';

/**
 * Announcements and their must-read bookkeeping. The recipients of a must-read announcement are
 * never stored: they are the active employees of its audience (every employee when it has none)
 * other than its author, computed in SQL by `isRecipient`, so people who join a department later
 * are asked too. Confirmations are rows of `announcement_reads`.
 */

type RecipientEb = ExpressionBuilder<Database & { p: PostsTable; u: UsersTable }, 'p' | 'u'>;

/** `u` is asked to confirm the announcement `p`. */
function isRecipient(eb: RecipientEb): Expression<SqlBool> {
  return eb.and([
    eb('u.status', '=', 'active'),
    eb('u.role', '!=', 'guest'),
    eb('u.id', '!=', eb.ref('p.author_id')),
    eb.or([
      eb('p.has_audience', '=', 0),
      eb.exists(
        eb
          .selectFrom('post_audiences as pa')
          .select(eb.lit(1).as('one'))
          .whereRef('pa.post_id', '=', 'p.id')
          .whereRef('pa.department_id', '=', 'u.department_id'),
      ),
    ]),
  ]);
}

function hasConfirmed(eb: RecipientEb): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('announcement_reads as ar')
      .select(eb.lit(1).as('one'))
      .whereRef('ar.post_id', '=', 'p.id')
      .whereRef('ar.user_id', '=', 'u.id'),
  );
}

export interface AnnouncementFactsRow {
  id: string;
  author_id: string;
  must_read: number;
  has_audience: number;
}

export function listAnnouncementFacts(
  db: Executor,
  postIds: readonly string[],
): Promise<AnnouncementFactsRow[]> {
  if (postIds.length === 0) return Promise.resolve([]);
  return announcementFacts.execute(db, null, { postIds });
}

const announcementFacts = queryTemplate((db, _: null, { postIds }: { postIds: readonly string[] }) =>
  db.selectFrom('posts').select(['id', 'author_id', 'must_read', 'has_audience']).where('id', 'in', postIds),
);

/** The audience departments of a page of posts, with their names and parents. */
export function listAudienceDepartments(
  db: Executor,
  postIds: readonly string[],
): Promise<{ post_id: string; id: string; name: string; parent_id: string | null }[]> {
  if (postIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('post_audiences')
    .innerJoin('departments', 'departments.id', 'post_audiences.department_id')
    .select(['post_audiences.post_id', 'departments.id', 'departments.name', 'departments.parent_id'])
    .where('post_audiences.post_id', 'in', postIds)
    .orderBy('departments.name_search')
    .execute();
}

/** The departments (sub-departments expanded) one post is for. */
export async function listAudienceIds(db: Executor, postId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('post_audiences')
    .select('department_id')
    .where('post_id', '=', postId)
    .execute();
  return rows.map((r) => r.department_id);
}

/** One person's confirmations among a page of posts. */
export function listConfirmationsOf(
  db: Executor,
  postIds: readonly string[],
  userId: string,
): Promise<{ post_id: string; confirmed_at: string }[]> {
  if (postIds.length === 0) return Promise.resolve([]);
  return confirmationsOf.execute(db, null, { postIds, userId });
}

const confirmationsOf = queryTemplate(
  (db, _: null, { postIds, userId }: { postIds: readonly string[]; userId: string }) =>
    db
      .selectFrom('announcement_reads')
      .select(['post_id', 'confirmed_at'])
      .where('post_id', 'in', postIds)
      .where('user_id', '=', userId),
);

/** Records a confirmation unless there is one; returns the time of the one that stands. */
export async function insertConfirmation(
  db: Executor,
  postId: string,
  userId: string,
  at: string,
): Promise<{ confirmedAt: string; inserted: boolean }> {
  const result = await db
    .insertInto('announcement_reads')
    .values({ post_id: postId, user_id: userId, confirmed_at: at })
    .onConflict((oc) => oc.columns(['post_id', 'user_id']).doNothing())
    .executeTakeFirst();
  const inserted = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  const row = await db
    .selectFrom('announcement_reads')
    .select('confirmed_at')
    .where('post_id', '=', postId)
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return { confirmedAt: row.confirmed_at, inserted };
}

/** Recipients and those of them who confirmed, per post of a page of must-read announcements. */
export async function countReading(
  db: Executor,
  postIds: readonly string[],
): Promise<Map<string, { confirmed: number; pending: number }>> {
  const counts = new Map<string, { confirmed: number; pending: number }>();
  if (postIds.length === 0) return counts;
  const rows = await db
    .selectFrom('posts as p')
    .innerJoin('users as u', (join) => join.on((eb) => isRecipient(eb)))
    .select((eb) => [
      'p.id',
      eb.fn.countAll<number>().as('recipients'),
      eb.fn.sum<number>(eb.case().when(hasConfirmed(eb)).then(1).else(0).end()).as('confirmed'),
    ])
    .where('p.id', 'in', postIds)
    .groupBy('p.id')
    .execute();
  for (const row of rows) {
    const confirmed = Number(row.confirmed ?? 0);
    counts.set(row.id, { confirmed, pending: Number(row.recipients) - confirmed });
  }
  return counts;
}

export type ReaderRow = {
  id: string;
  name: string;
  name_search: string;
  photo_key: string | null;
  confirmed_at: string | null;
};

/** Recipients who confirmed, latest confirmation first. */
export function listConfirmedReaders(
  db: Executor,
  postId: string,
  after: { t: string; i: string } | undefined,
  limit: number,
): Promise<ReaderRow[]> {
  let query = db
    .selectFrom('posts as p')
    .innerJoin('users as u', (join) => join.on((eb) => isRecipient(eb)))
    .innerJoin('announcement_reads as ar', (join) =>
      join.onRef('ar.post_id', '=', 'p.id').onRef('ar.user_id', '=', 'u.id'),
    )
    .select(['u.id', 'u.name', 'u.name_search', 'u.photo_key', 'ar.confirmed_at'])
    .where('p.id', '=', postId);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('ar.confirmed_at', '<', after.t),
        eb.and([eb('ar.confirmed_at', '=', after.t), eb('u.id', '<', after.i)]),
      ]),
    );
  }
  return query.orderBy('ar.confirmed_at', 'desc').orderBy('u.id', 'desc').limit(limit).execute();
}

/** Recipients who have not confirmed yet, by name. */
export function listPendingReaders(
  db: Executor,
  postId: string,
  after: { n: string; i: string } | undefined,
  limit: number,
): Promise<ReaderRow[]> {
  let query = db
    .selectFrom('posts as p')
    .innerJoin('users as u', (join) => join.on((eb) => isRecipient(eb)))
    .select((eb) => [
      'u.id',
      'u.name',
      'u.name_search',
      'u.photo_key',
      eb.val<string | null>(null).as('confirmed_at'),
    ])
    .where('p.id', '=', postId)
    .where((eb) => eb.not(hasConfirmed(eb)));
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('u.name_search', '>', after.n),
        eb.and([eb('u.name_search', '=', after.n), eb('u.id', '>', after.i)]),
      ]),
    );
  }
  return query.orderBy('u.name_search').orderBy('u.id').limit(limit).execute();
}

/** Every recipient of a post (`pendingOnly`: those who have not confirmed yet). */
export async function listRecipientIds(
  db: Executor,
  postId: string,
  pendingOnly: boolean,
): Promise<string[]> {
  let query = db
    .selectFrom('posts as p')
    .innerJoin('users as u', (join) => join.on((eb) => isRecipient(eb)))
    .select('u.id')
    .where('p.id', '=', postId);
  if (pendingOnly) query = query.where((eb) => eb.not(hasConfirmed(eb)));
  const rows = await query.execute();
  return rows.map((r) => r.id);
}

export async function insertMustReadReminder(db: Executor, postId: string, nextAt: string): Promise<void> {
  await db
    .insertInto('must_read_reminders')
    .values({ post_id: postId, next_at: nextAt, sent_count: 0 })
    .execute();
}

/** Reminders whose time has come, oldest first. */
export function listDueMustReadReminders(
  db: Executor,
  now: string,
  limit: number,
): Promise<{ post_id: string; sent_count: number }[]> {
  return db
    .selectFrom('must_read_reminders')
    .select(['post_id', 'sent_count'])
    .where('next_at', '<=', now)
    .orderBy('next_at')
    .limit(limit)
    .execute();
}

/**
 * Takes a due reminder for this run: moves it to `next` (or removes it after the last one) only
 * if it is still as it was read, so of two concurrent runs exactly one sends it.
 */
export async function claimMustReadReminder(
  db: Executor,
  postId: string,
  seenCount: number,
  now: string,
  next: string | null,
): Promise<boolean> {
  if (next === null) {
    const result = await db
      .deleteFrom('must_read_reminders')
      .where('post_id', '=', postId)
      .where('sent_count', '=', seenCount)
      .where('next_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }
  const result = await db
    .updateTable('must_read_reminders')
    .set({ next_at: next, sent_count: seenCount + 1 })
    .where('post_id', '=', postId)
    .where('sent_count', '=', seenCount)
    .where('next_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
