import type { Executor } from '../../platform/db/database.js';
import type { MessagePersonRow } from './messages.queries.js';

/** Members other than the author whose read position is at or past `seq`. */
function readers(db: Executor, chatId: string, seq: number, authorId: string | null) {
  let query = db
    .selectFrom('chat_members')
    .where('chat_members.chat_id', '=', chatId)
    .where('chat_members.last_read_seq', '>=', seq);
  if (authorId) query = query.where('chat_members.user_id', '!=', authorId);
  return query;
}

export async function countReaders(
  db: Executor,
  chatId: string,
  seq: number,
  authorId: string | null,
): Promise<number> {
  const row = await readers(db, chatId, seq, authorId)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The readers by name (small chats only: the caller bounds them by the chat's size). */
export function listReaders(
  db: Executor,
  chatId: string,
  seq: number,
  authorId: string | null,
  limit: number,
): Promise<MessagePersonRow[]> {
  return readers(db, chatId, seq, authorId)
    .innerJoin('users', 'users.id', 'chat_members.user_id')
    .select(['users.id', 'users.name', 'users.photo_key', 'users.role'])
    .orderBy('users.name')
    .orderBy('users.id')
    .limit(limit)
    .execute();
}
