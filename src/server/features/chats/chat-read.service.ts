import type { ChatView, UnreadSummary } from '../../../shared/api/chats.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Ctx, transact } from '../../platform/context.js';
import { afterCommit } from '../../platform/events/after-commit.js';
import { appendStreamEvent, streams } from '../../platform/events/streams.js';
import { AppError } from '../../platform/http/errors.js';
import { requireMembership } from './chat-access.js';
import { findFolder } from './chat-folders.queries.js';
import { advanceReadSeq, updateMemberSettings } from './chat-read.queries.js';
import { countUnread } from './chats.queries.js';
import { getChat } from './chats.service.js';

/**
 * The viewer's own state of a chat: settings (mute, notification level, pin, archive, folder),
 * how far they have read, and their unread counts — kept right across tabs and devices by
 * telling the person's other sockets (`chats.changed` on `user:<id>`) after every change.
 */

/** `PATCH /chats/{id}/me`: the viewer's settings of the chat. */
export async function updateMyChatSettings(
  ctx: Ctx,
  chatId: string,
  body: {
    muted?: boolean;
    notify?: 'all' | 'mentions' | 'none';
    pinned?: boolean;
    archived?: boolean;
    folderId?: string | null;
  },
): Promise<ChatView> {
  await transact(ctx, async (tx) => {
    const { actor, member } = await requireMembership(ctx, chatId, tx);
    if (body.folderId && !(await findFolder(tx, actor.id, body.folderId))) {
      throw new AppError('CHAT_FOLDER_NOT_FOUND');
    }
    const now = new Date().toISOString();
    // Pinning a pinned chat keeps its time (the order of pinned chats stays put).
    const since = (on: boolean | undefined, current: string | null) =>
      on === undefined ? current : on ? (current ?? now) : null;
    const patch = {
      muted: body.muted === undefined ? member.muted : body.muted ? 1 : 0,
      notify: body.notify ?? member.notify,
      pinned_at: since(body.pinned, member.pinned_at),
      archived_at: since(body.archived, member.archived_at),
      folder_id: body.folderId === undefined ? member.folder_id : body.folderId,
    };
    const unchanged = (Object.keys(patch) as (keyof typeof patch)[]).every((k) => patch[k] === member[k]);
    if (unchanged) return;
    await updateMemberSettings(tx, chatId, actor.id, patch);
    await appendStreamEvent(tx, streams.user(actor.id), 'chats.changed', { chatId, reason: 'settings' });
  });
  return getChat(ctx, chatId);
}

/**
 * `POST /chats/{id}/read`: everything up to `seq` (clamped to the newest message) is read. The
 * position only moves forward; the chat's members hear of it (read receipts) and the viewer's
 * other tabs update their counts — both ephemeral, after the commit.
 */
export async function markChatRead(
  ctx: Ctx,
  chatId: string,
  body: { seq: number },
): Promise<{ chatId: string; lastReadSeq: number; unread: number }> {
  const actor = requireActor(ctx);
  const lastReadSeq = await transact(ctx, async (tx) => {
    const { chat, member } = await requireMembership(ctx, chatId, tx);
    const seq = Math.min(body.seq, Number(chat.last_seq));
    if (seq <= Number(member.last_read_seq)) return Number(member.last_read_seq);
    if (!(await advanceReadSeq(tx, chatId, actor.id, seq))) return Number(member.last_read_seq);
    afterCommit(tx, ({ bus }) => {
      bus.publish({
        type: 'chat.read',
        stream: streams.chat(chatId),
        data: { chatId, userId: actor.id, seq },
      });
      bus.publish({
        type: 'chats.changed',
        stream: streams.user(actor.id),
        data: { chatId, reason: 'read' },
      });
    });
    return seq;
  });
  const [unread] = await countUnread(ctx.db, actor.id, [chatId]);
  return { chatId, lastReadSeq, unread: unread?.n ?? 0 };
}

/** `GET /chats/unread`: unread counts per chat (those with any) and in total, muted chats apart. */
export async function getUnreadSummary(ctx: Ctx): Promise<UnreadSummary> {
  const actor = requireActor(ctx);
  const rows = await countUnread(ctx.db, actor.id);
  const chats: Record<string, number> = {};
  let total = 0;
  for (const row of rows) {
    chats[row.chat_id] = row.n;
    if (Number(row.muted) !== 1) total += row.n;
  }
  return { total, chats };
}
