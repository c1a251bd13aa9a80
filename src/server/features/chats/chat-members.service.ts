import { z } from 'zod';
import type { ChatMember } from '../../../shared/api/chats.js';
import type { Page } from '../../../shared/api/pagination.js';
import { type Ctx, transact } from '../../platform/context.js';
import type { ChatRole } from '../../platform/db/schema.js';
import { decodeCursor, pageOf } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { authorize } from '../users/users.policy.js';
import { type ChatMembership, requireMembership } from './chat-access.js';
import { applyMemberChanges } from './chat-members.changes.js';
import {
  countOtherActiveAdmins,
  findChatMember,
  findChatMemberRow,
  listChatMembersPage,
} from './chat-members.queries.js';
import { type ChatStanding, canManageChatMembers, membersAreFixed } from './chats.policy.js';
import { presentChatMember } from './chats.presenter.js';
import { checkNewMembers } from './chats.service.js';

export { deleteLinkedChat, syncLinkedChatMembers } from './linked-chats.service.js';

/**
 * Members of a chat (C1): the list, adding and removing people, leaving, and chat admins. Every
 * change goes through `applyMemberChanges` (chat-members.changes.ts) for the count, the ledger
 * and the events that make a removed member's sockets let go of the chat at once.
 */

const memberCursor = z.strictObject({ n: z.string().max(1000), i: z.string().max(100) });

function standingOf(m: ChatMembership, otherActiveAdmins = 0): ChatStanding {
  return {
    kind: m.chat.kind,
    linked: m.chat.group_id !== null || m.chat.department_id !== null,
    role: m.member.role,
    memberCount: Number(m.chat.member_count),
    otherActiveAdmins,
  };
}

/** Refuses hand-made changes to a direct or linked chat's members, then non-admins. */
function requireMemberManager(m: ChatMembership): void {
  if (membersAreFixed(standingOf(m))) throw new AppError('CHAT_MEMBERS_FIXED');
  authorize(canManageChatMembers(m.actor, standingOf(m)));
}

async function presentMember(ctx: Ctx, chatId: string, userId: string): Promise<ChatMember> {
  const row = await findChatMemberRow(ctx.db, chatId, userId);
  if (!row) throw new AppError('CHAT_MEMBER_NOT_FOUND');
  return presentChatMember(row);
}

/** `GET /chats/{id}/members`: by name, for members only. */
export async function listChatMembers(
  ctx: Ctx,
  chatId: string,
  query: { limit: number; cursor?: string },
): Promise<Page<ChatMember>> {
  await requireMembership(ctx, chatId);
  const rows = await listChatMembersPage(
    ctx.db,
    chatId,
    decodeCursor(memberCursor, query.cursor),
    query.limit + 1,
  );
  return pageOf(rows, query.limit, (r) => ({ n: r.name_search, i: r.user_id }), presentChatMember);
}

/** `POST /chats/{id}/members/{userId}` (admins of group chats and channels); adding a member is a no-op. */
export async function addChatMember(ctx: Ctx, chatId: string, userId: string): Promise<ChatMember> {
  await transact(ctx, async (tx) => {
    const m = await requireMembership(ctx, chatId, tx);
    requireMemberManager(m);
    if (await findChatMember(tx, chatId, userId)) return;
    await checkNewMembers(tx, [userId]);
    await applyMemberChanges(ctx, tx, chatId, { add: [{ userId, role: 'member', via: 'added' }] }, 'added');
  });
  return presentMember(ctx, chatId, userId);
}

/**
 * `DELETE /chats/{id}/members/{userId}`: admins remove people; anyone removes themselves, which
 * is leaving — except the last active admin while others remain (CHAT_LAST_ADMIN).
 */
export async function removeChatMember(ctx: Ctx, chatId: string, userId: string): Promise<void> {
  await transact(ctx, async (tx) => {
    const m = await requireMembership(ctx, chatId, tx);
    const self = userId === m.actor.id;
    if (membersAreFixed(standingOf(m))) throw new AppError('CHAT_MEMBERS_FIXED');
    if (self) {
      if (
        m.member.role === 'admin' &&
        Number(m.chat.member_count) > 1 &&
        (await countOtherActiveAdmins(tx, chatId, m.actor.id)) === 0
      ) {
        throw new AppError('CHAT_LAST_ADMIN');
      }
    } else {
      requireMemberManager(m);
      if (!(await findChatMember(tx, chatId, userId))) throw new AppError('CHAT_MEMBER_NOT_FOUND');
    }
    await applyMemberChanges(ctx, tx, chatId, { remove: [userId] }, self ? 'left' : 'removed');
  });
}

/** `PATCH /chats/{id}/members/{userId}` (chat admins): make or unmake an admin; one must stay. */
export async function changeChatMemberRole(
  ctx: Ctx,
  chatId: string,
  userId: string,
  body: { role: ChatRole },
): Promise<ChatMember> {
  await transact(ctx, async (tx) => {
    const m = await requireMembership(ctx, chatId, tx);
    requireMemberManager(m);
    const target = await findChatMember(tx, chatId, userId);
    if (!target) throw new AppError('CHAT_MEMBER_NOT_FOUND');
    if (target.role === body.role) return;
    if (target.role === 'admin' && (await countOtherActiveAdmins(tx, chatId, userId)) === 0) {
      throw new AppError('CHAT_LAST_ADMIN');
    }
    await applyMemberChanges(
      ctx,
      tx,
      chatId,
      { roles: [{ userId, before: target.role, after: body.role }] },
      'role',
    );
  });
  return presentMember(ctx, chatId, userId);
}
