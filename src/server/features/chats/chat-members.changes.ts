import { type Ctx, record } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import type { ChatMemberVia, ChatRole } from '../../platform/db/schema.js';
import { appendStreamEvent, streams } from '../../platform/events/streams.js';
import {
  deleteChatMembers,
  insertChatMembers,
  recountChatMembers,
  updateChatMemberRole,
} from './chat-members.queries.js';

/**
 * The writes every chat membership change goes through, inside the caller's transaction: the
 * rows, the exact member count, one ledger entry, and the realtime events — a durable
 * `chats.changed` on each affected person's `user:<id>` stream (their sockets, on every node,
 * re-evaluate their subscriptions at once, so a removed member stops receiving the chat's
 * frames immediately) and `chat.updated` on the chat's own stream (member panels refetch).
 */
export interface MemberChanges {
  add?: { userId: string; role: ChatRole; via: ChatMemberVia }[];
  remove?: string[];
  roles?: { userId: string; before: ChatRole; after: ChatRole }[];
}

/** Why the change happened, as the ledger records it. */
export type ChangeReason = 'created' | 'added' | 'removed' | 'left' | 'role' | 'linked-sync';

export async function applyMemberChanges(
  ctx: Ctx,
  tx: Tx,
  chatId: string,
  changes: MemberChanges,
  reason: ChangeReason,
): Promise<void> {
  const add = changes.add ?? [];
  const remove = changes.remove ?? [];
  const roles = changes.roles ?? [];
  if (add.length + remove.length + roles.length === 0) return;
  const now = new Date().toISOString();
  await insertChatMembers(
    tx,
    add.map((m) => ({ chat_id: chatId, user_id: m.userId, role: m.role, via: m.via, joined_at: now })),
  );
  await deleteChatMembers(tx, chatId, remove);
  for (const change of roles) await updateChatMemberRole(tx, chatId, change.userId, change.after);
  if (add.length + remove.length > 0) await recountChatMembers(tx, chatId);
  // The creation entry already names the first members: no second entry for them.
  if (reason !== 'created') {
    await record(ctx, tx, {
      action: reason === 'role' ? 'chat.member.role.changed' : 'chat.members.changed',
      subjectType: 'chat',
      subjectId: chatId,
      payload: {
        reason,
        added: add.map((m) => ({ userId: m.userId, role: m.role, via: m.via })),
        removed: remove,
        roles,
      },
    });
  }
  for (const m of add) {
    await appendStreamEvent(tx, streams.user(m.userId), 'chats.changed', { chatId, reason: 'joined' });
  }
  for (const userId of remove) {
    await appendStreamEvent(tx, streams.user(userId), 'chats.changed', { chatId, reason: 'left' });
  }
  for (const change of roles) {
    await appendStreamEvent(tx, streams.user(change.userId), 'chats.changed', { chatId, reason: 'settings' });
  }
  if (reason !== 'created') await appendStreamEvent(tx, streams.chat(chatId), 'chat.updated', { chatId });
}
