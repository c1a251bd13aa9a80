import type { Executor } from '../../platform/db/database.js';
import { queryTemplate } from '../../platform/db/query-template.js';

/** SQL of reactions: one row per post, person and emoji; `posts.reaction_count` counts them. */

/** Adds a reaction; false when the person had already reacted with this emoji. */
export async function insertReaction(
  db: Executor,
  postId: string,
  userId: string,
  emoji: string,
  at: string,
): Promise<boolean> {
  const inserted = await db
    .insertInto('reactions')
    .values({ post_id: postId, user_id: userId, emoji, created_at: at })
    .onConflict((oc) => oc.columns(['post_id', 'user_id', 'emoji']).doNothing())
    .returning('post_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Removes a reaction; false when there was none. */
export async function deleteReaction(
  db: Executor,
  postId: string,
  userId: string,
  emoji: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('reactions')
    .where('post_id', '=', postId)
    .where('user_id', '=', userId)
    .where('emoji', '=', emoji)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function adjustReactionCount(db: Executor, postId: string, delta: number): Promise<number> {
  const row = await db
    .updateTable('posts')
    .set((eb) => ({ reaction_count: eb('reaction_count', '+', delta) }))
    .where('id', '=', postId)
    .returning('reaction_count')
    .executeTakeFirstOrThrow();
  return Number(row.reaction_count);
}

/**
 * Per post and emoji: how many reacted, and whether `viewerId` did. Two queries for a page: the
 * counts come from the `(post_id, emoji)` index alone, and the viewer's own reactions from the
 * primary key — one query doing both has to read every reaction row to compare its person.
 */
export async function listReactionSummaries(
  db: Executor,
  postIds: readonly string[],
  viewerId: string,
): Promise<{ post_id: string; emoji: string; count: number; mine: number }[]> {
  if (postIds.length === 0) return [];
  const [counts, mine] = await Promise.all([
    reactionCounts.execute(db, null, { postIds }),
    ownReactions.execute(db, null, { postIds, viewerId }),
  ]);
  const own = new Set(mine.map((r) => `${r.post_id} ${r.emoji}`));
  return counts.map((r) => ({
    ...r,
    count: Number(r.count),
    mine: own.has(`${r.post_id} ${r.emoji}`) ? 1 : 0,
  }));
}

/**
 * Whether `recipientId` was already told of a reaction by `actorId` to this post: a person who
 * takes a reaction back and reacts again (or adds another emoji) does not notify twice.
 */
export async function hasReactionNotification(
  db: Executor,
  recipientId: string,
  actorId: string,
  postId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('notifications')
    .select('id')
    .where('user_id', '=', recipientId)
    .where('type', '=', 'reaction')
    .where('actor_id', '=', actorId)
    .where('post_id', '=', postId)
    .executeTakeFirst();
  return row !== undefined;
}

const reactionCounts = queryTemplate((db, _: null, { postIds }: { postIds: readonly string[] }) =>
  db
    .selectFrom('reactions')
    .select((eb) => ['post_id', 'emoji', eb.fn.countAll<number>().as('count')])
    .where('post_id', 'in', postIds)
    .groupBy(['post_id', 'emoji']),
);

const ownReactions = queryTemplate(
  (db, _: null, { postIds, viewerId }: { postIds: readonly string[]; viewerId: string }) =>
    db
      .selectFrom('reactions')
      .select(['post_id', 'emoji'])
      .where('post_id', 'in', postIds)
      .where('user_id', '=', viewerId),
);
