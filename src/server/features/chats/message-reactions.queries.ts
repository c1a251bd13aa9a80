import type { Executor } from '../../platform/db/database.js';

/** Adds a person's reaction; false when they had already reacted with that emoji. */
export async function insertReaction(
  db: Executor,
  messageId: string,
  userId: string,
  emoji: string,
): Promise<boolean> {
  const result = await db
    .insertInto('message_reactions')
    .values({ message_id: messageId, user_id: userId, emoji, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(['message_id', 'user_id', 'emoji']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Removes a person's reaction; false when there was none. */
export async function deleteReaction(
  db: Executor,
  messageId: string,
  userId: string,
  emoji: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('message_reactions')
    .where('message_id', '=', messageId)
    .where('user_id', '=', userId)
    .where('emoji', '=', emoji)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** How many different emoji other than `emoji` a message already has. */
export async function countOtherEmoji(db: Executor, messageId: string, emoji: string): Promise<number> {
  const row = await db
    .selectFrom('message_reactions')
    .select((eb) => eb.fn.count<number>('emoji').distinct().as('count'))
    .where('message_id', '=', messageId)
    .where('emoji', '!=', emoji)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
