import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { ChatView, CreateChatBody } from '../../../shared/api/chats.js';
import type { Page } from '../../../shared/api/pagination.js';
import { cleanLine } from '../../../shared/text.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Actor, type Ctx, record, transact, transactRetrying } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { appendStreamEvent, streams } from '../../platform/events/streams.js';
import { decodeCursor, pageOf } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { authorize } from '../users/users.policy.js';
import { requireMembership } from './chat-access.js';
import { findFolder } from './chat-folders.queries.js';
import { applyMemberChanges } from './chat-members.changes.js';
import { listPersonFacts } from './chat-members.queries.js';
import { canBeAddedToChat, canCreateChat, canEditChat, chatAbilities } from './chats.policy.js';
import { presentChatView, standingOf } from './chats.presenter.js';
import {
  type ChatListRow,
  countOtherAdmins,
  countUnread,
  findDirectChatId,
  findViewerChat,
  insertChatRow,
  listLastMessages,
  listPeers,
  listViewerChats,
  updateChatRow,
} from './chats.queries.js';

const listCursor = z.strictObject({
  p: z.number().int().min(0).max(1),
  a: z.string().max(100),
  i: z.string().max(100),
});

/** A chat's name as stored: one clean line (invisible characters do not make a name). */
export function chatName(raw: string | undefined): string {
  const name = cleanLine(raw ?? '');
  if (!name) throw new AppError('CHAT_NAME_REQUIRED');
  return name;
}

/** The ChatViews of rows of the viewer's, with what each needs loaded once for all of them. */
export async function presentChatViews(db: Executor, actor: Actor, rows: ChatListRow[]): Promise<ChatView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const directIds = rows.filter((r) => r.kind === 'direct').map((r) => r.id);
  const withMessages = rows.filter((r) => Number(r.last_seq) > 0).map((r) => r.id);
  const adminOf = rows.filter((r) => r.role === 'admin').map((r) => r.id);
  const [peers, lastMessages, unread, otherAdmins] = await Promise.all([
    directIds.length > 0 ? listPeers(db, directIds, actor.id) : [],
    withMessages.length > 0 ? listLastMessages(db, withMessages) : [],
    countUnread(db, actor.id, ids),
    adminOf.length > 0 ? countOtherAdmins(db, actor.id, adminOf) : new Map<string, number>(),
  ]);
  const extras = {
    peers: new Map(peers.map((p) => [p.chat_id, p])),
    lastMessages: new Map(lastMessages.map((m) => [m.chat_id, m])),
    unread: new Map(unread.map((u) => [u.chat_id, u.n])),
  };
  return rows.map((row) =>
    presentChatView(row, extras, chatAbilities(actor, standingOf(row, otherAdmins.get(row.id) ?? 0))),
  );
}

/** The chat as its member sees it, or null when the viewer is not (or no longer) in it. */
export async function getChatViewIfMember(ctx: Ctx, chatId: string): Promise<ChatView | null> {
  const actor = requireActor(ctx);
  if (actor.status !== 'active') return null;
  const row = await findViewerChat(ctx.db, actor.id, chatId);
  if (!row) return null;
  const [view] = await presentChatViews(ctx.db, actor, [row]);
  return view ?? null;
}

/** `GET /chats/{id}`: members only (404 CHAT_NOT_FOUND for everyone else). */
export async function getChat(ctx: Ctx, chatId: string): Promise<ChatView> {
  await requireMembership(ctx, chatId);
  const view = await getChatViewIfMember(ctx, chatId);
  if (!view) throw new AppError('CHAT_NOT_FOUND');
  return view;
}

/** `GET /chats`: the viewer's own chats, pinned first, then by newest activity. */
export async function listChats(
  ctx: Ctx,
  query: { limit: number; cursor?: string; folder?: string; archived?: 'true' | 'false' },
): Promise<Page<ChatView>> {
  const actor = requireActor(ctx);
  if (query.folder && !(await findFolder(ctx.db, actor.id, query.folder))) {
    throw new AppError('CHAT_FOLDER_NOT_FOUND');
  }
  const rows = await listViewerChats(
    ctx.db,
    actor.id,
    {
      folderId: query.folder,
      archived: query.archived === 'true',
      after: decodeCursor(listCursor, query.cursor),
    },
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  const views = await presentChatViews(ctx.db, actor, page);
  const byId = new Map(views.map((v) => [v.id, v]));
  return pageOf(
    rows,
    query.limit,
    (r) => ({ p: Number(r.pinned), a: r.activity, i: r.id }),
    (r) => byId.get(r.id)!,
  );
}

/** Checks the people a chat is created with or gets: active, and no guests (by hand). */
export async function checkNewMembers(tx: Tx, userIds: readonly string[]): Promise<void> {
  const facts = new Map((await listPersonFacts(tx, userIds)).map((f) => [f.id, f]));
  for (const id of userIds) {
    const person = facts.get(id);
    if (person?.status !== 'active') throw new AppError('CHAT_MEMBER_NOT_FOUND');
    if (!canBeAddedToChat(person.role)) throw new AppError('CHAT_GUEST_NOT_ALLOWED');
  }
}

/**
 * `POST /chats`: a direct chat (the pair's existing one if any: `created` false), a group chat or
 * a channel; the creator is a group chat's or channel's admin.
 */
export async function createChat(
  ctx: Ctx,
  body: CreateChatBody,
): Promise<{ chat: ChatView; created: boolean }> {
  const actor = requireActor(ctx);
  if (!canCreateChat(actor)) throw new AppError('CHAT_GUEST_NOT_ALLOWED');
  const others = [...new Set(body.memberIds)].filter((id) => id !== actor.id);
  const direct = body.kind === 'direct';
  if (direct && others.length !== 1) throw new AppError('CHAT_DIRECT_NEEDS_ONE');
  const name = direct ? null : chatName(body.name);
  const directKey = direct ? [actor.id, others[0]!].sort().join(':') : null;

  // Two people opening their direct chat at once: the loser of the unique key retries and finds it.
  const result = await transactRetrying(ctx, async (tx) => {
    if (directKey) {
      const existing = await findDirectChatId(tx, directKey);
      if (existing) return { id: existing, created: false };
    }
    await checkNewMembers(tx, others);
    const id = uuidv7();
    const now = new Date().toISOString();
    await insertChatRow(tx, {
      id,
      kind: body.kind,
      name,
      photo_key: null,
      direct_key: directKey,
      group_id: null,
      department_id: null,
      created_by: actor.id,
      last_message_at: null,
      created_at: now,
      updated_at: now,
    });
    // Direct chats have no admins: there is nothing in them to administer.
    const creatorRole = direct ? 'member' : 'admin';
    const add = [
      { userId: actor.id, role: creatorRole, via: 'creator' } as const,
      ...others.map((userId) => ({ userId, role: 'member', via: 'added' }) as const),
    ];
    await record(ctx, tx, {
      action: 'chat.created',
      subjectType: 'chat',
      subjectId: id,
      payload: { kind: body.kind, name, members: add },
    });
    await applyMemberChanges(ctx, tx, id, { add }, 'created');
    return { id, created: true };
  });
  return { chat: await getChat(ctx, result.id), created: result.created };
}

/** `PATCH /chats/{id}` (chat admins of group chats and channels): rename. */
export async function renameChat(ctx: Ctx, chatId: string, body: { name: string }): Promise<ChatView> {
  await transact(ctx, async (tx) => {
    const m = await requireMembership(ctx, chatId, tx);
    const linked = m.chat.group_id !== null || m.chat.department_id !== null;
    authorize(
      canEditChat(m.actor, {
        kind: m.chat.kind,
        linked,
        role: m.member.role,
        memberCount: Number(m.chat.member_count),
        otherActiveAdmins: 0,
      }),
    );
    const name = chatName(body.name);
    if (name === m.chat.name) return;
    await updateChatRow(tx, chatId, { name, updated_at: new Date().toISOString() });
    await record(ctx, tx, {
      action: 'chat.renamed',
      subjectType: 'chat',
      subjectId: chatId,
      payload: { before: m.chat.name, after: name },
    });
    await appendStreamEvent(tx, streams.chat(chatId), 'chat.updated', { chatId });
  });
  return getChat(ctx, chatId);
}
