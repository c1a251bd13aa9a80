import { z } from 'zod';
import type { GroupMember, GroupRole, MembershipResult } from '../../../shared/api/groups.js';
import type { Page, PageQuery } from '../../../shared/api/pagination.js';
import { cleanText } from '../../../shared/text.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Actor, type Ctx, record, transact } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { decodeCursor, pageOf } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { notifyPeople } from '../notifications/notifications.service.js';
import { authorize } from '../users/users.policy.js';
import { addMember, changeMemberRole, removeMember } from './group-members.changes.js';
import {
  countActiveAdmins,
  findInvite,
  findJoinRequest,
  findMemberCount,
  findMembership,
  findPersonFacts,
  insertInvite,
  insertJoinRequest,
  listActiveAdminIds,
  listMemberPage,
  type PersonFacts,
} from './group-members.queries.js';
import {
  canAddDirectly,
  canHoldGroupRole,
  canInviteToGroup,
  canListGroupMembers,
  canManageGroup,
  memberAbilities,
} from './groups.policy.js';
import { presentGroupMember, standingOf } from './groups.presenter.js';
import type { GroupRow } from './groups.queries.js';
import { loadVisibleGroup } from './groups.service.js';

/**
 * Membership of groups (G1): joining, inviting and adding, leaving and removing, roles. Every
 * change goes through group-members.changes.ts (row, count, ledger, realtime) in one transaction.
 */

const memberCursor = z.strictObject({ n: z.string().max(1000), i: z.string().max(100) });

/** Where `userId` now stands in the group: the answer of every membership action. */
export async function membershipResult(
  db: Executor,
  groupId: string,
  userId: string,
): Promise<MembershipResult> {
  const [membership, invite, request, memberCount] = [
    await findMembership(db, groupId, userId),
    await findInvite(db, groupId, userId),
    await findJoinRequest(db, groupId, userId),
    await findMemberCount(db, groupId),
  ];
  const state = membership ? 'member' : invite ? 'invited' : request ? 'requested' : 'none';
  return { groupId, userId, state, role: membership?.role ?? null, memberCount };
}

/** The person a membership action is about: an existing, active one. */
export async function requireActivePerson(db: Executor, userId: string): Promise<PersonFacts> {
  const person = await findPersonFacts(db, userId);
  if (!person) throw new AppError('USER_NOT_FOUND');
  if (person.status !== 'active') throw new AppError('USER_INACTIVE');
  return person;
}

/** Refuses a change that would leave the group without an active administrator. */
export async function guardLastGroupAdmin(
  db: Executor,
  groupId: string,
  target: { id: string; status: string },
  currentRole: GroupRole,
): Promise<void> {
  if (currentRole !== 'admin' || target.status !== 'active') return;
  if ((await countActiveAdmins(db, groupId, target.id)) === 0) throw new AppError('LAST_GROUP_ADMIN');
}

/** Asks a closed group's admins to let the actor in, and tells them so. */
async function requestToJoin(ctx: Ctx, tx: Tx, actor: Actor, group: GroupRow, message: string | null) {
  if (await findJoinRequest(tx, group.id, actor.id)) return;
  await insertJoinRequest(tx, {
    group_id: group.id,
    user_id: actor.id,
    message,
    created_at: new Date().toISOString(),
  });
  await record(ctx, tx, {
    action: 'group.join.requested',
    subjectType: 'group',
    subjectId: group.id,
    payload: { userId: actor.id, message },
  });
  await notifyPeople(tx, await listActiveAdminIds(tx, group.id), {
    type: 'join_request',
    actorId: actor.id,
    groupId: group.id,
    data: { groupName: group.name },
  });
}

/**
 * `POST /groups/{id}/join`: an open group is joined at once, a closed one is asked to (its
 * admins are notified); a pending invitation is accepted. Secret groups answer 404.
 */
export async function joinGroup(ctx: Ctx, id: string, message?: string): Promise<MembershipResult> {
  const actor = requireActor(ctx);
  await transact(ctx, async (tx) => {
    const group = await loadVisibleGroup(tx, actor, id);
    const standing = standingOf(group);
    if (standing.viewerRole) throw new AppError('ALREADY_MEMBER');
    authorize(actor.role !== 'guest');
    if (standing.invited || group.visibility === 'open') {
      await addMember(ctx, tx, id, actor.id, 'member', standing.invited ? 'invite-accepted' : 'joined');
    } else {
      const note = message === undefined ? null : cleanText(message).trim() || null;
      await requestToJoin(ctx, tx, actor, group, note);
    }
  });
  return membershipResult(ctx.db, id, actor.id);
}

/**
 * `POST /groups/{id}/members`: group admins and platform admins add anyone directly (guests
 * only by them); other members add colleagues to an open group directly and invite them to
 * closed and secret ones (the invitee accepts).
 */
export async function addGroupMember(ctx: Ctx, id: string, userId: string): Promise<MembershipResult> {
  const actor = requireActor(ctx);
  await transact(ctx, async (tx) => {
    const group = await loadVisibleGroup(tx, actor, id);
    const standing = standingOf(group);
    authorize(canInviteToGroup(actor, standing));
    const target = await requireActivePerson(tx, userId);
    if (await findMembership(tx, id, userId)) throw new AppError('ALREADY_MEMBER');
    if (target.role === 'guest' && !canManageGroup(actor, standing))
      throw new AppError('GROUP_GUEST_NEEDS_ADMIN');
    if (canAddDirectly(actor, standing, target.role)) {
      await addMember(ctx, tx, id, userId, 'member', 'added');
      return;
    }
    if (await findInvite(tx, id, userId)) return;
    await insertInvite(tx, {
      group_id: id,
      user_id: userId,
      invited_by: actor.id,
      created_at: new Date().toISOString(),
    });
    await record(ctx, tx, {
      action: 'group.invite.created',
      subjectType: 'group',
      subjectId: id,
      payload: { userId, invitedBy: actor.id },
    });
    await notifyPeople(tx, [userId], {
      type: 'group_invite',
      actorId: actor.id,
      groupId: id,
      data: { groupName: group.name },
    });
  });
  return membershipResult(ctx.db, id, userId);
}

/** `GET /groups/{id}/members`: active members by name, for whoever may know of the group. */
export async function listGroupMembers(ctx: Ctx, id: string, query: PageQuery): Promise<Page<GroupMember>> {
  const actor = requireActor(ctx);
  const group = await loadVisibleGroup(ctx.db, actor, id);
  const standing = standingOf(group);
  authorize(canListGroupMembers(actor, standing));
  const rows = await listMemberPage(ctx.db, id, decodeCursor(memberCursor, query.cursor), query.limit + 1);
  return pageOf(
    rows,
    query.limit,
    (r) => ({ n: r.name_search, i: r.user_id }),
    (r) =>
      presentGroupMember(
        r,
        memberAbilities(actor, standing, {
          userId: r.user_id,
          viaDepartment: Number(r.via_department) === 1,
        }),
      ),
  );
}

/**
 * `DELETE /groups/{id}/members/{userId}`: leaving (oneself) or removing (group admins, platform
 * admins). Department memberships follow the department and the last active admin stays.
 */
export async function removeGroupMember(ctx: Ctx, id: string, userId: string): Promise<MembershipResult> {
  const actor = requireActor(ctx);
  const self = userId === actor.id;
  await transact(ctx, async (tx) => {
    const group = await loadVisibleGroup(tx, actor, id);
    if (!self) authorize(canManageGroup(actor, standingOf(group)));
    const membership = await findMembership(tx, id, userId);
    if (!membership) throw new AppError('NOT_A_MEMBER');
    if (Number(membership.via_department) === 1) throw new AppError('DEPARTMENT_MEMBERSHIP');
    const target = await findPersonFacts(tx, userId);
    if (target) await guardLastGroupAdmin(tx, id, target, membership.role);
    await removeMember(ctx, tx, id, userId, self ? 'left' : 'removed');
  });
  return membershipResult(ctx.db, id, userId);
}

/** `PUT /groups/{id}/members/{userId}/role` (group admins, platform admins). */
export async function changeGroupMemberRole(
  ctx: Ctx,
  id: string,
  userId: string,
  role: GroupRole,
): Promise<MembershipResult> {
  const actor = requireActor(ctx);
  await transact(ctx, async (tx) => {
    const group = await loadVisibleGroup(tx, actor, id);
    authorize(canManageGroup(actor, standingOf(group)));
    const membership = await findMembership(tx, id, userId);
    if (!membership) throw new AppError('NOT_A_MEMBER');
    const target = await findPersonFacts(tx, userId);
    if (!target) throw new AppError('NOT_A_MEMBER');
    if (!canHoldGroupRole(target.role, role)) throw new AppError('GROUP_GUEST_ROLE');
    if (membership.role === role) return;
    if (role !== 'admin') await guardLastGroupAdmin(tx, id, target, membership.role);
    await changeMemberRole(ctx, tx, id, userId, membership.role, role);
  });
  return membershipResult(ctx.db, id, userId);
}
