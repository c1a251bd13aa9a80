import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { PollOptionsTable, PollsTable, PollVotesTable, UserRole } from '../../platform/db/schema.js';

export type PollRow = Selectable<PollsTable> & { author_id: string };
export type PollOptionRow = Selectable<PollOptionsTable>;

export async function insertPoll(
  db: Executor,
  poll: Insertable<PollsTable>,
  options: readonly Insertable<PollOptionsTable>[],
): Promise<void> {
  await db.insertInto('polls').values(poll).execute();
  await db
    .insertInto('poll_options')
    .values([...options])
    .execute();
}

/** A page of polls with their authors (the author sees a quiz's answers). */
export function listPolls(db: Executor, postIds: readonly string[]): Promise<PollRow[]> {
  if (postIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('polls')
    .innerJoin('posts', 'posts.id', 'polls.post_id')
    .selectAll('polls')
    .select('posts.author_id')
    .where('polls.post_id', 'in', postIds)
    .execute();
}

/** The options of a page of polls, in their order. */
export function listPollOptions(db: Executor, postIds: readonly string[]): Promise<PollOptionRow[]> {
  if (postIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('poll_options')
    .selectAll()
    .where('post_id', 'in', postIds)
    .orderBy('post_id')
    .orderBy('position')
    .execute();
}

/** Votes per option of a page of polls. */
export async function countVotesByOption(
  db: Executor,
  postIds: readonly string[],
): Promise<Map<string, number>> {
  if (postIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('poll_votes')
    .select(['option_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('post_id', 'in', postIds)
    .groupBy('option_id')
    .execute();
  return new Map(rows.map((r) => [r.option_id, Number(r.count)]));
}

/** People who voted in each of a page of polls (once each, however many options they chose). */
export async function countVoters(db: Executor, postIds: readonly string[]): Promise<Map<string, number>> {
  if (postIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('poll_votes')
    .select(['post_id', (eb) => eb.fn.count<number>('user_id').distinct().as('count')])
    .where('post_id', 'in', postIds)
    .groupBy('post_id')
    .execute();
  return new Map(rows.map((r) => [r.post_id, Number(r.count)]));
}

/** One person's votes in a page of polls. */
export function listVotesOf(
  db: Executor,
  postIds: readonly string[],
  userId: string,
): Promise<{ post_id: string; option_id: string }[]> {
  if (postIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('poll_votes')
    .select(['post_id', 'option_id'])
    .where('post_id', 'in', postIds)
    .where('user_id', '=', userId)
    .execute();
}

/**
 * Reads a poll inside a vote's transaction after writing its row: the no-op update takes the
 * row lock on PostgreSQL (SQLite has one writer), so one person's concurrent votes cannot both
 * pass the checks (a quiz answered twice, two single choices).
 */
export async function lockPoll(db: Executor, postId: string): Promise<Selectable<PollsTable> | undefined> {
  await db
    .updateTable('polls')
    .set((eb) => ({ quiz: eb.ref('quiz') }))
    .where('post_id', '=', postId)
    .execute();
  return db.selectFrom('polls').selectAll().where('post_id', '=', postId).executeTakeFirst();
}

/** Replaces a person's votes in a poll. */
export async function replaceVotes(
  db: Executor,
  postId: string,
  userId: string,
  rows: readonly Insertable<PollVotesTable>[],
): Promise<void> {
  await db.deleteFrom('poll_votes').where('post_id', '=', postId).where('user_id', '=', userId).execute();
  if (rows.length > 0) {
    await db
      .insertInto('poll_votes')
      .values([...rows])
      .execute();
  }
}

export type VoterRow = {
  id: string;
  name: string;
  photo_key: string | null;
  role: UserRole;
  option_id: string;
  created_at: string;
};

/** Who voted in a poll (optionally for one option), latest first; active people only. */
export function listVoters(
  db: Executor,
  postId: string,
  optionId: string | undefined,
  after: { t: string; i: string; o: string } | undefined,
  limit: number,
): Promise<VoterRow[]> {
  let query = db
    .selectFrom('poll_votes')
    .innerJoin('users', 'users.id', 'poll_votes.user_id')
    .select([
      'users.id',
      'users.name',
      'users.photo_key',
      'users.role',
      'poll_votes.option_id',
      'poll_votes.created_at',
    ])
    .where('poll_votes.post_id', '=', postId)
    .where('users.status', '=', 'active');
  if (optionId) query = query.where('poll_votes.option_id', '=', optionId);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('poll_votes.created_at', '<', after.t),
        eb.and([eb('poll_votes.created_at', '=', after.t), eb('poll_votes.user_id', '<', after.i)]),
        eb.and([
          eb('poll_votes.created_at', '=', after.t),
          eb('poll_votes.user_id', '=', after.i),
          eb('poll_votes.option_id', '<', after.o),
        ]),
      ]),
    );
  }
  return query
    .orderBy('poll_votes.created_at', 'desc')
    .orderBy('poll_votes.user_id', 'desc')
    .orderBy('poll_votes.option_id', 'desc')
    .limit(limit)
    .execute();
}
