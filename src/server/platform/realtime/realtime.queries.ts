import type { Executor } from '../db/database.js';

/** SQL the gateway runs itself (besides the stream log in stream-log.ts). */

/** Whether the person is (still) a member of the chat: checked again whenever the chat changes. */
export async function isChatMember(db: Executor, chatId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('chat_members')
    .select('user_id')
    .where('chat_id', '=', chatId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Moves the session's last activity to `at`: chatting over the socket keeps it from going idle. */
export async function touchSession(db: Executor, sessionId: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', sessionId).execute();
}

/** The ids of every chat the person is a member of (their socket subscribes to each). */
export async function selectChatIdsOf(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('chat_members').select('chat_id').where('user_id', '=', userId).execute();
  return rows.map((row) => row.chat_id);
}
