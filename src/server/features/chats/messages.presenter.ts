import type { ChatPerson, Message, MessageAttachment, Sticker } from '../../../shared/api/chats.js';
import { plainExcerpt } from '../notifications/notifications.presenter.js';
import { photoUrlOf } from '../users/users.presenter.js';
import type { MessagePersonRow, MessageRow, QuotedRow, ReactionRow } from './messages.queries.js';

/** What presenting a batch of messages needs, loaded once for the whole batch. */
export interface MessageContext {
  people: Map<string, MessagePersonRow>;
  quoted: Map<string, QuotedRow>;
  stickers: Map<string, Sticker>;
  attachments: Map<string, MessageAttachment[]>;
  reactions: Map<string, ReactionRow[]>;
}

const quoteLength = 140;
/** People named per reaction, for the tooltip. */
const reactionPeople = 10;

export function presentPerson(row: MessagePersonRow | undefined): ChatPerson | null {
  if (!row) return null;
  return { id: row.id, name: row.name, photoUrl: photoUrlOf(row), isGuest: row.role === 'guest' };
}

function presentReactions(rows: readonly ReactionRow[] | undefined): Message['reactions'] {
  const byEmoji = new Map<string, { emoji: string; count: number; people: string[] }>();
  for (const row of rows ?? []) {
    const entry = byEmoji.get(row.emoji) ?? { emoji: row.emoji, count: 0, people: [] };
    entry.count += 1;
    if (entry.people.length < reactionPeople) entry.people.push(row.name);
    byEmoji.set(row.emoji, entry);
  }
  return [...byEmoji.values()];
}

/**
 * A message as every member sees it (frames carry the same object). `id` comes first: the
 * stored event data is matched by that prefix when a deletion scrubs it (messages.queries.ts).
 */
export function presentMessage(row: MessageRow, ctx: MessageContext): Message {
  const quoted = row.reply_to_id ? ctx.quoted.get(row.reply_to_id) : undefined;
  const forwarded = row.forwarded_from_id ? ctx.quoted.get(row.forwarded_from_id) : undefined;
  const deleted = row.deleted_at !== null;
  return {
    id: row.id,
    chatId: row.chat_id,
    seq: Number(row.seq),
    clientId: row.client_id,
    kind: row.kind,
    author: presentPerson(row.author_id ? ctx.people.get(row.author_id) : undefined),
    body: deleted ? '' : row.body,
    html: deleted ? '' : row.html,
    replyTo: quoted
      ? {
          id: quoted.id,
          seq: Number(quoted.seq),
          author: presentPerson(quoted.author_id ? ctx.people.get(quoted.author_id) : undefined),
          excerpt: quoted.deleted_at ? '' : plainExcerpt(quoted.body, quoteLength),
          deleted: quoted.deleted_at !== null,
        }
      : null,
    threadRootId: row.thread_root_id,
    threadReplyCount: Number(row.thread_reply_count),
    forwardedFrom: forwarded
      ? {
          chatId: forwarded.chat_id,
          author: presentPerson(forwarded.author_id ? ctx.people.get(forwarded.author_id) : undefined),
        }
      : null,
    sticker: !deleted && row.sticker_id ? (ctx.stickers.get(row.sticker_id) ?? null) : null,
    attachments: deleted ? [] : (ctx.attachments.get(row.id) ?? []),
    reactions: deleted ? [] : presentReactions(ctx.reactions.get(row.id)),
    createdAt: row.created_at,
    editedAt: row.edited_at,
    deletedAt: row.deleted_at,
  };
}
