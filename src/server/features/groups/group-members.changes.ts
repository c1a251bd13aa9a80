import { type Ctx, record } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import type { GroupRole } from '../../platform/db/schema.js';
import { appendStreamEvent, streams } from '../../platform/events/streams.js';
import { syncLinkedChatMembers } from '../chats/chat-members.service.js';
import {
  deleteInvite,
  deleteJoinRequest,
  deleteMembership,
  insertMembership,
  recountMembers,
  updateMembership,
} from './group-members.queries.js';

/**
 * The writes every membership change goes through, inside the caller's transaction: the row,
 * the exact member count, the ledger entry, and the realtime events — `membership.changed` on
 * each person's stream (their socket re-subscribes) and `group.members.changed` on the group's.
 */

/** How a person came to be in a group or left it, as the ledger records it. */
export type MembershipVia =
  | 'creator'
  | 'joined'
  | 'added'
  | 'request-approved'
  | 'invite-accepted'
  | 'left'
  | 'removed';

async function announce(ctx: Ctx, tx: Tx, groupId: string, userIds: readonly string[]): Promise<void> {
  // The group's own chat, if it has one, follows its members and admins in the same transaction.
  await syncLinkedChatMembers(ctx, tx, { groupId });
  for (const userId of userIds) {
    await appendStreamEvent(tx, streams.user(userId), 'membership.changed', { groupId });
  }
  await appendStreamEvent(tx, streams.group(groupId), 'group.members.changed', { groupId });
}

/** Makes `userId` a member with `role`; any request or invitation of theirs is settled by it. */
export async function addMember(
  ctx: Ctx,
  tx: Tx,
  groupId: string,
  userId: string,
  role: GroupRole,
  via: MembershipVia,
): Promise<void> {
  await insertMembership(tx, {
    group_id: groupId,
    user_id: userId,
    role,
    via_department: 0,
    created_at: new Date().toISOString(),
  });
  await deleteJoinRequest(tx, groupId, userId);
  await deleteInvite(tx, groupId, userId);
  await recountMembers(tx, [groupId]);
  await record(ctx, tx, {
    action: 'group.member.added',
    subjectType: 'group',
    subjectId: groupId,
    payload: { userId, role, via },
  });
  await announce(ctx, tx, groupId, [userId]);
}

/** Ends `userId`'s membership. */
export async function removeMember(
  ctx: Ctx,
  tx: Tx,
  groupId: string,
  userId: string,
  via: MembershipVia,
): Promise<void> {
  await deleteMembership(tx, groupId, userId);
  await recountMembers(tx, [groupId]);
  await record(ctx, tx, {
    action: 'group.member.removed',
    subjectType: 'group',
    subjectId: groupId,
    payload: { userId, via },
  });
  await announce(ctx, tx, groupId, [userId]);
}

/** Changes a member's role in the group. */
export async function changeMemberRole(
  ctx: Ctx,
  tx: Tx,
  groupId: string,
  userId: string,
  before: GroupRole,
  after: GroupRole,
): Promise<void> {
  await updateMembership(tx, groupId, userId, { role: after });
  await record(ctx, tx, {
    action: 'group.member.role.changed',
    subjectType: 'group',
    subjectId: groupId,
    payload: { userId, before, after },
  });
  await announce(ctx, tx, groupId, [userId]);
}

/** What a department sync changes in one group. */
export interface DepartmentSyncPlan {
  /** New members through the department. */
  add: string[];
  /** Members already there whose membership now follows the department. */
  adopt: string[];
  /** Department members who left it: their membership ends. */
  drop: string[];
  /** Department members who left it but hold a role the group gave them: they stay, by hand. */
  release: string[];
}

/**
 * Applies a department sync to one group with a single ledger entry (a department of hundreds
 * joining a group is one event, not hundreds), and announces each person's change.
 */
export async function applyDepartmentSync(
  ctx: Ctx,
  tx: Tx,
  groupId: string,
  departmentId: string | null,
  plan: DepartmentSyncPlan,
): Promise<void> {
  const { add, adopt, drop, release } = plan;
  if (add.length + adopt.length + drop.length + release.length === 0) return;
  const now = new Date().toISOString();
  for (const userId of add) {
    await insertMembership(tx, {
      group_id: groupId,
      user_id: userId,
      role: 'member',
      via_department: 1,
      created_at: now,
    });
    await deleteJoinRequest(tx, groupId, userId);
    await deleteInvite(tx, groupId, userId);
  }
  for (const userId of adopt) await updateMembership(tx, groupId, userId, { via_department: 1 });
  for (const userId of drop) await deleteMembership(tx, groupId, userId);
  for (const userId of release) await updateMembership(tx, groupId, userId, { via_department: 0 });
  await recountMembers(tx, [groupId]);
  await record(ctx, tx, {
    action: 'group.members.synced',
    subjectType: 'group',
    subjectId: groupId,
    payload: { departmentId, added: add, adopted: adopt, removed: drop, released: release },
  });
  await announce(ctx, tx, groupId, [...add, ...adopt, ...drop, ...release]);
}
