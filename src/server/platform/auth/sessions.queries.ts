import type { Executor } from '../db/database.js';
import { queryTemplate } from '../db/query-template.js';
import type { SessionsTable, UserRole, UserStatus } from '../db/schema.js';

/** A session with the few facts about its person that every request needs. */
export interface SessionWithUser {
  id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_id: string;
  role: UserRole;
  status: UserStatus;
  department_id: string | null;
  /** A guest's access end (0006_guests); null for everyone else. */
  access_expires_at: string | null;
}

/**
 * The session whose id (the hash of the cookie) is `id`, joined with its person: one query, run
 * by every request (compiled once).
 */
export async function findSessionWithUser(db: Executor, id: string): Promise<SessionWithUser | undefined> {
  return (await sessionWithUser.execute(db, null, { id }))[0];
}

const sessionWithUser = queryTemplate((db, _: null, { id }: { id: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.csrf_token',
      'sessions.created_at',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.user_id',
      'users.role',
      'users.status',
      'users.department_id',
      'users.access_expires_at',
    ])
    .where('sessions.id', '=', id),
);

/** Stores a new session row. */
export async function insertSession(db: Executor, row: SessionsTable): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** Records activity on a session (for the idle timeout). */
export async function updateSessionLastSeen(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

/** Deletes one session; returns its person's id, or undefined if there was no such session. */
export async function deleteSession(db: Executor, id: string): Promise<string | undefined> {
  const row = await db.deleteFrom('sessions').where('id', '=', id).returning('user_id').executeTakeFirst();
  return row?.user_id;
}

/** Ends every session of a person, except `keepId` if given; returns how many ended. */
export async function deleteSessionsOfUser(db: Executor, userId: string, keepId?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepId) query = query.where('id', '!=', keepId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Drops a person's sessions that can no longer be used, so lists stay short. */
export async function deleteDeadSessionsOfUser(
  db: Executor,
  userId: string,
  now: string,
  idleSince: string,
): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleSince)]))
    .execute();
}

/** A page of a person's live sessions, newest first, after the `(created_at, id)` cursor. */
export function listSessionsOfUser(
  db: Executor,
  userId: string,
  options: { now: string; idleSince: string; limit: number; after?: { createdAt: string; id: string } },
): Promise<SessionsTable[]> {
  let query = db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('expires_at', '>', options.now)
    .where('last_seen_at', '>=', options.idleSince);
  const after = options.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
}

/** The ids (cookie hashes) of a person's sessions. */
export async function listSessionIdsOfUser(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.id);
}
