import { z } from 'zod';
import type { Page } from '../../../shared/api/pagination.js';
import {
  type ChangeRoleBody,
  type CreateUserBody,
  type ListUsersParams,
  organisationFieldNames,
  peopleLimits,
  type UpdateUserBody,
  type UserProfile,
  type UserRole,
  type UserSummary,
} from '../../../shared/api/users.js';
import { errorMessage } from '../../../shared/errors.js';
import { searchKey } from '../../../shared/text.js';
import { requireActor } from '../../platform/auth/guards.js';
import { endSessionsOfUser } from '../../platform/auth/sessions.js';
import { type Actor, type Ctx, record, transact } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { decodeCursor, pageOf } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { listDepartmentSubtreeIds } from '../departments/departments.service.js';
import { accessEndFrom } from '../guests/guests.access.js';
import { guestClock } from '../guests/guests.clock.js';
import {
  normaliseContacts,
  normaliseEmail,
  normaliseName,
  normaliseTags,
  optionalLine,
  optionalText,
  type PersonFields,
} from './user-fields.js';
import { countFollows, findFollow } from './user-follows.queries.js';
import {
  checkPersonReferences,
  deactivatePerson,
  insertPerson,
  loadPerson,
  reactivatePerson,
  setGuestAccessEnd,
  setPersonRole,
  updatePerson,
} from './user-lifecycle.service.js';
import { authorize, canEditUser, canManageUsers, canViewDirectory, canViewUser } from './users.policy.js';
import { presentUserProfile, presentUserSummary } from './users.presenter.js';
import {
  countActiveReports,
  countOtherActiveAdmins,
  findUserById,
  listActivePeople,
  listSkillsOf,
  type UserRow,
} from './users.queries.js';

/** The directory's sort key: lower-cased name, then id. */
const nameCursor = z.strictObject({ n: z.string().max(1000), i: z.string().max(100) });

/**
 * Presents a page of people with their skills, loaded for the whole page in one query; what only
 * administrators see (a guest's access end) is shown to `viewer` if they are one.
 */
export async function presentPeoplePage(
  db: Executor,
  rows: UserRow[],
  limit: number,
  viewer: Actor | null = null,
): Promise<Page<UserSummary>> {
  const skills = await listSkillsOf(
    db,
    rows.slice(0, limit).map((r) => r.id),
  );
  return pageOf(
    rows,
    limit,
    (r) => ({ n: r.name_search, i: r.id }),
    (r) => presentUserSummary(r, skills.get(r.id) ?? [], viewer),
  );
}

/** `GET /users`: the directory of active people, filtered in SQL, ordered by name. */
export async function listDirectory(ctx: Ctx, query: ListUsersParams): Promise<Page<UserSummary>> {
  const actor = requireActor(ctx);
  authorize(canViewDirectory(actor));
  if (query.status === 'deactivated') authorize(canManageUsers(actor));
  const departmentIds = query.department
    ? query.includeSubdepartments
      ? await listDepartmentSubtreeIds(ctx.db, query.department)
      : [query.department]
    : undefined;
  const rows = await listActivePeople(
    ctx.db,
    {
      departmentIds,
      skillKey: query.skill === undefined ? undefined : searchKey(query.skill),
      position: query.position === undefined ? undefined : searchKey(query.position),
      q: query.q === undefined ? undefined : searchKey(query.q),
      after: decodeCursor(nameCursor, query.cursor),
      status: query.status,
    },
    query.limit + 1,
  );
  return presentPeoplePage(ctx.db, rows, query.limit, actor);
}

/** `GET /users/{id}`: a profile for members, and for the person themselves. */
export async function getUserProfile(ctx: Ctx, id: string): Promise<UserProfile> {
  const actor = requireActor(ctx);
  authorize(canViewUser(actor, id));
  const row = await findUserById(ctx.db, id);
  if (!row) throw new AppError('USER_NOT_FOUND');
  const [skills, reports, follows, followed, manager] = await Promise.all([
    listSkillsOf(ctx.db, [id]),
    countActiveReports(ctx.db, [id]),
    countFollows(ctx.db, id),
    findFollow(ctx.db, actor.id, id),
    row.manager_id ? findUserById(ctx.db, row.manager_id) : undefined,
  ]);
  return presentUserProfile(
    row,
    {
      skills: skills.get(id) ?? [],
      manager: manager ? { id: manager.id, name: manager.name } : null,
      directReportsCount: reports.get(id) ?? 0,
      followersCount: follows.followers,
      followingCount: follows.following,
      followedByMe: followed !== undefined,
    },
    actor,
  );
}

/** Turns the API's fields into stored PersonFields (only the keys sent). */
function personPatch(body: UpdateUserBody): Partial<PersonFields> {
  const patch: Partial<PersonFields> = {};
  if (body.email !== undefined) patch.email = normaliseEmail(body.email);
  if (body.name !== undefined) patch.name = normaliseName(body.name);
  if (body.position !== undefined) patch.position = optionalLine(body.position);
  if (body.departmentId !== undefined) patch.departmentId = body.departmentId;
  if (body.managerId !== undefined) patch.managerId = body.managerId;
  if (body.phone !== undefined) patch.phone = optionalLine(body.phone);
  if (body.office !== undefined) patch.office = optionalLine(body.office);
  if (body.city !== undefined) patch.city = optionalLine(body.city);
  if (body.birthday !== undefined) patch.birthday = body.birthday;
  if (body.startDate !== undefined) patch.startDate = body.startDate;
  if (body.about !== undefined) patch.about = optionalText(body.about);
  if (body.interests !== undefined) patch.interests = normaliseTags(body.interests, peopleLimits.interests);
  if (body.skills !== undefined) patch.skills = normaliseTags(body.skills, peopleLimits.skills);
  if (body.contacts !== undefined) patch.contacts = normaliseContacts(body.contacts);
  if (body.employeeId !== undefined) patch.employeeId = optionalLine(body.employeeId);
  return patch;
}

/**
 * A guest's access end asked for through the people API, checked as invitations check theirs
 * (future, at most 365 days away) against `role`, the role the person will have: 400
 * GUEST_EXPIRY_NOT_GUEST for anyone else. Undefined when none was sent.
 */
function requestedAccessEnd(ctx: Ctx, role: UserRole, requested: string | undefined): string | undefined {
  if (requested === undefined) return undefined;
  if (role !== 'guest') {
    const code = 'GUEST_EXPIRY_NOT_GUEST';
    throw new AppError(code, {}, [
      { field: 'accessExpiresAt', code, message: errorMessage(code, ctx.locale) },
    ]);
  }
  return accessEndFrom(ctx, requested, guestClock.now(), 'accessExpiresAt');
}

/**
 * `POST /users` (admins): a directory entry without a password; the person claims it by signing
 * up. A guest's access ends at `accessExpiresAt` or after the default lifetime.
 */
export async function createUser(ctx: Ctx, body: CreateUserBody): Promise<UserProfile> {
  const actor = requireActor(ctx);
  authorize(canManageUsers(actor));
  const { role = 'employee', accessExpiresAt, ...fieldsSent } = body;
  const accessEnd = requestedAccessEnd(ctx, role, accessExpiresAt);
  const patch = personPatch(fieldsSent);
  const fields: PersonFields = {
    email: patch.email!,
    name: patch.name!,
    position: patch.position ?? null,
    departmentId: patch.departmentId ?? null,
    managerId: patch.managerId ?? null,
    phone: patch.phone ?? null,
    office: patch.office ?? null,
    city: patch.city ?? null,
    birthday: patch.birthday ?? null,
    startDate: patch.startDate ?? null,
    about: null,
    interests: [],
    contacts: {},
    skills: patch.skills ?? [],
    employeeId: patch.employeeId ?? null,
  };
  const id = await transact(ctx, async (tx) => {
    await checkPersonReferences(tx, null, fields);
    return insertPerson(ctx, tx, fields, { role, source: 'manual', accessExpiresAt: accessEnd });
  });
  return getUserProfile(ctx, id);
}

/**
 * `PATCH /users/{id}`: people edit their own profile; admins edit anyone, including the
 * organisation fields (e-mail, position, department, manager, start date, employee number, and
 * a guest's access end).
 */
export async function updateUser(ctx: Ctx, id: string, body: UpdateUserBody): Promise<UserProfile> {
  const actor = requireActor(ctx);
  await transact(ctx, async (tx) => {
    const current = await loadPerson(tx, id);
    if (!current) {
      authorize(canViewUser(actor, id));
      throw new AppError('USER_NOT_FOUND');
    }
    authorize(canEditUser(actor, current.row));
    if (organisationFieldNames.some((f) => f in body)) authorize(canManageUsers(actor));
    const accessEnd = requestedAccessEnd(ctx, current.row.role, body.accessExpiresAt);
    const patch = personPatch(body);
    await checkPersonReferences(tx, id, patch);
    const via = actor.id === id ? 'self' : 'admin';
    await updatePerson(ctx, tx, current, patch, { via });
    if (accessEnd !== undefined) {
      await setGuestAccessEnd(ctx, tx, id, current.row.access_expires_at, accessEnd, via);
    }
  });
  return getUserProfile(ctx, id);
}

function requireAdmin(ctx: Ctx) {
  const actor = requireActor(ctx);
  authorize(canManageUsers(actor));
  return actor;
}

/** Refuses changes that would leave the company without an active administrator. */
async function guardLastAdmin(db: Executor, target: UserRow, nextRole: UserRole, nextActive: boolean) {
  const staysAdmin = nextRole === 'admin' && nextActive;
  if (target.role === 'admin' && target.status === 'active' && !staysAdmin) {
    if ((await countOtherActiveAdmins(db, target.id)) === 0) throw new AppError('LAST_ADMIN');
  }
}

/**
 * `POST /users/{id}/deactivate` (admins): the person's sessions end in the same transaction,
 * so their next request is refused; they cannot sign in or sign up again until reactivated.
 */
export async function deactivateUser(ctx: Ctx, id: string): Promise<UserProfile> {
  const actor = requireAdmin(ctx);
  if (actor.id === id) throw new AppError('CANNOT_CHANGE_OWN_ROLE');
  await transact(ctx, async (tx) => {
    const target = await findUserById(tx, id);
    if (!target) throw new AppError('USER_NOT_FOUND');
    if (target.status === 'deactivated') return;
    await guardLastAdmin(tx, target, target.role, false);
    await deactivatePerson(ctx, tx, id, 'admin');
  });
  return getUserProfile(ctx, id);
}

/** `POST /users/{id}/reactivate` (admins only, whoever deactivated the person). */
export async function reactivateUser(ctx: Ctx, id: string): Promise<UserProfile> {
  requireAdmin(ctx);
  await transact(ctx, async (tx) => {
    const target = await findUserById(tx, id);
    if (!target) throw new AppError('USER_NOT_FOUND');
    if (target.status !== 'deactivated') return;
    await reactivatePerson(ctx, tx, id, 'admin');
  });
  return getUserProfile(ctx, id);
}

/**
 * `DELETE /users/{id}/sessions` (admins): signs a person out everywhere at once — a lost laptop,
 * a suspected break-in — without deactivating them (R13). Returns how many sessions ended.
 */
export async function endSessionsOfPerson(ctx: Ctx, id: string): Promise<{ ended: number }> {
  requireAdmin(ctx);
  return transact(ctx, async (tx) => {
    const target = await findUserById(tx, id);
    if (!target) throw new AppError('USER_NOT_FOUND');
    const ended = await endSessionsOfUser(tx, id);
    await record(ctx, tx, {
      action: 'auth.sessions.revoked',
      subjectType: 'user',
      subjectId: id,
      payload: { ended, via: 'admin' },
    });
    return { ended };
  });
}

/**
 * `PUT /users/{id}/role` (admins; never one's own role; never the last active admin's). Making
 * someone a guest sets their access end (`accessExpiresAt` or the default lifetime); for a guest
 * already, `accessExpiresAt` moves it; another role clears it.
 */
export async function changeUserRole(ctx: Ctx, id: string, body: ChangeRoleBody): Promise<UserProfile> {
  const actor = requireAdmin(ctx);
  if (actor.id === id) throw new AppError('CANNOT_CHANGE_OWN_ROLE');
  const { role } = body;
  const accessEnd = requestedAccessEnd(ctx, role, body.accessExpiresAt);
  await transact(ctx, async (tx) => {
    const target = await findUserById(tx, id);
    if (!target) throw new AppError('USER_NOT_FOUND');
    if (target.role === role) {
      if (accessEnd !== undefined) {
        await setGuestAccessEnd(ctx, tx, id, target.access_expires_at, accessEnd, 'admin');
      }
      return;
    }
    await guardLastAdmin(tx, target, role, target.status === 'active');
    await setPersonRole(ctx, tx, id, target.role, role, 'admin', { accessExpiresAt: accessEnd });
  });
  return getUserProfile(ctx, id);
}
