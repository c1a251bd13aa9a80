import type { Message } from '../../../shared/api/chats.js';
import { extractMentions } from '../../../shared/mentions.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Ctx, record, transact } from '../../platform/context.js';
import { appendStreamEvent, streams } from '../../platform/events/streams.js';
import { AppError } from '../../platform/http/errors.js';
import { renderMarkdown } from '../../platform/markdown/render.js';
import { isPlatformModerator } from '../spaces/spaces.policy.js';
import { authorize } from '../users/users.policy.js';
import { loadAttachments } from './chat-attachments.service.js';
import { messageTerms } from './message-terms.js';
import {
  deleteTerms,
  insertTerms,
  type MessageRow,
  rewriteMessageEvents,
  selectQuotingMessages,
  softDeleteMessage,
  updateMessageText,
} from './messages.queries.js';
import {
  announceUpdated,
  cleanBody,
  findMessage,
  mentionedMembers,
  notifyMentioned,
  presentRow,
  presentRows,
} from './messages.service.js';

/** Editing and deleting messages (C4, X6): the row stays, every version goes to the ledger. */

/**
 * `PATCH /chats/{id}/messages/{messageId}`: the author's new text. The ledger entry holds the new
 * and the previous text (sends are not in the ledger, so the first edit is the first version
 * there); newly added mentions notify.
 */
export async function editMessage(
  ctx: Ctx,
  chatId: string,
  messageId: string,
  input: { body: string },
): Promise<Message> {
  const actor = requireActor(ctx);
  return transact(ctx, async (tx) => {
    const { membership, row } = await findMessage(ctx, tx, chatId, messageId);
    if (row.author_id !== actor.id || row.deleted_at !== null || row.kind !== 'text') {
      throw new AppError('MESSAGE_NOT_EDITABLE');
    }
    const body = cleanBody(ctx, input.body);
    if (body === row.body) return presentRow(tx, row);
    if (body === '' && ((await loadAttachments(tx, [row.id])).get(row.id) ?? []).length === 0) {
      throw new AppError('MESSAGE_EMPTY');
    }
    const changes = {
      body,
      html: body === '' ? '' : renderMarkdown(body),
      edited_at: new Date().toISOString(),
    };
    await updateMessageText(tx, row.id, changes);
    await deleteTerms(tx, row.id);
    const terms = messageTerms(body);
    if (terms.length > 0) await insertTerms(tx, chatId, row.id, terms);
    await record(ctx, tx, {
      action: 'message.edited',
      subjectType: 'message',
      subjectId: row.id,
      payload: { chatId, authorId: row.author_id, seq: Number(row.seq), body, previousBody: row.body },
    });
    const message = await announceUpdated(tx, { ...row, ...changes });
    const before = new Set(extractMentions(row.body));
    const added = extractMentions(body).filter((h) => !before.has(h));
    const mentioned = (await mentionedMembers(ctx, tx, chatId, actor, added)).map((p) => p.id);
    await notifyMentioned(tx, actor, membership, row.id, mentioned);
    return message;
  });
}

/**
 * `DELETE /chats/{id}/messages/{messageId}` (its author, the chat's admins, platform moderators):
 * the row stays with its text emptied; the ledger keeps the text; the search terms go; and the
 * stored events of the message — and the quotes of it in replies' events — are rewritten, so a
 * client replaying the stream never receives the deleted text again.
 */
export async function deleteMessage(ctx: Ctx, chatId: string, messageId: string): Promise<void> {
  const actor = requireActor(ctx);
  await transact(ctx, async (tx) => {
    const { membership, row } = await findMessage(ctx, tx, chatId, messageId);
    if (row.deleted_at !== null) return;
    authorize(
      row.kind !== 'system' &&
        (row.author_id === actor.id || membership.member.role === 'admin' || isPlatformModerator(actor)),
    );
    const attachments = (await loadAttachments(tx, [row.id])).get(row.id) ?? [];
    await record(ctx, tx, {
      action: 'message.deleted',
      subjectType: 'message',
      subjectId: row.id,
      payload: {
        chatId,
        authorId: row.author_id,
        seq: Number(row.seq),
        body: row.body,
        stickerId: row.sticker_id,
        attachments: attachments.map((a) => ({ id: a.id, name: a.name })),
      },
    });
    const at = new Date().toISOString();
    await softDeleteMessage(tx, row.id, actor.id, at);
    await deleteTerms(tx, row.id);
    const deleted: MessageRow = { ...row, body: '', html: '', deleted_at: at, deleted_by: actor.id };
    const stream = streams.chat(chatId);
    const view = await presentRow(tx, deleted);
    await rewriteMessageEvents(tx, stream, Number(row.seq), row.id, JSON.stringify(view));
    const quoting = await selectQuotingMessages(tx, chatId, row.id);
    for (const [index, quote] of (await presentRows(tx, quoting)).entries()) {
      await rewriteMessageEvents(tx, stream, Number(quoting[index]!.seq), quote.id, JSON.stringify(quote));
    }
    await appendStreamEvent(tx, stream, 'chat.message.updated', view);
  });
}
