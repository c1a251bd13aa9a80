import type { Message } from '../../../shared/api/chats.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Ctx, transact } from '../../platform/context.js';
import { appendStreamEvent, streams } from '../../platform/events/streams.js';
import { AppError } from '../../platform/http/errors.js';
import { countOtherEmoji, deleteReaction, insertReaction } from './message-reactions.queries.js';
import { findMessage, presentRows } from './messages.service.js';

/**
 * Emoji reactions on messages (C4): any single emoji (one grapheme that is an emoji: with its
 * skin tone, ZWJ sequence or flag), never free text. Each change sends the message with its
 * fresh reactions to the chat (`chat.message.updated`).
 */

// Built at run time: the `v` flag (emoji sequences as one property) is newer than the TS target.
// biome-ignore lint/complexity/useRegexLiterals: the literal with the `v` flag does not compile for our TS target.
const rgiEmoji = new RegExp('^\\p{RGI_Emoji}$', 'v');
const lonePictograph = /^\p{Extended_Pictographic}\uFE0F?$/u;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Different emoji one message may carry, so reactions cannot become a message of their own. */
export const maxEmojiPerMessage = 20;

export function isSingleEmoji(value: string): boolean {
  const emoji = value.normalize('NFC');
  if ([...segmenter.segment(emoji)].length !== 1) return false;
  return rgiEmoji.test(emoji) || lonePictograph.test(emoji);
}

async function changeReaction(
  ctx: Ctx,
  chatId: string,
  messageId: string,
  rawEmoji: string,
  add: boolean,
): Promise<Message> {
  const actor = requireActor(ctx);
  const emoji = rawEmoji.normalize('NFC');
  if (!isSingleEmoji(emoji)) throw new AppError('CHAT_REACTION_NOT_EMOJI');
  return transact(ctx, async (tx) => {
    const { row } = await findMessage(ctx, tx, chatId, messageId);
    if (row.deleted_at !== null || row.kind === 'system') throw new AppError('MESSAGE_NOT_FOUND');
    if (add && (await countOtherEmoji(tx, row.id, emoji)) >= maxEmojiPerMessage) {
      throw new AppError('CHAT_REACTION_LIMIT', { max: maxEmojiPerMessage });
    }
    const changed = add
      ? await insertReaction(tx, row.id, actor.id, emoji)
      : await deleteReaction(tx, row.id, actor.id, emoji);
    const [message] = await presentRows(tx, [row]);
    if (changed) await appendStreamEvent(tx, streams.chat(chatId), 'chat.message.updated', message!);
    return message!;
  });
}

/** `PUT /chats/{id}/messages/{messageId}/reactions/{emoji}`: idempotent. */
export function addMessageReaction(
  ctx: Ctx,
  chatId: string,
  messageId: string,
  emoji: string,
): Promise<Message> {
  return changeReaction(ctx, chatId, messageId, emoji, true);
}

/** `DELETE /chats/{id}/messages/{messageId}/reactions/{emoji}`: idempotent. */
export function removeMessageReaction(
  ctx: Ctx,
  chatId: string,
  messageId: string,
  emoji: string,
): Promise<Message> {
  return changeReaction(ctx, chatId, messageId, emoji, false);
}
