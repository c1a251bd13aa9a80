import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type {
  CreateGroupBody,
  Group,
  GroupListItem,
  GroupSummary,
  ListGroupsParams,
  UpdateGroupBody,
} from '../../../shared/api/groups.js';
import type { Page } from '../../../shared/api/pagination.js';
import { handleFromName } from '../../../shared/mentions.js';
import { cleanLine, cleanText, searchKey } from '../../../shared/text.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Actor, type Ctx, record, transactRetrying } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import type { GroupRole } from '../../platform/db/schema.js';
import { appendStreamEvent, streams } from '../../platform/events/streams.js';
import { decodeCursor, pageOf } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { deleteLinkedChat } from '../chats/chat-members.service.js';
import { deleteGroupReports } from '../moderation/moderation.service.js';
import type { Space } from '../spaces/spaces.service.js';
import { authorize } from '../users/users.policy.js';
import { syncGroupWithDepartment } from './group-departments.service.js';
import { addMember } from './group-members.changes.js';
import {
  countActiveAdmins,
  countJoinRequests,
  listActiveMemberIds,
  listAllMemberIds,
} from './group-members.queries.js';
import {
  canCreateGroup,
  canLinkDepartment,
  canManageGroup,
  canSeeGroup,
  groupAbilities,
  groupJoinAbilities,
  spaceOf,
} from './groups.policy.js';
import { presentGroup, presentGroupListItem, presentGroupSummary, standingOf } from './groups.presenter.js';
import {
  deleteGroupRow,
  findDepartmentName,
  findGroupRow,
  type GroupRecord,
  type GroupRow,
  insertGroupRow,
  listGroupPostIds,
  listGroupsByHandles,
  listGroupsByPrefix,
  listHandlesStartingWith,
  listTakenHandles,
  listVisibleGroups,
  updateGroupRow,
} from './groups.queries.js';

export {
  syncDepartmentGroupsForDepartment,
  syncDepartmentGroupsForUsers,
  syncGroupWithDepartment,
  unlinkDepartmentFromGroups,
} from './group-departments.service.js';
export { presentGroupSummary };

/** The directory's sort key: lower-cased name, then id. */
const nameCursor = z.strictObject({ n: z.string().max(1000), i: z.string().max(100) });

/** Mentions match tokens of at most this many characters (src/shared/mentions.ts). */
const maxHandleLength = 64;

/**
 * Loads a group as `actor` stands in it, or throws GROUP_NOT_FOUND when it does not exist or the
 * actor may not know of it (a secret group's non-members get the same answer as for a group that
 * never existed).
 */
export async function loadVisibleGroup(
  db: Executor,
  actor: Actor | null,
  groupId: string,
): Promise<GroupRow> {
  const row = await findGroupRow(db, groupId, actor?.id ?? null);
  if (!row || !canSeeGroup(actor, standingOf(row))) throw new AppError('GROUP_NOT_FOUND');
  return row;
}

/**
 * For other slices (posts, feed): a group the context's actor may know of, with its space for
 * the read/write/moderate decisions of spaces.policy and the actor's role in it. Throws 404
 * GROUP_NOT_FOUND otherwise (secret groups' non-members included) — never a 403.
 */
export async function findGroupForViewer(
  ctx: Pick<Ctx, 'db' | 'actor'>,
  groupId: string,
): Promise<{ group: GroupRecord; space: Space; viewerRole: GroupRole | null }> {
  const row = await loadVisibleGroup(ctx.db, ctx.actor, groupId);
  const { department_name, viewer_role, viewer_via_department, viewer_requested, viewer_invited, ...group } =
    row;
  return { group, space: spaceOf(row.id, standingOf(row)), viewerRole: viewer_role };
}

/**
 * For other slices (mentions, notifications): the ids of a group's active members. No visibility
 * check: callers decide who may address the group.
 */
export function listGroupMemberIds(db: Executor, groupId: string): Promise<string[]> {
  return listActiveMemberIds(db, groupId);
}

/**
 * For other slices (mentions): the groups with these exact handles (lower-cased), whatever
 * their visibility — the caller checks the author may address each one.
 */
export async function findGroupsByHandles(
  db: Executor,
  handles: readonly string[],
): Promise<{ id: string; handle: string; name: string; visibility: GroupRecord['visibility'] }[]> {
  const rows = await listGroupsByHandles(db, [...new Set(handles)]);
  return rows.map((r) => ({ id: r.id, handle: r.handle, name: r.name, visibility: r.visibility }));
}

/**
 * For the composer's `@` autocomplete: groups the context's actor may know of whose handle or
 * name starts with `prefix`, by handle.
 */
export async function searchGroupsForMention(
  ctx: Pick<Ctx, 'db' | 'actor'>,
  prefix: string,
  limit: number,
): Promise<GroupSummary[]> {
  const actor = ctx.actor;
  if (actor?.status !== 'active') return [];
  const key = searchKey(prefix.replace(/^@/, ''));
  const rows = await listGroupsByPrefix(ctx.db, actor, key, Math.max(1, Math.min(limit, 50)));
  return rows.map(presentGroupSummary);
}

function groupName(name: string): string {
  const clean = cleanLine(name);
  if (!clean) throw new AppError('NAME_EMPTY');
  return clean;
}

const trimMentionEnd = (text: string) => text.replace(/[._-]+$/, '');

/** The `@handle` base for a name: what a mention of it looks like, `group` if nothing is left. */
function handleBase(name: string): string {
  return trimMentionEnd(handleFromName(name)) || 'group';
}

function handleCandidate(base: string, n: number): string {
  if (n === 1) return base.slice(0, maxHandleLength);
  const suffix = `-${n}`;
  return `${trimMentionEnd(base.slice(0, maxHandleLength - suffix.length))}${suffix}`;
}

/** A free handle for `name` (`sales`, then `sales-2`, `sales-3`, …), `selfId`'s own excepted. */
async function uniqueHandle(db: Executor, name: string, selfId: string | null): Promise<string> {
  const base = handleBase(name);
  // One read finds every `base` and `base-…` already taken; only a candidate cut shorter to fit
  // the length limit (past `-999`) needs a look of its own.
  const taken = await listHandlesStartingWith(db, base, selfId);
  for (let n = 1; ; n++) {
    const candidate = handleCandidate(base, n);
    if (taken.has(candidate)) continue;
    if (candidate === base || candidate.startsWith(`${base}-`)) return candidate;
    if ((await listTakenHandles(db, [candidate], selfId)).size === 0) return candidate;
  }
}

/** Whether `handle` already is `base` or `base-N` of `name`: a rename that keeps the base keeps it. */
function handleFits(handle: string, name: string): boolean {
  const base = handleBase(name);
  if (handle === handleCandidate(base, 1)) return true;
  const n = Number(/-(\d+)$/.exec(handle)?.[1] ?? 0);
  return n >= 2 && handle === handleCandidate(base, n);
}

async function checkDepartment(db: Executor, departmentId: string): Promise<void> {
  if (!(await findDepartmentName(db, departmentId))) throw new AppError('REFERENCED_DEPARTMENT_NOT_FOUND');
}

/** The full content of a group, as the ledger keeps each version. */
function contentOf(
  group: Pick<GroupRecord, 'name' | 'description' | 'visibility' | 'department_id' | 'handle'>,
) {
  return {
    name: group.name,
    handle: group.handle,
    description: group.description,
    visibility: group.visibility,
    departmentId: group.department_id,
  };
}

/** `POST /groups`: any employee; the creator becomes its admin. Linking a department: platform admins. */
export async function createGroup(ctx: Ctx, body: CreateGroupBody): Promise<Group> {
  const actor = requireActor(ctx);
  authorize(canCreateGroup(actor));
  const name = groupName(body.name);
  const description = cleanText(body.description ?? '');
  const departmentId = body.departmentId ?? null;
  if (departmentId) authorize(canLinkDepartment(actor));
  // Two groups named alike at the same moment may pick the same free handle: the loser retries
  // (many at once — names with no letters all start from `group` — may lose several rounds).
  const id = await transactRetrying(
    ctx,
    async (tx) => {
      if (departmentId) await checkDepartment(tx, departmentId);
      const id = uuidv7();
      const now = new Date().toISOString();
      const row = {
        id,
        name,
        name_search: searchKey(name),
        handle: await uniqueHandle(tx, name, null),
        description,
        visibility: body.visibility,
        department_id: departmentId,
        photo_key: null,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      };
      await insertGroupRow(tx, row);
      await record(ctx, tx, {
        action: 'group.created',
        subjectType: 'group',
        subjectId: id,
        payload: contentOf(row),
      });
      await addMember(ctx, tx, id, actor.id, 'admin', 'creator');
      if (departmentId) await syncGroupWithDepartment(ctx, tx, id);
      return id;
    },
    20,
  );
  return getGroup(ctx, id);
}

/** Guests never see departments (R22): a group's linked department is not named to them. */
function withoutDepartmentForGuests<T extends { department: GroupListItem['department'] }>(
  actor: Actor | null,
  item: T,
): T {
  return actor?.role === 'guest' ? { ...item, department: null } : item;
}

/** `GET /groups`: the groups the viewer may know of, by name; `mine` keeps the viewer's own. */
export async function listGroups(ctx: Ctx, query: ListGroupsParams): Promise<Page<GroupListItem>> {
  const actor = requireActor(ctx);
  const rows = await listVisibleGroups(
    ctx.db,
    actor,
    {
      q: query.q === undefined ? undefined : searchKey(query.q),
      mine: query.mine,
      after: decodeCursor(nameCursor, query.cursor),
    },
    query.limit + 1,
  );
  return pageOf(
    rows,
    query.limit,
    (r) => ({ n: r.name_search, i: r.id }),
    (r) =>
      withoutDepartmentForGuests(actor, presentGroupListItem(r, groupJoinAbilities(actor, standingOf(r)))),
  );
}

/** The about page of a loaded group for `actor`. */
export async function presentGroupFor(db: Executor, actor: Actor | null, row: GroupRow): Promise<Group> {
  const standing = standingOf(row);
  const otherAdmins =
    actor && standing.viewerRole === 'admin' ? await countActiveAdmins(db, row.id, actor.id) : 0;
  const manage = canManageGroup(actor, standing);
  return withoutDepartmentForGuests(
    actor,
    presentGroup(
      row,
      groupAbilities(actor, row.id, standing, otherAdmins),
      manage ? await countJoinRequests(db, row.id) : null,
    ),
  );
}

/** `GET /groups/{id}`: the about page with the viewer's abilities. */
export async function getGroup(ctx: Ctx, id: string): Promise<Group> {
  const actor = requireActor(ctx);
  return presentGroupFor(ctx.db, actor, await loadVisibleGroup(ctx.db, actor, id));
}

/** Loads a group the actor manages inside `tx`: 404 if they may not know of it, 403 if not theirs. */
async function loadManagedGroup(tx: Tx, actor: Actor, id: string): Promise<GroupRow> {
  const row = await loadVisibleGroup(tx, actor, id);
  authorize(canManageGroup(actor, standingOf(row)));
  return row;
}

/**
 * `PATCH /groups/{id}` (group admins, platform admins): name, description, visibility; linking or
 * unlinking a department is for platform admins and re-syncs the membership at once.
 */
export async function updateGroup(ctx: Ctx, id: string, body: UpdateGroupBody): Promise<Group> {
  const actor = requireActor(ctx);
  await transactRetrying(ctx, async (tx) => {
    const current = await loadManagedGroup(tx, actor, id);
    const name = body.name === undefined ? current.name : groupName(body.name);
    const departmentId = body.departmentId === undefined ? current.department_id : body.departmentId;
    if (departmentId !== current.department_id) {
      authorize(canLinkDepartment(actor));
      if (departmentId) await checkDepartment(tx, departmentId);
    }
    const next = {
      name,
      handle: handleFits(current.handle, name) ? current.handle : await uniqueHandle(tx, name, id),
      description: body.description === undefined ? current.description : cleanText(body.description),
      visibility: body.visibility ?? current.visibility,
      department_id: departmentId,
    };
    const before = contentOf(current);
    const after = contentOf(next);
    const changes = (Object.keys(after) as (keyof typeof after)[])
      .filter((field) => before[field] !== after[field])
      .map((field) => ({ field, before: before[field], after: after[field] }));
    if (changes.length === 0) return;
    await updateGroupRow(tx, id, {
      ...next,
      name_search: searchKey(name),
      updated_at: new Date().toISOString(),
    });
    await record(ctx, tx, {
      action: 'group.updated',
      subjectType: 'group',
      subjectId: id,
      payload: { ...after, changes },
    });
    if (departmentId !== current.department_id) await syncGroupWithDepartment(ctx, tx, id);
    await appendStreamEvent(tx, streams.group(id), 'group.updated', { groupId: id });
  });
  return getGroup(ctx, id);
}

/**
 * `DELETE /groups/{id}` (group admins, platform admins): the group, its memberships, its posts
 * and the reports about them leave the product; the ledger keeps the group's last version, names
 * the posts that went with it, and still holds every version of each and every report.
 */
export async function deleteGroup(ctx: Ctx, id: string): Promise<void> {
  const actor = requireActor(ctx);
  await transactRetrying(ctx, async (tx) => {
    const current = await loadManagedGroup(tx, actor, id);
    const memberIds = await listAllMemberIds(tx, id);
    const postIds = await listGroupPostIds(tx, id);
    // Reports outlive their content but not their group: once it is gone nothing would tell a
    // secret group's reports from the company's.
    await deleteGroupReports(tx, id);
    await deleteLinkedChat(ctx, tx, { groupId: id });
    await deleteGroupRow(tx, id);
    await record(ctx, tx, {
      action: 'group.deleted',
      subjectType: 'group',
      subjectId: id,
      payload: { ...contentOf(current), memberCount: Number(current.member_count), postIds },
    });
    for (const userId of memberIds) {
      await appendStreamEvent(tx, streams.user(userId), 'membership.changed', { groupId: id });
    }
    await appendStreamEvent(tx, streams.group(id), 'group.deleted', { groupId: id });
  });
}
