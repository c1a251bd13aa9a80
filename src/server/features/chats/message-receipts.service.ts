import { type ChatPerson, chatLimits } from '../../../shared/api/chats.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { countReaders, listReaders } from './message-receipts.queries.js';
import { presentPerson } from './messages.presenter.js';
import { findMessage } from './messages.service.js';

/**
 * `GET /chats/{id}/messages/{messageId}/receipts` (C3): who has read a message, from each
 * member's read position. Small chats name the readers; large ones only count them, since a
 * list of hundreds helps nobody and costs a join per look.
 */
export async function getMessageReceipts(
  ctx: Ctx,
  chatId: string,
  messageId: string,
): Promise<{ readCount: number; readers: ChatPerson[] | null }> {
  const { membership, row } = await findMessage(ctx, ctx.db, chatId, messageId);
  if (row.deleted_at !== null) throw new AppError('MESSAGE_NOT_FOUND');
  const seq = Number(row.seq);
  const readCount = await countReaders(ctx.db, chatId, seq, row.author_id);
  if (Number(membership.chat.member_count) > chatLimits.receiptsUpTo) return { readCount, readers: null };
  const people = await listReaders(ctx.db, chatId, seq, row.author_id, chatLimits.receiptsUpTo);
  return { readCount, readers: people.map((p) => presentPerson(p)!) };
}
