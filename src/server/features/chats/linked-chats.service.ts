import { v7 as uuidv7 } from 'uuid';
import type { LinkedChat } from '../../../shared/api/chats.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Ctx, record, transactRetrying } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import type { ChatRole } from '../../platform/db/schema.js';
import { appendStreamEvent, streams } from '../../platform/events/streams.js';
import { AppError } from '../../platform/http/errors.js';
import { findGroupForViewer } from '../groups/groups.service.js';
import { authorize } from '../users/users.policy.js';
import { selectChatBlobKeys } from './chat-attachments.queries.js';
import { applyMemberChanges, type MemberChanges } from './chat-members.changes.js';
import { deleteChatRow, listMemberIds, listMemberRoles } from './chat-members.queries.js';
import { canOpenDepartmentChat, canOpenGroupChat } from './chats.policy.js';
import { findDepartmentName, insertChatRow } from './chats.queries.js';
import { getChatViewIfMember } from './chats.service.js';
import {
  findChatOfDepartment,
  findChatOfGroup,
  type LinkedChatRow,
  listActiveEmployeesIn,
  listDepartmentChats,
  listDepartmentNodes,
  listLinkedChatsForUser,
  listWantedOfGroup,
} from './linked-chats.queries.js';

/**
 * Linked chats (C1): a group's own chat and a department's chat. Their members are not chosen by
 * hand (`via = 'linked'`): a group's chat holds the group's active members, its admins as chat
 * admins; a department's chat holds the active employees of the department and every
 * department below it, its head as admin. Every write that can change those sets calls
 * `syncLinkedChatMembers` inside its own transaction, so the chat never lags the directory.
 *
 * Deactivated people leave linked chats (they are not "active members" any more) and come back
 * on reactivation; in chats people chose (direct, group chats, channels) their rows stay, so
 * history and membership return with them, but `requireMembership` and the socket give a
 * deactivated person nothing meanwhile.
 */

type Tree = { subtreeOf(id: string): string[]; headOf(id: string): string | null };

async function loadTree(db: Executor): Promise<Tree> {
  const rows = await listDepartmentNodes(db);
  const childrenOf = new Map<string, string[]>();
  const headOf = new Map(rows.map((r) => [r.id, r.head_user_id]));
  for (const row of rows) {
    if (row.parent_id) childrenOf.set(row.parent_id, [...(childrenOf.get(row.parent_id) ?? []), row.id]);
  }
  return {
    // Stops at a department seen before, so a loop in the data cannot hang it.
    subtreeOf(id) {
      const seen = new Set<string>();
      const stack = [id];
      while (stack.length > 0) {
        const next = stack.pop()!;
        if (seen.has(next)) continue;
        seen.add(next);
        stack.push(...(childrenOf.get(next) ?? []));
      }
      return [...seen];
    },
    headOf: (id) => headOf.get(id) ?? null,
  };
}

/** Who the chat should hold (restricted to one person when `onlyUserId` is given). */
async function wantedOf(
  tx: Tx,
  chat: LinkedChatRow,
  tree: () => Promise<Tree>,
  onlyUserId?: string,
): Promise<Map<string, ChatRole>> {
  if (chat.group_id) {
    const rows = await listWantedOfGroup(tx, chat.group_id, onlyUserId);
    return new Map(rows.map((r) => [r.user_id, r.role]));
  }
  if (chat.department_id) {
    const t = await tree();
    const head = t.headOf(chat.department_id);
    const ids = await listActiveEmployeesIn(tx, t.subtreeOf(chat.department_id), onlyUserId);
    return new Map(ids.map((id) => [id, id === head ? 'admin' : 'member']));
  }
  return new Map();
}

/** The changes that bring the chat's rows to `wanted`. */
function planOf(
  current: { user_id: string; role: ChatRole }[],
  wanted: Map<string, ChatRole>,
): MemberChanges & Required<MemberChanges> {
  const plan: Required<MemberChanges> = { add: [], remove: [], roles: [] };
  const have = new Map(current.map((r) => [r.user_id, r.role]));
  for (const [userId, role] of wanted) {
    const before = have.get(userId);
    if (before === undefined) plan.add.push({ userId, role, via: 'linked' });
    else if (before !== role) plan.roles.push({ userId, before, after: role });
  }
  for (const userId of have.keys()) if (!wanted.has(userId)) plan.remove.push(userId);
  return plan;
}

async function syncChat(
  ctx: Ctx,
  tx: Tx,
  chat: LinkedChatRow,
  tree: () => Promise<Tree>,
  onlyUserId?: string,
): Promise<void> {
  const wanted = await wantedOf(tx, chat, tree, onlyUserId);
  const current = await listMemberRoles(tx, chat.id, onlyUserId);
  await applyMemberChanges(ctx, tx, chat.id, planOf(current, wanted), 'linked-sync');
}

/**
 * Brings linked chats' members up to date inside the caller's transaction (adding and removing
 * rows, with the ledger entry and the realtime events):
 * - `groupId`: the group's chat, after the group's membership or roles changed;
 * - `departmentId`: every department chat, after a department moved in the tree;
 * - `userId`: that person in every linked chat, after their department, status or role changed.
 */
export async function syncLinkedChatMembers(
  ctx: Ctx,
  tx: Tx,
  scope: { groupId?: string; departmentId?: string; userId?: string },
): Promise<void> {
  let cached: Promise<Tree> | undefined;
  const tree = () => {
    cached ??= loadTree(tx);
    return cached;
  };
  if (scope.groupId) {
    const chat = await findChatOfGroup(tx, scope.groupId);
    if (chat) await syncChat(ctx, tx, chat, tree);
  }
  if (scope.departmentId) {
    for (const chat of await listDepartmentChats(tx)) await syncChat(ctx, tx, chat, tree);
  }
  if (scope.userId) {
    for (const chat of await listLinkedChatsForUser(tx, scope.userId)) {
      await syncChat(ctx, tx, chat, tree, scope.userId);
    }
  }
}

/**
 * Before a group or a department is deleted: its chat goes with it (the foreign key would drop
 * it silently); this records it and tells every member's sockets to let go of it.
 */
export async function deleteLinkedChat(
  ctx: Ctx,
  tx: Tx,
  scope: { groupId: string } | { departmentId: string },
): Promise<void> {
  const chat =
    'groupId' in scope
      ? await findChatOfGroup(tx, scope.groupId)
      : await findChatOfDepartment(tx, scope.departmentId);
  if (!chat) return;
  const memberIds = await listMemberIds(tx, chat.id);
  // Named in the entry, the attachments' files outlive their rows: the blob sweep keeps what
  // the ledger names (X6).
  const attachmentKeys = await selectChatBlobKeys(tx, chat.id);
  await deleteChatRow(tx, chat.id);
  await record(ctx, tx, {
    action: 'chat.deleted',
    subjectType: 'chat',
    subjectId: chat.id,
    payload: { groupId: chat.group_id, departmentId: chat.department_id, memberIds, attachmentKeys },
  });
  for (const userId of memberIds) {
    await appendStreamEvent(tx, streams.user(userId), 'chats.changed', { chatId: chat.id, reason: 'left' });
  }
  await appendStreamEvent(tx, streams.chat(chat.id), 'chat.updated', { chatId: chat.id });
}

/** Creates the linked chat once (a concurrent twin loses on the unique link and finds it). */
async function openLinked(
  ctx: Ctx,
  link: { groupId: string; name: string } | { departmentId: string; name: string },
): Promise<LinkedChat> {
  const actor = requireActor(ctx);
  const { id, created } = await transactRetrying(ctx, async (tx) => {
    const existing =
      'groupId' in link
        ? await findChatOfGroup(tx, link.groupId)
        : await findChatOfDepartment(tx, link.departmentId);
    if (existing) return { id: existing.id, created: false };
    const id = uuidv7();
    const now = new Date().toISOString();
    const chat: LinkedChatRow = {
      id,
      group_id: 'groupId' in link ? link.groupId : null,
      department_id: 'departmentId' in link ? link.departmentId : null,
    };
    await insertChatRow(tx, {
      ...chat,
      kind: 'group',
      name: link.name,
      photo_key: null,
      direct_key: null,
      created_by: actor.id,
      last_message_at: null,
      created_at: now,
      updated_at: now,
    });
    const tree = () => loadTree(tx);
    const plan = planOf([], await wantedOf(tx, chat, tree));
    await record(ctx, tx, {
      action: 'chat.created',
      subjectType: 'chat',
      subjectId: id,
      payload: {
        kind: 'group',
        name: link.name,
        groupId: chat.group_id,
        departmentId: chat.department_id,
        members: plan.add.map((m) => ({ userId: m.userId, role: m.role, via: m.via })),
      },
    });
    await applyMemberChanges(ctx, tx, id, plan, 'created');
    return { id, created: true };
  });
  return { chatId: id, created, chat: await getChatViewIfMember(ctx, id) };
}

/** `POST /groups/{id}/chat` (group admins and moderators, platform admins): the group's chat. */
export async function openGroupChat(ctx: Ctx, groupId: string): Promise<LinkedChat> {
  const actor = requireActor(ctx);
  const { group, viewerRole } = await findGroupForViewer(ctx, groupId);
  authorize(canOpenGroupChat(actor, viewerRole));
  return openLinked(ctx, { groupId, name: group.name });
}

/** `POST /departments/{id}/chat` (platform admins): the department's chat. */
export async function openDepartmentChat(ctx: Ctx, departmentId: string): Promise<LinkedChat> {
  const actor = requireActor(ctx);
  authorize(canOpenDepartmentChat(actor));
  const name = await findDepartmentName(ctx.db, departmentId);
  if (name === undefined) throw new AppError('DEPARTMENT_NOT_FOUND');
  return openLinked(ctx, { departmentId, name });
}
