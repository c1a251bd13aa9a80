import { v7 as uuidv7 } from 'uuid';
import { searchKey } from '../../../shared/text.js';
import { endSessionsOfUser } from '../../platform/auth/sessions.js';
import { type Ctx, record } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import type { UserRole } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import { syncLinkedChatMembers } from '../chats/chat-members.service.js';
import { departmentExists } from '../departments/departments.service.js';
import { syncDepartmentGroupsForUsers } from '../groups/groups.service.js';
import { defaultAccessEnd } from '../guests/guests.access.js';
import { guestClock } from '../guests/guests.clock.js';
import {
  diffPerson,
  type FieldChange,
  type PersonFields,
  personColumns,
  personFieldsOf,
  skillRows,
} from './user-fields.js';
import {
  countUsersBySource,
  deleteAuthTokensOf,
  findManagerId,
  findUserById,
  findUserIdByEmail,
  findUserIdByExternalId,
  insertUserRow,
  listAllSkills,
  listAllUsers,
  listSkillsOf,
  replaceSkills,
  type UserRow,
  updateUserRow,
} from './users.queries.js';

/**
 * The writes every way of changing people goes through — the API, the CSV import and the demo
 * seed — each inside the caller's transaction and each with its ledger entry, so an import and
 * an admin leave the same trail.
 */

/** Where a person's entry came from or who changed it. */
export type ChangeVia = 'admin' | 'self' | 'csv' | 'demo';

/** Whether a guest's access has ended at `now` (a missing end counts as ended: every guest has one). */
function guestAccessOver(row: Pick<UserRow, 'role' | 'access_expires_at'>, now: Date): boolean {
  return (
    row.role === 'guest' &&
    (row.access_expires_at === null || Date.parse(row.access_expires_at) <= now.getTime())
  );
}

/**
 * Adds a person to the directory (no password: they claim the entry by signing up). A guest
 * gets an access end, however they are added: `accessExpiresAt` (checked by the caller) or the
 * default lifetime invited guests get, so the expiry job treats them all alike.
 */
export async function insertPerson(
  ctx: Ctx,
  tx: Tx,
  fields: PersonFields,
  options: { role: UserRole; source: string; id?: string; accessExpiresAt?: string },
): Promise<string> {
  const id = options.id ?? uuidv7();
  const now = new Date().toISOString();
  const accessExpiresAt =
    options.role === 'guest' ? (options.accessExpiresAt ?? defaultAccessEnd(guestClock.now())) : null;
  await insertUserRow(tx, {
    id,
    email: fields.email,
    name: fields.name,
    name_search: searchKey(fields.name),
    password_hash: null,
    password_changed_at: null,
    role: options.role,
    status: 'active',
    deactivated_via: null,
    deactivated_at: null,
    email_verified_at: null,
    position: fields.position,
    position_search: fields.position === null ? null : searchKey(fields.position),
    department_id: fields.departmentId,
    manager_id: fields.managerId,
    phone: fields.phone,
    office: fields.office,
    city: fields.city,
    birthday: fields.birthday,
    start_date: fields.startDate,
    about: fields.about,
    interests: JSON.stringify(fields.interests),
    contacts: JSON.stringify(fields.contacts),
    photo_key: null,
    locale: null,
    external_id: fields.employeeId,
    source: options.source,
    locked_until: null,
    access_expires_at: accessExpiresAt,
    created_at: now,
    updated_at: now,
  });
  await replaceSkills(tx, id, skillRows(fields.skills));
  await record(ctx, tx, {
    action: 'user.created',
    subjectType: 'user',
    subjectId: id,
    payload: {
      via: options.source,
      role: options.role,
      fields: { ...fields },
      ...(accessExpiresAt === null ? {} : { accessExpiresAt }),
    },
  });
  if (fields.departmentId) {
    await syncDepartmentGroupsForUsers(ctx, tx, [id]);
    await syncLinkedChatMembers(ctx, tx, { userId: id });
  }
  return id;
}

/** Loads a person with their skills as PersonFields (inside `tx` when given). */
export async function loadPerson(
  db: Executor,
  id: string,
): Promise<{ row: UserRow; fields: PersonFields } | undefined> {
  const row = await findUserById(db, id);
  if (!row) return undefined;
  const skills = (await listSkillsOf(db, [id])).get(id) ?? [];
  return { row, fields: personFieldsOf(row, skills) };
}

/** How many people came from `source` (`csv`, `demo`, `manual`). */
export function countPeopleFromSource(db: Executor, source: string): Promise<number> {
  return countUsersBySource(db, source);
}

/** Every person with their fields, for a directory sync that compares the whole company. */
export async function loadAllPeople(db: Executor): Promise<{ row: UserRow; fields: PersonFields }[]> {
  const [rows, skills] = await Promise.all([listAllUsers(db), listAllSkills(db)]);
  return rows.map((row) => ({ row, fields: personFieldsOf(row, skills.get(row.id) ?? []) }));
}

/**
 * Writes the fields of `patch` that differ from the person's current ones and records them with
 * before/after. Returns the changes (empty: nothing written, nothing recorded).
 */
export async function updatePerson(
  ctx: Ctx,
  tx: Tx,
  current: { row: Pick<UserRow, 'id' | 'source'>; fields: PersonFields },
  patch: Partial<PersonFields>,
  options: { via: ChangeVia; source?: string },
): Promise<FieldChange[]> {
  const changes = diffPerson(current.fields, patch);
  const sourceChanges = options.source !== undefined && options.source !== current.row.source;
  if (sourceChanges) changes.push({ field: 'source', before: current.row.source, after: options.source });
  if (changes.length === 0) return changes;
  const changed = Object.fromEntries(changes.map((c) => [c.field, c.after])) as Partial<PersonFields>;
  await updateUserRow(tx, current.row.id, {
    ...personColumns(changed),
    ...(sourceChanges ? { source: options.source } : {}),
    updated_at: new Date().toISOString(),
  });
  if ('skills' in changed) await replaceSkills(tx, current.row.id, skillRows(changed.skills ?? []));
  await record(ctx, tx, {
    action: 'user.updated',
    subjectType: 'user',
    subjectId: current.row.id,
    payload: { via: options.via, changes },
  });
  // Groups linked to the old or the new department follow the move in the same transaction.
  if ('departmentId' in changed) {
    await syncDepartmentGroupsForUsers(ctx, tx, [current.row.id]);
    await syncLinkedChatMembers(ctx, tx, { userId: current.row.id });
  }
  return changes;
}

/**
 * Deactivates a person and removes every credential they hold in the same transaction (R15),
 * so their next request is refused. Content they wrote stays. `expiry`: a guest whose access
 * ended (guests.jobs.ts).
 */
export async function deactivatePerson(
  ctx: Ctx,
  tx: Tx,
  id: string,
  via: 'admin' | 'csv' | 'expiry',
): Promise<void> {
  const now = new Date().toISOString();
  await updateUserRow(tx, id, {
    status: 'deactivated',
    deactivated_via: via,
    deactivated_at: now,
    updated_at: now,
  });
  const sessionsEnded = await endSessionsOfUser(tx, id);
  await deleteAuthTokensOf(tx, id);
  await record(ctx, tx, {
    action: 'user.deactivated',
    subjectType: 'user',
    subjectId: id,
    payload: { via, sessionsEnded },
  });
  await syncDepartmentGroupsForUsers(ctx, tx, [id]);
  // Linked chats hold active people only; chats they chose keep their row (chat-members.service).
  await syncLinkedChatMembers(ctx, tx, { userId: id });
}

/**
 * Brings a deactivated person back; they sign in with their old password if they had one. A
 * guest whose access had ended comes back with the default lifetime (an invitation then sets
 * its own date), or the expiry job would deactivate them again within the minute.
 */
export async function reactivatePerson(
  ctx: Ctx,
  tx: Tx,
  id: string,
  via: 'admin' | 'csv' | 'guest-invitation',
): Promise<void> {
  const row = await findUserById(tx, id);
  const now = guestClock.now();
  const accessExpiresAt = row && guestAccessOver(row, now) ? defaultAccessEnd(now) : undefined;
  await updateUserRow(tx, id, {
    status: 'active',
    deactivated_via: null,
    deactivated_at: null,
    ...(accessExpiresAt === undefined ? {} : { access_expires_at: accessExpiresAt }),
    updated_at: new Date().toISOString(),
  });
  await record(ctx, tx, {
    action: 'user.reactivated',
    subjectType: 'user',
    subjectId: id,
    payload: { via, ...(accessExpiresAt === undefined ? {} : { accessExpiresAt }) },
  });
  await syncDepartmentGroupsForUsers(ctx, tx, [id]);
  await syncLinkedChatMembers(ctx, tx, { userId: id });
}

/**
 * Changes a person's role and records before/after. Becoming a guest sets the access end
 * (`accessExpiresAt`, checked by the caller, or the default lifetime); a guest given another
 * role loses it, so an employee again never expires.
 */
export async function setPersonRole(
  ctx: Ctx,
  tx: Tx,
  id: string,
  before: UserRole,
  after: UserRole,
  via: ChangeVia,
  options: { accessExpiresAt?: string } = {},
): Promise<void> {
  let accessExpiresAt: string | null | undefined;
  if (after === 'guest' && before !== 'guest') {
    accessExpiresAt = options.accessExpiresAt ?? defaultAccessEnd(guestClock.now());
  } else if (before === 'guest' && after !== 'guest') {
    accessExpiresAt = null;
  }
  await updateUserRow(tx, id, {
    role: after,
    ...(accessExpiresAt === undefined ? {} : { access_expires_at: accessExpiresAt }),
    updated_at: new Date().toISOString(),
  });
  await record(ctx, tx, {
    action: 'user.role.changed',
    subjectType: 'user',
    subjectId: id,
    payload: { before, after, via, ...(accessExpiresAt === undefined ? {} : { accessExpiresAt }) },
  });
  // Guests are never department members of a group.
  if (before === 'guest' || after === 'guest') {
    await syncDepartmentGroupsForUsers(ctx, tx, [id]);
    await syncLinkedChatMembers(ctx, tx, { userId: id });
  }
}

/**
 * Sets when a guest's access ends (an administrator setting or extending it) and records
 * before/after; nothing is written when it does not change. The caller checks the date.
 */
export async function setGuestAccessEnd(
  ctx: Ctx,
  tx: Tx,
  id: string,
  before: string | null,
  after: string,
  via: ChangeVia,
): Promise<void> {
  if (before === after) return;
  await updateUserRow(tx, id, { access_expires_at: after, updated_at: new Date().toISOString() });
  await record(ctx, tx, {
    action: 'guest.access_changed',
    subjectType: 'user',
    subjectId: id,
    payload: { before, after, via },
  });
}

/**
 * True if making `managerId` the manager of `personId` would close a loop: walking up from the
 * new manager reaches the person. The walk is bounded so a loop already in the data cannot hang it.
 */
export async function wouldCreateManagerCycle(
  db: Executor,
  personId: string,
  managerId: string,
): Promise<boolean> {
  let current: string | null | undefined = managerId;
  const seen = new Set<string>();
  while (current) {
    if (current === personId) return true;
    if (seen.has(current)) return false;
    seen.add(current);
    current = await findManagerId(db, current);
  }
  return false;
}

/**
 * Checks what a person's new fields point at: a free e-mail and employee number, an existing
 * department, an active manager other than themselves and not below them. `personId` is null
 * for a new person.
 */
export async function checkPersonReferences(
  db: Executor,
  personId: string | null,
  fields: Partial<PersonFields>,
): Promise<void> {
  if (fields.email !== undefined) {
    const owner = await findUserIdByEmail(db, fields.email);
    if (owner && owner.id !== personId) throw new AppError('USER_EMAIL_TAKEN');
  }
  if (fields.employeeId) {
    const owner = await findUserIdByExternalId(db, fields.employeeId);
    if (owner && owner.id !== personId) throw new AppError('EMPLOYEE_ID_TAKEN');
  }
  if (fields.departmentId && !(await departmentExists(db, fields.departmentId))) {
    throw new AppError('REFERENCED_DEPARTMENT_NOT_FOUND');
  }
  if (fields.managerId) {
    if (fields.managerId === personId) throw new AppError('MANAGER_CYCLE');
    const manager = await findUserById(db, fields.managerId);
    if (manager?.status !== 'active') throw new AppError('MANAGER_NOT_FOUND');
    if (personId && (await wouldCreateManagerCycle(db, personId, fields.managerId))) {
      throw new AppError('MANAGER_CYCLE');
    }
  }
}
