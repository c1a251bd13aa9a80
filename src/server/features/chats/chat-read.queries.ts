import type { Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { ChatMembersTable } from '../../platform/db/schema.js';

export function updateMemberSettings(
  db: Executor,
  chatId: string,
  userId: string,
  patch: Updateable<ChatMembersTable>,
): Promise<unknown> {
  return db
    .updateTable('chat_members')
    .set(patch)
    .where('chat_id', '=', chatId)
    .where('user_id', '=', userId)
    .execute();
}

/** Moves the read position forward only: a stale tab's older position never wins. */
export async function advanceReadSeq(
  db: Executor,
  chatId: string,
  userId: string,
  seq: number,
): Promise<boolean> {
  const result = await db
    .updateTable('chat_members')
    .set({ last_read_seq: seq })
    .where('chat_id', '=', chatId)
    .where('user_id', '=', userId)
    .where('last_read_seq', '<', seq)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
