import { z } from 'zod';
import type { JoinRequest, MembershipResult } from '../../../shared/api/groups.js';
import type { Page, PageQuery } from '../../../shared/api/pagination.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Actor, type Ctx, record, transact } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { appendStreamEvent, streams } from '../../platform/events/streams.js';
import { decodeCursor, pageOf } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { notifyPeople } from '../notifications/notifications.service.js';
import { authorize } from '../users/users.policy.js';
import { addMember } from './group-members.changes.js';
import {
  deleteInvite,
  deleteJoinRequest,
  findInvite,
  findJoinRequest,
  findMembership,
  listJoinRequestPage,
} from './group-members.queries.js';
import { membershipResult, requireActivePerson } from './group-members.service.js';
import { canManageGroup, canSeeGroup, canWithdrawJoinRequest } from './groups.policy.js';
import { presentJoinRequest, standingOf } from './groups.presenter.js';
import { findGroupRow, type GroupRow } from './groups.queries.js';
import { loadVisibleGroup } from './groups.service.js';

/**
 * Join requests to closed groups (decided by group admins and platform admins, who tell the
 * person of an approval; withdrawn by the person) and invitations (accepted or declined by the
 * invited person).
 */

const requestCursor = z.strictObject({ t: z.string().max(40), i: z.string().max(100) });

async function loadManagedGroup(db: Ctx['db'] | Tx, actor: Actor, id: string): Promise<GroupRow> {
  const group = await loadVisibleGroup(db, actor, id);
  authorize(canManageGroup(actor, standingOf(group)));
  return group;
}

/** `GET /groups/{id}/requests`: waiting requests from active people, oldest first. */
export async function listJoinRequests(ctx: Ctx, id: string, query: PageQuery): Promise<Page<JoinRequest>> {
  const actor = requireActor(ctx);
  await loadManagedGroup(ctx.db, actor, id);
  const rows = await listJoinRequestPage(
    ctx.db,
    id,
    decodeCursor(requestCursor, query.cursor),
    query.limit + 1,
  );
  return pageOf(rows, query.limit, (r) => ({ t: r.created_at, i: r.user_id }), presentJoinRequest);
}

/** `POST /groups/{id}/requests/{userId}/approve`: the person becomes a member and is told so. */
export async function approveJoinRequest(ctx: Ctx, id: string, userId: string): Promise<MembershipResult> {
  const actor = requireActor(ctx);
  await transact(ctx, async (tx) => {
    const group = await loadManagedGroup(tx, actor, id);
    if (!(await findJoinRequest(tx, id, userId))) throw new AppError('JOIN_REQUEST_NOT_FOUND');
    await requireActivePerson(tx, userId);
    if (await findMembership(tx, id, userId)) {
      await deleteJoinRequest(tx, id, userId);
      return;
    }
    await addMember(ctx, tx, id, userId, 'member', 'request-approved');
    await notifyPeople(tx, [userId], {
      type: 'join_approved',
      actorId: actor.id,
      groupId: id,
      data: { groupName: group.name },
    });
  });
  return membershipResult(ctx.db, id, userId);
}

/** `POST /groups/{id}/requests/{userId}/reject`: the request goes; the person may ask again. */
export async function rejectJoinRequest(ctx: Ctx, id: string, userId: string): Promise<MembershipResult> {
  const actor = requireActor(ctx);
  await transact(ctx, async (tx) => {
    await loadManagedGroup(tx, actor, id);
    if (!(await findJoinRequest(tx, id, userId))) throw new AppError('JOIN_REQUEST_NOT_FOUND');
    await deleteJoinRequest(tx, id, userId);
    await record(ctx, tx, {
      action: 'group.join.rejected',
      subjectType: 'group',
      subjectId: id,
      payload: { userId },
    });
    await appendStreamEvent(tx, streams.user(userId), 'membership.changed', { groupId: id });
  });
  return membershipResult(ctx.db, id, userId);
}

/**
 * `DELETE /groups/{id}/join`: the person takes back their own pending request. A group that
 * turned secret meanwhile still lets its requester withdraw; to anyone else it stays a 404.
 */
export async function withdrawJoinRequest(ctx: Ctx, id: string): Promise<MembershipResult> {
  const actor = requireActor(ctx);
  await transact(ctx, async (tx) => {
    const group = await findGroupRow(tx, id, actor.id);
    if (!group) throw new AppError('GROUP_NOT_FOUND');
    const standing = standingOf(group);
    if (!canWithdrawJoinRequest(actor, standing)) {
      throw new AppError(canSeeGroup(actor, standing) ? 'JOIN_REQUEST_NOT_FOUND' : 'GROUP_NOT_FOUND');
    }
    await deleteJoinRequest(tx, id, actor.id);
    await record(ctx, tx, {
      action: 'group.join.withdrawn',
      subjectType: 'group',
      subjectId: id,
      payload: { userId: actor.id },
    });
    await appendStreamEvent(tx, streams.user(actor.id), 'membership.changed', { groupId: id });
  });
  return membershipResult(ctx.db, id, actor.id);
}

/**
 * The group an invitation is for. The invited person may not otherwise know of a secret group,
 * so without an invitation they get the same 404 as for a group that does not exist.
 */
async function loadInvitedGroup(tx: Tx, actor: Actor, id: string): Promise<GroupRow> {
  const group = await findGroupRow(tx, id, actor.id);
  if (!group) throw new AppError('GROUP_NOT_FOUND');
  if (!(await findInvite(tx, id, actor.id))) {
    throw new AppError(canSeeGroup(actor, standingOf(group)) ? 'GROUP_INVITE_NOT_FOUND' : 'GROUP_NOT_FOUND');
  }
  return group;
}

/** `POST /groups/{id}/invite/accept`: the invited person joins. */
export async function acceptGroupInvite(ctx: Ctx, id: string): Promise<MembershipResult> {
  const actor = requireActor(ctx);
  await transact(ctx, async (tx) => {
    const group = await loadInvitedGroup(tx, actor, id);
    if (group.viewer_role) {
      await deleteInvite(tx, id, actor.id);
      return;
    }
    await addMember(ctx, tx, id, actor.id, 'member', 'invite-accepted');
  });
  return membershipResult(ctx.db, id, actor.id);
}

/** `POST /groups/{id}/invite/decline`: the invitation goes. */
export async function declineGroupInvite(ctx: Ctx, id: string): Promise<MembershipResult> {
  const actor = requireActor(ctx);
  await transact(ctx, async (tx) => {
    await loadInvitedGroup(tx, actor, id);
    await deleteInvite(tx, id, actor.id);
    await record(ctx, tx, {
      action: 'group.invite.declined',
      subjectType: 'group',
      subjectId: id,
      payload: { userId: actor.id },
    });
    await appendStreamEvent(tx, streams.user(actor.id), 'membership.changed', { groupId: id });
  });
  return membershipResult(ctx.db, id, actor.id);
}
