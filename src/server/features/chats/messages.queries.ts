import { type Selectable, sql } from 'kysely';
import type { ChatKind } from '../../../shared/api/chats.js';
import type { Dialect, Executor } from '../../platform/db/database.js';
import { queryTemplate } from '../../platform/db/query-template.js';
import type { ChatRole, MessagesTable, UserRole } from '../../platform/db/schema.js';

export type MessageRow = Selectable<MessagesTable>;

/** A person as messages show them. */
export interface MessagePersonRow {
  id: string;
  name: string;
  photo_key: string | null;
  role: string;
}

/** A quoted or forwarded message, as small as its quote needs. */
export interface QuotedRow {
  id: string;
  chat_id: string;
  seq: number;
  author_id: string | null;
  body: string;
  deleted_at: string | null;
}

export interface ReactionRow {
  message_id: string;
  emoji: string;
  user_id: string;
  name: string;
}

// SQLite caps bound parameters; lists of ids go in chunks of this size.
const chunk = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += chunk) out.push(items.slice(i, i + chunk));
  return out;
}

/** The message a person sent with `clientId` (the idempotency key of sends). */
export function selectMessageByClientId(
  db: Executor,
  authorId: string,
  clientId: string,
): Promise<MessageRow | undefined> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('author_id', '=', authorId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

/** A message of a chat (deleted ones included). */
export function selectMessage(db: Executor, chatId: string, id: string): Promise<MessageRow | undefined> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('id', '=', id)
    .where('chat_id', '=', chatId)
    .executeTakeFirst();
}

/**
 * What a send reads before it writes, in one statement: the sender's membership of the chat
 * (none: not a member, or no such chat), the sender as the message shows them, and the id of
 * the message they already sent with this `clientId`, if any (from any chat).
 */
export interface SendContextRow {
  chat_kind: ChatKind;
  member_role: ChatRole;
  author_name: string;
  author_photo_key: string | null;
  author_role: UserRole;
  stored_id: string | null;
}

const sendContext = queryTemplate(
  (db, _: null, { chatId, userId, clientId }: { chatId: string; userId: string; clientId: string }) =>
    db
      .selectFrom('chat_members as m')
      .innerJoin('chats as c', 'c.id', 'm.chat_id')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select((eb) => [
        'c.kind as chat_kind',
        'm.role as member_role',
        'u.name as author_name',
        'u.photo_key as author_photo_key',
        'u.role as author_role',
        eb
          .selectFrom('messages as s')
          .select('s.id')
          .whereRef('s.author_id', '=', 'm.user_id')
          .where('s.client_id', '=', clientId)
          .as('stored_id'),
      ])
      .where('m.chat_id', '=', chatId)
      .where('m.user_id', '=', userId),
);

export async function selectSendContext(
  db: Executor,
  chatId: string,
  userId: string,
  clientId: string,
): Promise<SendContextRow | undefined> {
  return (await sendContext.execute(db, null, { chatId, userId, clientId }))[0];
}

export async function insertMessage(db: Executor, row: MessageRow): Promise<void> {
  await insertMessageRow.execute(db, null, row);
}

// Every send writes a row of the same shape (nulls aside): built and compiled once per shape.
const insertMessageRow = queryTemplate((db, _: null, row: MessageRow) =>
  db.insertInto('messages').values(row),
);

const advanceChatHead = queryTemplate(
  (db, _: null, { chatId, seq, at }: { chatId: string; seq: number; at: string }) =>
    db.updateTable('chats').set({ last_seq: seq, last_message_at: at }).where('id', '=', chatId),
);

/** The chat's newest message moved to `seq` (sends hold the stream's lock, so it only grows). */
export async function advanceChat(db: Executor, chatId: string, seq: number, at: string): Promise<void> {
  await advanceChatHead.execute(db, null, { chatId, seq, at });
}

const advanceReadPosition = queryTemplate(
  (db, _: null, { chatId, userId, seq }: { chatId: string; userId: string; seq: number }) =>
    db
      .updateTable('chat_members')
      .set({ last_read_seq: seq })
      .where('chat_id', '=', chatId)
      .where('user_id', '=', userId)
      .where('last_read_seq', '<', seq),
);

/** A member has read up to `seq` (never backwards). */
export async function advanceReadSeq(
  db: Executor,
  chatId: string,
  userId: string,
  seq: number,
): Promise<void> {
  await advanceReadPosition.execute(db, null, { chatId, userId, seq });
}

/** One more reply in a thread; returns the root's new count. */
export async function bumpThreadReplyCount(db: Executor, rootId: string): Promise<void> {
  await db
    .updateTable('messages')
    .set((eb) => ({ thread_reply_count: eb('thread_reply_count', '+', 1) }))
    .where('id', '=', rootId)
    .execute();
}

// SQLite runs a prepared one-row insert per term in less time than one insert of many rows;
// PostgreSQL takes them all in one round trip (that text is PostgreSQL's only).
/** A message's search terms, one statement (its shape is the number of terms). */
const insertTermRows = queryTemplate(
  (
    db,
    _: null,
    { chatId, messageId, terms }: { chatId: string; messageId: string; terms: readonly string[] },
  ) =>
    db
      .insertInto('message_terms')
      .values(terms.map((term) => ({ term, chat_id: chatId, message_id: messageId })))
      .onConflict((oc) => oc.doNothing()),
);

export async function insertTerms(
  db: Executor,
  chatId: string,
  messageId: string,
  terms: readonly string[],
): Promise<void> {
  if (terms.length > 0) await insertTermRows.execute(db, null, { chatId, messageId, terms });
}

export async function deleteTerms(db: Executor, messageId: string): Promise<void> {
  await db.deleteFrom('message_terms').where('message_id', '=', messageId).execute();
}

export async function updateMessageText(
  db: Executor,
  id: string,
  changes: { body: string; html: string; edited_at: string },
): Promise<void> {
  await db.updateTable('messages').set(changes).where('id', '=', id).execute();
}

export async function softDeleteMessage(db: Executor, id: string, by: string, at: string): Promise<void> {
  await db
    .updateTable('messages')
    .set({ body: '', html: '', deleted_at: at, deleted_by: by })
    .where('id', '=', id)
    .execute();
}

/**
 * A page of a chat's messages by `seq`: the newest `limit` (none of before/after), those older
 * than `before` (newest first, the caller reverses), or those newer than `after` (oldest first).
 * `thread` keeps the replies of one thread; without it, thread replies stay out of the chat.
 */
export function listMessageRows(
  db: Executor,
  chatId: string,
  page: { before?: number; after?: number; limit: number; thread?: string },
): Promise<MessageRow[]> {
  let query = db.selectFrom('messages').selectAll().where('chat_id', '=', chatId);
  query = page.thread
    ? query.where('thread_root_id', '=', page.thread)
    : query.where('thread_root_id', 'is', null);
  if (page.after !== undefined) {
    query = query.where('seq', '>', page.after);
    if (page.before !== undefined) query = query.where('seq', '<', page.before);
    return query.orderBy('seq', 'asc').limit(page.limit).execute();
  }
  if (page.before !== undefined) query = query.where('seq', '<', page.before);
  return query.orderBy('seq', 'desc').limit(page.limit).execute();
}

/** Whether a message of the chat (same thread filter) lies beyond `seq` in a direction. */
export async function existsBeyond(
  db: Executor,
  chatId: string,
  seq: number,
  direction: 'older' | 'newer',
  thread?: string,
): Promise<boolean> {
  let query = db
    .selectFrom('messages')
    .select('id')
    .where('chat_id', '=', chatId)
    .where('seq', direction === 'older' ? '<' : '>', seq);
  query = thread ? query.where('thread_root_id', '=', thread) : query.where('thread_root_id', 'is', null);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

export async function selectMessagesByIds(db: Executor, ids: readonly string[]): Promise<MessageRow[]> {
  const out: MessageRow[] = [];
  for (const part of chunks([...new Set(ids)])) {
    out.push(...(await db.selectFrom('messages').selectAll().where('id', 'in', part).execute()));
  }
  return out;
}

export async function selectQuoted(db: Executor, ids: readonly string[]): Promise<QuotedRow[]> {
  const out: QuotedRow[] = [];
  for (const part of chunks([...new Set(ids)])) {
    out.push(
      ...(await db
        .selectFrom('messages')
        .select(['id', 'chat_id', 'seq', 'author_id', 'body', 'deleted_at'])
        .where('id', 'in', part)
        .execute()),
    );
  }
  return out;
}

export async function selectPeople(db: Executor, ids: readonly string[]): Promise<MessagePersonRow[]> {
  const out: MessagePersonRow[] = [];
  for (const part of chunks([...new Set(ids)])) {
    out.push(
      ...(await db
        .selectFrom('users')
        .select(['id', 'name', 'photo_key', 'role'])
        .where('id', 'in', part)
        .execute()),
    );
  }
  return out;
}

/** Reactions of the messages with the reactor's name, oldest first. */
export async function selectReactions(db: Executor, messageIds: readonly string[]): Promise<ReactionRow[]> {
  const out: ReactionRow[] = [];
  for (const part of chunks([...new Set(messageIds)])) {
    out.push(
      ...(await db
        .selectFrom('message_reactions')
        .innerJoin('users', 'users.id', 'message_reactions.user_id')
        .select([
          'message_reactions.message_id',
          'message_reactions.emoji',
          'message_reactions.user_id',
          'users.name',
        ])
        .where('message_reactions.message_id', 'in', part)
        .orderBy('message_reactions.created_at')
        .orderBy('message_reactions.user_id')
        .execute()),
    );
  }
  return out;
}

/**
 * Of the people `handles` name (the part of their e-mail before `@`), the active members of the
 * chat: mentions notify nobody outside it.
 */
export async function selectMentionedMembers(
  db: Executor,
  dialect: Dialect,
  chatId: string,
  handles: readonly string[],
): Promise<{ id: string; email: string }[]> {
  if (handles.length === 0) return [];
  // Byte order, so the range `handle@` … `handleA` holds exactly the addresses of that handle.
  const email =
    dialect === 'postgres'
      ? sql<string>`${sql.ref('users.email')} collate "C"`
      : sql.ref<string>('users.email');
  return db
    .selectFrom('users')
    .innerJoin('chat_members', 'chat_members.user_id', 'users.id')
    .select(['users.id', 'users.email'])
    .where('chat_members.chat_id', '=', chatId)
    .where('users.status', '=', 'active')
    .where((eb) => eb.or(handles.map((h) => eb.and([eb(email, '>=', `${h}@`), eb(email, '<', `${h}A`)]))))
    .execute();
}

/**
 * Overwrites the stored data of a message's earlier events on its chat's stream (its send and
 * every update, all at or after its own `seq`) with `data`, so that a client replaying the
 * stream after a deletion never receives the deleted text. The events' data is the message
 * serialised with its `id` first, which the prefix match relies on.
 */
export async function rewriteMessageEvents(
  db: Executor,
  stream: string,
  fromSeq: number,
  messageId: string,
  data: string,
): Promise<void> {
  await db
    .updateTable('stream_events')
    .set({ data })
    .where('stream', '=', stream)
    .where('seq', '>=', fromSeq)
    .where('type', 'in', ['chat.message', 'chat.message.updated'])
    .where('data', 'like', `{"id":"${messageId}",%`)
    .execute();
}

/** Messages of the chat that quote `messageId` (their stored events quote its text). */
export async function selectQuotingMessages(
  db: Executor,
  chatId: string,
  messageId: string,
): Promise<MessageRow[]> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('chat_id', '=', chatId)
    .where('reply_to_id', '=', messageId)
    .limit(500)
    .execute();
}
