import { v7 as uuidv7 } from 'uuid';
import type {
  CreateDepartmentBody,
  Department,
  DepartmentList,
  UpdateDepartmentBody,
} from '../../../shared/api/departments.js';
import { cleanLine, searchKey } from '../../../shared/text.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Ctx, record, transact } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { deleteLinkedChat, syncLinkedChatMembers } from '../chats/chat-members.service.js';
import { syncDepartmentGroupsForDepartment, unlinkDepartmentFromGroups } from '../groups/groups.service.js';
import { authorize } from '../users/users.policy.js';
import { canManageDepartments, canViewDepartments } from './departments.policy.js';
import { presentDepartments } from './departments.presenter.js';
import {
  countActiveMembers,
  deleteDepartmentRow,
  findDepartmentRow,
  findPersonStatus,
  findSiblingByName,
  hasMembersOrChildren,
  insertDepartmentRow,
  listDepartmentParents,
  listDepartmentRows,
  updateDepartmentRow,
} from './departments.queries.js';

/** Whether a department with this id exists (other slices check references with it). */
export async function departmentExists(db: Executor, id: string): Promise<boolean> {
  return (await findDepartmentRow(db, id)) !== undefined;
}

/** The department and all departments below it (the directory's "include sub-departments"). */
export async function listDepartmentSubtreeIds(db: Executor, id: string): Promise<string[]> {
  const rows = await listDepartmentParents(db);
  const children = new Map<string, string[]>();
  for (const row of rows) {
    if (row.parent_id) children.set(row.parent_id, [...(children.get(row.parent_id) ?? []), row.id]);
  }
  const result: string[] = [];
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    result.push(current);
    stack.push(...(children.get(current) ?? []));
  }
  return result;
}

/**
 * Every department's full path (`Продажи/Москва`), for matching the paths a CSV file names.
 */
export async function listDepartmentPaths(db: Executor): Promise<{ id: string; path: string }[]> {
  const rows = await listDepartmentRows(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const pathOf = (id: string): string => {
    const names: string[] = [];
    const seen = new Set<string>();
    for (
      let current = byId.get(id);
      current && !seen.has(current.id);
      current = byId.get(current.parent_id ?? '')
    ) {
      seen.add(current.id);
      names.unshift(current.name);
    }
    return names.join('/');
  };
  return rows.map((r) => ({ id: r.id, path: pathOf(r.id) }));
}

/** `GET /departments`: the whole tree for members. */
export async function listDepartmentTree(ctx: Ctx): Promise<DepartmentList> {
  const actor = requireActor(ctx);
  authorize(canViewDepartments(actor));
  const [rows, members] = await Promise.all([listDepartmentRows(ctx.db), countActiveMembers(ctx.db)]);
  return {
    items: presentDepartments(rows, members, actor),
    abilities: { create: canManageDepartments(actor) },
  };
}

async function presentOne(ctx: Ctx, id: string): Promise<Department> {
  const tree = await listDepartmentTree(ctx);
  const found = tree.items.find((d) => d.id === id);
  if (!found) throw new AppError('DEPARTMENT_NOT_FOUND');
  return found;
}

function departmentName(name: string): string {
  const clean = cleanLine(name);
  if (!clean) throw new AppError('NAME_EMPTY');
  return clean;
}

async function checkUniqueName(db: Executor, parentId: string | null, name: string, selfId: string | null) {
  const sibling = await findSiblingByName(db, parentId, searchKey(name));
  if (sibling && sibling.id !== selfId) throw new AppError('DEPARTMENT_NAME_TAKEN');
}

async function checkHead(db: Executor, headId: string | null | undefined) {
  if (headId && (await findPersonStatus(db, headId)) !== 'active')
    throw new AppError('DEPARTMENT_HEAD_NOT_FOUND');
}

/**
 * Inserts a department inside `tx` and records `department.created`. The seed and the CSV
 * import create departments through this too.
 */
export async function insertDepartment(
  ctx: Ctx,
  tx: Tx,
  props: { name: string; parentId: string | null; headId: string | null },
  via: 'admin' | 'csv' | 'demo',
): Promise<string> {
  const id = uuidv7();
  const now = new Date().toISOString();
  await insertDepartmentRow(tx, {
    id,
    name: props.name,
    name_search: searchKey(props.name),
    parent_id: props.parentId,
    head_user_id: props.headId,
    external_id: null,
    created_at: now,
    updated_at: now,
  });
  await record(ctx, tx, {
    action: 'department.created',
    subjectType: 'department',
    subjectId: id,
    payload: { ...props, via },
  });
  return id;
}

/** Sets the head of a department (used by the seed once people exist). */
export async function setDepartmentHead(ctx: Ctx, tx: Tx, id: string, headId: string, via: 'admin' | 'demo') {
  await updateDepartmentRow(tx, id, { head_user_id: headId, updated_at: new Date().toISOString() });
  await record(ctx, tx, {
    action: 'department.updated',
    subjectType: 'department',
    subjectId: id,
    payload: { via, changes: [{ field: 'headId', before: null, after: headId }] },
  });
}

/**
 * Finds or creates the departments of a path (`['Продажи', 'Москва']`) below `startId` (null:
 * the top), matching names case-insensitively among siblings. Returns the last department's id
 * and the paths (relative to the start) it created.
 */
export async function ensureDepartmentPath(
  ctx: Ctx,
  tx: Tx,
  names: string[],
  via: 'csv' | 'demo',
  startId: string | null = null,
): Promise<{ id: string | null; created: string[] }> {
  let parentId: string | null = startId;
  const created: string[] = [];
  for (let i = 0; i < names.length; i++) {
    const name = departmentName(names[i]!);
    const existing = await findSiblingByName(tx, parentId, searchKey(name));
    if (existing) {
      parentId = existing.id;
      continue;
    }
    parentId = await insertDepartment(ctx, tx, { name, parentId, headId: null }, via);
    created.push(names.slice(0, i + 1).join('/'));
  }
  return { id: parentId, created };
}

/** `POST /departments` (admins). */
export async function createDepartment(ctx: Ctx, body: CreateDepartmentBody): Promise<Department> {
  const actor = requireActor(ctx);
  authorize(canManageDepartments(actor));
  const name = departmentName(body.name);
  const parentId = body.parentId ?? null;
  const id = await transact(ctx, async (tx) => {
    if (parentId && !(await departmentExists(tx, parentId)))
      throw new AppError('REFERENCED_DEPARTMENT_NOT_FOUND');
    await checkHead(tx, body.headId);
    await checkUniqueName(tx, parentId, name, null);
    return insertDepartment(ctx, tx, { name, parentId, headId: body.headId ?? null }, 'admin');
  });
  return presentOne(ctx, id);
}

/** True if `candidateParentId` is department `id` itself or lies inside its subtree. */
async function isSelfOrBelow(db: Executor, id: string, candidateParentId: string): Promise<boolean> {
  const rows = await listDepartmentParents(db);
  const parentOf = new Map(rows.map((r) => [r.id, r.parent_id]));
  let current: string | null | undefined = candidateParentId;
  const seen = new Set<string>();
  while (current && !seen.has(current)) {
    if (current === id) return true;
    seen.add(current);
    current = parentOf.get(current);
  }
  return false;
}

/** `PATCH /departments/{id}` (admins): rename, move (never into its own subtree), set the head. */
export async function updateDepartment(
  ctx: Ctx,
  id: string,
  body: UpdateDepartmentBody,
): Promise<Department> {
  const actor = requireActor(ctx);
  authorize(canManageDepartments(actor));
  await transact(ctx, async (tx) => {
    const current = await findDepartmentRow(tx, id);
    if (!current) throw new AppError('DEPARTMENT_NOT_FOUND');
    const name = body.name === undefined ? current.name : departmentName(body.name);
    const parentId = body.parentId === undefined ? current.parent_id : body.parentId;
    if (parentId && parentId !== current.parent_id) {
      if (!(await departmentExists(tx, parentId))) throw new AppError('REFERENCED_DEPARTMENT_NOT_FOUND');
      if (await isSelfOrBelow(tx, id, parentId)) throw new AppError('DEPARTMENT_CYCLE');
    }
    if (body.headId !== undefined) await checkHead(tx, body.headId);
    await checkUniqueName(tx, parentId, name, id);
    const headId = body.headId === undefined ? current.head_user_id : body.headId;
    const changes = [
      { field: 'name', before: current.name, after: name },
      { field: 'parentId', before: current.parent_id, after: parentId },
      { field: 'headId', before: current.head_user_id, after: headId },
    ].filter((c) => c.before !== c.after);
    if (changes.length === 0) return;
    await updateDepartmentRow(tx, id, {
      name,
      name_search: searchKey(name),
      parent_id: parentId,
      head_user_id: headId,
      updated_at: new Date().toISOString(),
    });
    await record(ctx, tx, {
      action: 'department.updated',
      subjectType: 'department',
      subjectId: id,
      payload: { via: 'admin', changes },
    });
    // A move changes which linked departments' subtrees its people belong to.
    if (parentId !== current.parent_id) {
      await syncDepartmentGroupsForDepartment(ctx, tx, id);
      await syncLinkedChatMembers(ctx, tx, { departmentId: id });
    }
  });
  return presentOne(ctx, id);
}

/** `DELETE /departments/{id}` (admins): only an empty department goes. */
export async function deleteDepartment(ctx: Ctx, id: string): Promise<void> {
  const actor = requireActor(ctx);
  authorize(canManageDepartments(actor));
  await transact(ctx, async (tx) => {
    const current = await findDepartmentRow(tx, id);
    if (!current) throw new AppError('DEPARTMENT_NOT_FOUND');
    if (await hasMembersOrChildren(tx, id)) throw new AppError('DEPARTMENT_NOT_EMPTY');
    await unlinkDepartmentFromGroups(ctx, tx, id);
    await deleteLinkedChat(ctx, tx, { departmentId: id });
    await deleteDepartmentRow(tx, id);
    await record(ctx, tx, {
      action: 'department.deleted',
      subjectType: 'department',
      subjectId: id,
      payload: { name: current.name, parentId: current.parent_id },
    });
  });
}
