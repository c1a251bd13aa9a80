import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { postReadableBy } from '../spaces/spaces.service.js';

/**
 * Topics (P3). A topic is known to a viewer only when it is a priority topic, they follow it, or
 * it tags at least one post they may read: a hashtag used only in a secret group never shows
 * outside it, not even as a name in the directory.
 */

function followedBy(eb: ExpressionBuilder<Database, 'topics'>, userId: string) {
  return eb.exists(
    eb
      .selectFrom('topic_follows')
      .select(eb.lit(1).as('one'))
      .whereRef('topic_follows.tag', '=', 'topics.tag')
      .where('topic_follows.user_id', '=', userId),
  );
}

function topicKnownTo(eb: ExpressionBuilder<Database, 'topics'>, actor: Actor): Expression<SqlBool> {
  return eb.or([
    eb('topics.priority', '=', 1),
    followedBy(eb, actor.id),
    eb.exists(
      eb
        .selectFrom('post_tags')
        .innerJoin('posts', 'posts.id', 'post_tags.post_id')
        .select(eb.lit(1).as('one'))
        .whereRef('post_tags.tag', '=', 'topics.tag')
        .where((e) => postReadableBy(e as unknown as ExpressionBuilder<Database, 'posts'>, actor)),
    ),
  ]);
}

export interface TopicRow {
  tag: string;
  name: string;
  priority: number;
  followed: number;
}

/** Topics known to `actor` whose tag starts with `prefix`, by tag, after the cursor's tag. */
export async function listKnownTopics(
  db: Executor,
  actor: Actor,
  prefix: string,
  after: string | undefined,
  limit: number,
): Promise<TopicRow[]> {
  let q = db
    .selectFrom('topics')
    .select((eb) => [
      'topics.tag',
      'topics.name',
      'topics.priority',
      eb.case().when(followedBy(eb, actor.id)).then(1).else(0).end().as('followed'),
    ])
    .where((eb) => topicKnownTo(eb, actor));
  if (prefix !== '') {
    const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
    q = q.where(sql<SqlBool>`${sql.ref('topics.tag')} like ${`${escaped}%`} escape '\\'`);
  }
  if (after !== undefined) q = q.where('topics.tag', '>', after);
  return q.orderBy('topics.tag').limit(limit).execute();
}

/** One topic as `actor` may know it, or undefined. A tag nobody used yet but they follow counts. */
export async function findKnownTopic(
  db: Executor,
  actor: Actor,
  tag: string,
): Promise<{ tag: string; name: string; priority: number; followed: number } | undefined> {
  const row = await db
    .selectFrom('topics')
    .select((eb) => [
      'topics.tag',
      'topics.name',
      'topics.priority',
      eb.case().when(followedBy(eb, actor.id)).then(1).else(0).end().as('followed'),
    ])
    .where('topics.tag', '=', tag)
    .where((eb) => topicKnownTo(eb, actor))
    .executeTakeFirst();
  if (row) return row;
  const follow = await findTopicFollow(db, actor.id, tag);
  return follow ? { tag, name: tag, priority: 0, followed: 1 } : undefined;
}

/** Whether `userId` follows `tag`. */
export function findTopicFollow(db: Executor, userId: string, tag: string) {
  return db
    .selectFrom('topic_follows')
    .select('created_at')
    .where('user_id', '=', userId)
    .where('tag', '=', tag)
    .executeTakeFirst();
}

/** Active people following `tag`. */
export async function countTopicFollowers(db: Executor, tag: string): Promise<number> {
  const row = await db
    .selectFrom('topic_follows')
    .innerJoin('users', 'users.id', 'topic_follows.user_id')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('topic_follows.tag', '=', tag)
    .where('users.status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Follows `tag` (no-op if already following). */
export async function insertTopicFollow(
  db: Executor,
  userId: string,
  tag: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('topic_follows')
    .values({ user_id: userId, tag, created_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'tag']).doNothing())
    .execute();
}

/** Stops following `tag` (no-op if not following). */
export async function deleteTopicFollow(db: Executor, userId: string, tag: string): Promise<void> {
  await db.deleteFrom('topic_follows').where('user_id', '=', userId).where('tag', '=', tag).execute();
}

/** The stored topic, whoever may know of it (administration). */
export function findTopic(db: Executor, tag: string) {
  return db
    .selectFrom('topics')
    .select(['tag', 'name', 'priority'])
    .where('tag', '=', tag)
    .executeTakeFirst();
}

/** Sets a topic's priority flag, creating the topic (spelled as its tag) when it is new. */
export async function upsertTopicPriority(
  db: Executor,
  tag: string,
  priority: number,
  at: string,
): Promise<void> {
  await db
    .insertInto('topics')
    .values({ tag, name: tag, priority, created_at: at })
    .onConflict((oc) => oc.column('tag').doUpdateSet({ priority }))
    .execute();
}
