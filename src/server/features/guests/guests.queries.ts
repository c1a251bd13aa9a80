import { type Insertable, type Selectable, sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Executor } from '../../platform/db/database.js';
import type {
  GroupRole,
  GroupVisibility,
  GuestInvitationsTable,
  UserRole,
  UserStatus,
} from '../../platform/db/schema.js';

/** SQL of guests: invitations, their groups, guest accounts' access and the expiry job. */

export type InvitationRow = Selectable<GuestInvitationsTable>;
export type InvitationWithInviter = InvitationRow & { inviter_name: string | null };

function selectInvitations(db: Executor) {
  return db
    .selectFrom('guest_invitations')
    .leftJoin('users as inviter', 'inviter.id', 'guest_invitations.inviter_id')
    .selectAll('guest_invitations')
    .select('inviter.name as inviter_name');
}

export function findInvitationById(db: Executor, id: string): Promise<InvitationWithInviter | undefined> {
  return selectInvitations(db).where('guest_invitations.id', '=', id).executeTakeFirst();
}

export function findInvitationByTokenHash(
  db: Executor,
  tokenHash: string,
): Promise<InvitationWithInviter | undefined> {
  return selectInvitations(db).where('guest_invitations.token_hash', '=', tokenHash).executeTakeFirst();
}

export function listInvitationsByIds(db: Executor, ids: readonly string[]): Promise<InvitationWithInviter[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return selectInvitations(db).where('guest_invitations.id', 'in', ids).execute();
}

/** Invitations to `email` not accepted, not revoked and whose link still works at `now`. */
export function listPendingInvitationsTo(db: Executor, email: string, now: string): Promise<InvitationRow[]> {
  return db
    .selectFrom('guest_invitations')
    .selectAll()
    .where('email', '=', email)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('invite_expires_at', '>', now)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Whether `email` has a pending invitation into `groupId` at `now`. */
export async function hasPendingInvitationInto(
  db: Executor,
  email: string,
  groupId: string,
  now: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('guest_invitations as gi')
    .innerJoin('guest_invitation_groups as gig', 'gig.invitation_id', 'gi.id')
    .select('gi.id')
    .where('gi.email', '=', email)
    .where('gig.group_id', '=', groupId)
    .where('gi.accepted_at', 'is', null)
    .where('gi.revoked_at', 'is', null)
    .where('gi.invite_expires_at', '>', now)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertInvitation(
  db: Executor,
  row: Insertable<GuestInvitationsTable>,
  groupIds: readonly string[],
): Promise<void> {
  await db.insertInto('guest_invitations').values(row).execute();
  if (groupIds.length > 0) {
    await db
      .insertInto('guest_invitation_groups')
      .values(groupIds.map((groupId) => ({ invitation_id: row.id, group_id: groupId })))
      .execute();
  }
}

/** A group of an invitation, with where `viewerId` stands in it (null viewer: no role). */
export interface InvitationGroupRow {
  invitation_id: string;
  group_id: string;
  name: string;
  visibility: GroupVisibility;
  viewer_role: GroupRole | null;
}

/** The (still existing) groups of some invitations, by name. */
export function listInvitationGroups(
  db: Executor,
  invitationIds: readonly string[],
  viewerId: string | null,
): Promise<InvitationGroupRow[]> {
  if (invitationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('guest_invitation_groups as gig')
    .innerJoin('groups', 'groups.id', 'gig.group_id')
    .leftJoin('group_members as mine', (join) =>
      join.onRef('mine.group_id', '=', 'groups.id').on('mine.user_id', '=', viewerId ?? ''),
    )
    .select([
      'gig.invitation_id',
      'gig.group_id',
      'groups.name',
      'groups.visibility',
      'mine.role as viewer_role',
    ])
    .where('gig.invitation_id', 'in', invitationIds)
    .orderBy('groups.name_search')
    .orderBy('groups.id')
    .execute();
}

/**
 * Marks invitations accepted into `userId`'s account, only those still pending (a concurrent
 * revocation or acceptance wins); returns how many were marked.
 */
export async function markInvitationsAccepted(
  db: Executor,
  ids: readonly string[],
  userId: string,
  at: string,
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('guest_invitations')
    .set({ accepted_at: at, user_id: userId })
    .where('id', 'in', ids)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Revokes an invitation not yet accepted nor revoked; returns whether it did. */
export async function markInvitationRevoked(db: Executor, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('guest_invitations')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The account behind an address, as the invitation rules read it. */
export interface KnownPersonRow {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  status: UserStatus;
  deactivated_via: string | null;
  access_expires_at: string | null;
  locale: string | null;
}

export function findPersonByEmail(db: Executor, email: string): Promise<KnownPersonRow | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'status', 'deactivated_via', 'access_expires_at', 'locale'])
    .where('email', '=', email)
    .executeTakeFirst();
}

/** Sets when a guest's access ends. */
export async function updateGuestAccess(
  db: Executor,
  userId: string,
  accessExpiresAt: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ access_expires_at: accessExpiresAt, updated_at: new Date().toISOString() })
    .where('id', '=', userId)
    .where('role', '=', 'guest')
    .execute();
}

/** What accepting an invitation sets on the new guest's account, with the password's history entry. */
export async function setGuestCredentials(
  db: Executor,
  userId: string,
  values: { passwordHash: string; at: string; accessExpiresAt: string; locale: string },
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      password_hash: values.passwordHash,
      password_changed_at: values.at,
      email_verified_at: values.at,
      access_expires_at: values.accessExpiresAt,
      locale: values.locale,
      updated_at: values.at,
    })
    .where('id', '=', userId)
    .execute();
  await db
    .insertInto('password_history')
    .values({ id: uuidv7(), user_id: userId, password_hash: values.passwordHash, created_at: values.at })
    .execute();
}

/** The columns a session answer needs (as sign-in loads them). */
export function findSessionPerson(db: Executor, id: string) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'email',
      'name',
      'role',
      'status',
      'locale',
      'photo_key',
      'department_id',
      'password_hash',
      'password_changed_at',
      'failed_logins',
      'locked_until',
      'email_verified_at',
      'access_expires_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The groups a person is a member of. */
export async function listGroupIdsOf(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('group_members')
    .select('group_id')
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => r.group_id);
}

/** The list key of the group's guests page: e-mail, then kind, then id. */
export interface GuestListKey {
  e: string;
  k: 'guest' | 'invitation';
  i: string;
}

/**
 * A page of a group's guests and pending invitations (at `now`), ordered by e-mail, then kind
 * (`guest` before `invitation`), then id — one keyset over both tables.
 */
export function listGroupGuestKeys(
  db: Executor,
  groupId: string,
  now: string,
  after: GuestListKey | undefined,
  limit: number,
): Promise<{ kind: 'guest' | 'invitation'; id: string; email: string }[]> {
  const guests = db
    .selectFrom('group_members as gm')
    .innerJoin('users as u', 'u.id', 'gm.user_id')
    .select([sql<'guest' | 'invitation'>`'guest'`.as('kind'), 'u.id as id', 'u.email as email'])
    .where('gm.group_id', '=', groupId)
    .where('u.role', '=', 'guest');
  const invitations = db
    .selectFrom('guest_invitation_groups as gig')
    .innerJoin('guest_invitations as gi', 'gi.id', 'gig.invitation_id')
    .select([sql<'guest' | 'invitation'>`'invitation'`.as('kind'), 'gi.id as id', 'gi.email as email'])
    .where('gig.group_id', '=', groupId)
    .where('gi.accepted_at', 'is', null)
    .where('gi.revoked_at', 'is', null)
    .where('gi.invite_expires_at', '>', now);
  let query = db.selectFrom(guests.unionAll(invitations).as('x')).select(['x.kind', 'x.id', 'x.email']);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('x.email', '>', after.e),
        eb.and([eb('x.email', '=', after.e), eb('x.kind', '>', after.k)]),
        eb.and([eb('x.email', '=', after.e), eb('x.kind', '=', after.k), eb('x.id', '>', after.i)]),
      ]),
    );
  }
  return query.orderBy('x.email').orderBy('x.kind').orderBy('x.id').limit(limit).execute();
}

/** A guest member of a group as its inviters see them. */
export interface GroupGuestRow {
  id: string;
  name: string;
  email: string;
  photo_key: string | null;
  status: UserStatus;
  access_expires_at: string | null;
  joined_at: string;
}

export function listGroupGuestsByIds(
  db: Executor,
  groupId: string,
  userIds: readonly string[],
): Promise<GroupGuestRow[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('group_members as gm')
    .innerJoin('users as u', 'u.id', 'gm.user_id')
    .select([
      'u.id',
      'u.name',
      'u.email',
      'u.photo_key',
      'u.status',
      'u.access_expires_at',
      'gm.created_at as joined_at',
    ])
    .where('gm.group_id', '=', groupId)
    .where('u.id', 'in', userIds)
    .where('u.role', '=', 'guest')
    .execute();
}

/** Active guests whose access has ended at `now`, the longest overdue first. */
export async function listOverdueGuestIds(db: Executor, now: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('access_expires_at', 'is not', null)
    .where('access_expires_at', '<=', now)
    .where('role', '=', 'guest')
    .where('status', '=', 'active')
    .orderBy('access_expires_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Claims an overdue guest for the expiry job: the conditional update succeeds for one
 * transaction only (PostgreSQL re-checks the row after a concurrent one commits; SQLite writes
 * one at a time), so two nodes never expire one guest twice. Returns the access end, or
 * undefined if someone else got there first (or the access was extended meanwhile).
 */
export async function claimOverdueGuest(db: Executor, id: string, now: string): Promise<string | undefined> {
  const row = await db
    .updateTable('users')
    .set({ updated_at: now })
    .where('id', '=', id)
    .where('role', '=', 'guest')
    .where('status', '=', 'active')
    .where('access_expires_at', '<=', now)
    .returning('access_expires_at')
    .executeTakeFirst();
  return row?.access_expires_at ?? undefined;
}
