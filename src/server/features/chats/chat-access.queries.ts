import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { ChatMembersTable, ChatsTable } from '../../platform/db/schema.js';

export type ChatRow = Selectable<ChatsTable>;
export type ChatMemberRow = Selectable<ChatMembersTable>;

/** The chat and the person's membership of it, if they are a member. */
export async function selectMembership(
  db: Executor,
  chatId: string,
  userId: string,
): Promise<{ chat: ChatRow; member: ChatMemberRow } | undefined> {
  const member = await db
    .selectFrom('chat_members')
    .selectAll()
    .where('chat_id', '=', chatId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!member) return undefined;
  const chat = await db.selectFrom('chats').selectAll().where('id', '=', chatId).executeTakeFirst();
  return chat ? { chat, member } : undefined;
}

/** The ids of every chat the person is a member of (their socket subscribes to each). */
export async function selectChatIdsOf(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('chat_members').select('chat_id').where('user_id', '=', userId).execute();
  return rows.map((row) => row.chat_id);
}
