import { type ExpressionBuilder, sql } from 'kysely';
import type { Dialect, Executor } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { MessageRow } from './messages.queries.js';

export type SearchRow = MessageRow & {
  chat_name: string | null;
  chat_kind: 'direct' | 'group' | 'channel';
  peer_name: string | null;
};

// Above every code point: `prefix + top` bounds the terms that start with `prefix`.
const top = '\u{10FFFF}';

/**
 * Messages of the viewer's chats (membership joined in SQL) that have every exact term and a
 * term starting with `prefix`, not deleted, newest first (ids are time-ordered), after the
 * cursor. The first exact term drives the query through the terms' primary key.
 */
export function searchMessageRows(
  db: Executor,
  dialect: Dialect,
  input: {
    viewerId: string;
    exact: readonly string[];
    prefix: string | null;
    chatId?: string;
    beforeId?: string;
    limit: number;
  },
): Promise<SearchRow[]> {
  // PostgreSQL compares by the database's collation; the prefix range needs code-point order.
  const term = (eb: ExpressionBuilder<Database, 'message_terms'>) =>
    dialect === 'postgres'
      ? sql<string>`${eb.ref('message_terms.term')} collate "C"`
      : eb.ref('message_terms.term');
  let query = db
    .selectFrom('messages')
    .innerJoin('chat_members', (join) =>
      join
        .onRef('chat_members.chat_id', '=', 'messages.chat_id')
        .on('chat_members.user_id', '=', input.viewerId),
    )
    .innerJoin('chats', 'chats.id', 'messages.chat_id')
    .selectAll('messages')
    .select(['chats.name as chat_name', 'chats.kind as chat_kind'])
    .select((eb) =>
      // A direct chat is named after the other person.
      eb
        .selectFrom('chat_members as peer')
        .innerJoin('users', 'users.id', 'peer.user_id')
        .select('users.name')
        .whereRef('peer.chat_id', '=', 'messages.chat_id')
        .where('peer.user_id', '!=', input.viewerId)
        .where('chats.kind', '=', 'direct')
        .limit(1)
        .as('peer_name'),
    )
    .where('messages.deleted_at', 'is', null);
  const [first, ...rest] = input.exact;
  if (first !== undefined) {
    query = query.where('messages.id', 'in', (eb) =>
      eb
        .selectFrom('message_terms')
        .select('message_terms.message_id')
        .where('message_terms.term', '=', first),
    );
  }
  for (const word of rest) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('message_terms')
          .select('message_terms.message_id')
          .where('message_terms.term', '=', word)
          .whereRef('message_terms.chat_id', '=', 'messages.chat_id')
          .whereRef('message_terms.message_id', '=', 'messages.id'),
      ),
    );
  }
  const prefix = input.prefix;
  if (prefix !== null) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('message_terms')
          .select('message_terms.message_id')
          .whereRef('message_terms.message_id', '=', 'messages.id')
          .where((t) => t.and([t(term(t), '>=', prefix), t(term(t), '<', `${prefix}${top}`)])),
      ),
    );
  }
  if (input.chatId) query = query.where('messages.chat_id', '=', input.chatId);
  if (input.beforeId) query = query.where('messages.id', '<', input.beforeId);
  return query.orderBy('messages.id', 'desc').limit(input.limit).execute() as Promise<SearchRow[]>;
}
