import { z } from 'zod';
import type { ChatKind, Message } from '../../../shared/api/chats.js';
import type { Page } from '../../../shared/api/pagination.js';
import { requireActor } from '../../platform/auth/guards.js';
import type { Ctx } from '../../platform/context.js';
import { decodeCursor, pageOf } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { searchMessageRows } from './message-search.queries.js';
import { queryTerms } from './message-terms.js';
import { presentRows } from './messages.service.js';

export interface MessageSearchHit {
  message: Message;
  chat: { id: string; name: string; kind: ChatKind };
}

const searchCursor = z.strictObject({ i: z.uuid() });

/**
 * `GET /chats/search?q=&chat=&limit=&cursor=` (issue 5 §7): messages of the viewer's chats with
 * every word of the query (the last may be the start of a word), newest first. Membership is a
 * join in the query, so a chat the viewer is not in — `chat=` included — yields nothing.
 */
export async function searchMessages(
  ctx: Ctx,
  query: { q: string; chat?: string; limit: number; cursor?: string },
): Promise<Page<MessageSearchHit>> {
  const actor = requireActor(ctx);
  const { exact, prefix } = queryTerms(query.q);
  if (prefix === null) throw new AppError('CHAT_SEARCH_NO_WORDS');
  const rows = await searchMessageRows(ctx.db, ctx.dialect, {
    viewerId: actor.id,
    exact,
    prefix,
    chatId: query.chat,
    beforeId: decodeCursor(searchCursor, query.cursor)?.i,
    limit: query.limit + 1,
  });
  const messages = new Map((await presentRows(ctx.db, rows.slice(0, query.limit))).map((m) => [m.id, m]));
  return pageOf(
    rows,
    query.limit,
    (row) => ({ i: row.id }),
    (row) => ({
      message: messages.get(row.id)!,
      chat: {
        id: row.chat_id,
        name: row.chat_kind === 'direct' ? (row.peer_name ?? '') : (row.chat_name ?? ''),
        kind: row.chat_kind,
      },
    }),
  );
}
