import { type Ctx, record } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { applyDepartmentSync, type DepartmentSyncPlan } from './group-members.changes.js';
import {
  listActiveEmployeesIn,
  listMembershipRows,
  listMembershipsOf,
  listPeopleIn,
  listPersonFacts,
  recountMembers,
} from './group-members.queries.js';
import {
  findGroupRecord,
  listDepartmentParents,
  listGroupsLinkedTo,
  updateGroupRow,
} from './groups.queries.js';

/**
 * Department-linked groups (G1): everyone active in the linked department or below it (guests
 * excepted) is a member with `via_department = 1`. Every change that can alter that set calls
 * one of these inside its own transaction — a person's department, status or role changing, a
 * department moving or being deleted, a group's link changing — so the membership is never
 * stale, not even between two requests.
 *
 * A person whose department membership ends loses the group, unless the group made them an
 * admin or moderator: that role was given by hand, so they stay as an ordinary (manual) member.
 */

interface DepartmentTree {
  /** The department itself and every department above it. */
  ancestorsOf(departmentId: string): string[];
  /** The department itself and every department below it. */
  subtreeOf(departmentId: string): string[];
}

async function loadTree(db: Executor): Promise<DepartmentTree> {
  const rows = await listDepartmentParents(db);
  const parentOf = new Map(rows.map((r) => [r.id, r.parent_id]));
  const childrenOf = new Map<string, string[]>();
  for (const row of rows) {
    if (row.parent_id) childrenOf.set(row.parent_id, [...(childrenOf.get(row.parent_id) ?? []), row.id]);
  }
  // Both walks stop at a department seen before, so a loop in the data cannot hang them.
  return {
    ancestorsOf(departmentId) {
      const result: string[] = [];
      for (
        let id: string | null | undefined = departmentId;
        id && !result.includes(id);
        id = parentOf.get(id)
      ) {
        result.push(id);
      }
      return result;
    },
    subtreeOf(departmentId) {
      const seen = new Set<string>();
      const stack = [departmentId];
      while (stack.length > 0) {
        const id = stack.pop()!;
        if (seen.has(id)) continue;
        seen.add(id);
        stack.push(...(childrenOf.get(id) ?? []));
      }
      return [...seen];
    },
  };
}

function emptyPlan(): DepartmentSyncPlan {
  return { add: [], adopt: [], drop: [], release: [] };
}

/**
 * Brings the department memberships of `userIds` up to date after their department, status or
 * role changed, and recounts every group they are in (a deactivated member no longer counts).
 */
export async function syncDepartmentGroupsForUsers(
  ctx: Ctx,
  tx: Tx,
  userIds: readonly string[],
): Promise<void> {
  if (userIds.length === 0) return;
  const linked = await listGroupsLinkedTo(tx, 'any');
  const memberships = await listMembershipsOf(tx, userIds);
  if (linked.length === 0 && memberships.length === 0) return;

  const plans = new Map<string, DepartmentSyncPlan>();
  const planOf = (groupId: string) => {
    const plan = plans.get(groupId) ?? emptyPlan();
    plans.set(groupId, plan);
    return plan;
  };
  const tree = linked.length > 0 ? await loadTree(tx) : null;
  const people = await listPersonFacts(tx, userIds);
  for (const person of people) {
    const wanted = new Set<string>();
    if (tree && person.department_id && person.status === 'active' && person.role !== 'guest') {
      const above = new Set(tree.ancestorsOf(person.department_id));
      for (const group of linked)
        if (group.department_id && above.has(group.department_id)) wanted.add(group.id);
    }
    const mine = memberships.filter((m) => m.user_id === person.id);
    for (const m of mine) {
      const isVia = Number(m.via_department) === 1;
      if (wanted.has(m.group_id)) {
        if (!isVia) planOf(m.group_id).adopt.push(person.id);
      } else if (isVia) {
        if (m.role === 'member') planOf(m.group_id).drop.push(person.id);
        else planOf(m.group_id).release.push(person.id);
      }
    }
    const have = new Set(mine.map((m) => m.group_id));
    for (const groupId of wanted) if (!have.has(groupId)) planOf(groupId).add.push(person.id);
  }

  const departmentOf = new Map(linked.map((g) => [g.id, g.department_id]));
  for (const [groupId, plan] of plans) {
    await applyDepartmentSync(ctx, tx, groupId, departmentOf.get(groupId) ?? null, plan);
  }
  await recountMembers(tx, [...new Set(memberships.map((m) => m.group_id))]);
}

/** Brings one group's department memberships up to date with its link (none: all released). */
export async function syncGroupWithDepartment(ctx: Ctx, tx: Tx, groupId: string): Promise<void> {
  const group = await findGroupRecord(tx, groupId);
  if (!group) return;
  const wanted = new Set(
    group.department_id
      ? await listActiveEmployeesIn(tx, (await loadTree(tx)).subtreeOf(group.department_id))
      : [],
  );
  const rows = await listMembershipRows(tx, groupId);
  const plan = emptyPlan();
  for (const row of rows) {
    const isVia = Number(row.via_department) === 1;
    if (wanted.has(row.user_id)) {
      if (!isVia) plan.adopt.push(row.user_id);
      wanted.delete(row.user_id);
    } else if (isVia) {
      if (row.role === 'member') plan.drop.push(row.user_id);
      else plan.release.push(row.user_id);
    }
  }
  plan.add.push(...wanted);
  await applyDepartmentSync(ctx, tx, groupId, group.department_id, plan);
}

/**
 * After a department moved in the tree: its people (and those below it) may now be inside or
 * outside other linked departments' subtrees.
 */
export async function syncDepartmentGroupsForDepartment(
  ctx: Ctx,
  tx: Tx,
  departmentId: string,
): Promise<void> {
  if ((await listGroupsLinkedTo(tx, 'any')).length === 0) return;
  const tree = await loadTree(tx);
  await syncDepartmentGroupsForUsers(ctx, tx, await listPeopleIn(tx, tree.subtreeOf(departmentId)));
}

/**
 * Before a department is deleted: groups linked to it lose the link (recorded as an update of
 * each group) and their department memberships are settled.
 */
export async function unlinkDepartmentFromGroups(ctx: Ctx, tx: Tx, departmentId: string): Promise<void> {
  for (const group of await listGroupsLinkedTo(tx, [departmentId])) {
    await updateGroupRow(tx, group.id, { department_id: null, updated_at: new Date().toISOString() });
    await record(ctx, tx, {
      action: 'group.updated',
      subjectType: 'group',
      subjectId: group.id,
      payload: {
        via: 'department-deleted',
        changes: [{ field: 'departmentId', before: departmentId, after: null }],
      },
    });
    await syncGroupWithDepartment(ctx, tx, group.id);
  }
}
