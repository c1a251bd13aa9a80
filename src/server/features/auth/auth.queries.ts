import type { Selectable, Updateable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Executor } from '../../platform/db/database.js';
import type { AuthTokenPurpose, AuthTokensTable, UsersTable } from '../../platform/db/schema.js';

/** The columns of a person that sign-in and the session answer need. */
const userColumns = [
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
] as const;

/** A person as sign-in sees them. */
export type AuthUser = Pick<Selectable<UsersTable>, (typeof userColumns)[number]>;

/** The person with this (normalised) address, in any status. */
export function findUserByEmail(db: Executor, email: string): Promise<AuthUser | undefined> {
  return db.selectFrom('users').select(userColumns).where('email', '=', email).executeTakeFirst();
}

/** The person with this id. */
export function findUserById(db: Executor, id: string): Promise<AuthUser | undefined> {
  return db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
}

/** How many people exist, in any status (none: the installation still needs its setup). */
export async function countUsers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Inserts a person with the given identity; everything else starts empty. */
export async function insertUser(
  db: Executor,
  props: {
    email: string;
    name: string;
    role: UsersTable['role'];
    status: UsersTable['status'];
    passwordHash: string | null;
    emailVerifiedAt: string | null;
    source: string;
  },
): Promise<string> {
  const id = uuidv7();
  const now = new Date().toISOString();
  await db
    .insertInto('users')
    .values({
      id,
      email: props.email,
      name: props.name,
      name_search: props.name.toLowerCase(),
      password_hash: props.passwordHash,
      password_changed_at: props.passwordHash ? now : null,
      role: props.role,
      status: props.status,
      deactivated_via: null,
      deactivated_at: null,
      email_verified_at: props.emailVerifiedAt,
      position: null,
      position_search: null,
      department_id: null,
      manager_id: null,
      phone: null,
      office: null,
      city: null,
      birthday: null,
      start_date: null,
      about: null,
      interests: '[]',
      contacts: '{}',
      photo_key: null,
      locale: null,
      external_id: null,
      source: props.source,
      locked_until: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** Updates a person's sign-in columns (password, status, counters, name, locale). */
export async function updateUser(db: Executor, id: string, changes: Updateable<UsersTable>): Promise<void> {
  await db
    .updateTable('users')
    .set({ ...changes, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
}

/**
 * Takes one password attempt of a person's allowance in a single atomic step: the counter is
 * raised only while it is below `threshold`, so however many guesses arrive at once, no more
 * than `threshold` are ever evaluated. Returns the new count, or null when the account is locked.
 * A right password then sets the counter back to zero.
 */
export async function reservePasswordAttempt(
  db: Executor,
  id: string,
  threshold: number,
): Promise<number | null> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', id)
    .where('failed_logins', '<', threshold)
    .returning('failed_logins')
    .executeTakeFirst();
  return row ? Number(row.failed_logins) : null;
}

/** Stores an e-mailed token by its hash. */
export async function insertAuthToken(
  db: Executor,
  row: Omit<AuthTokensTable, 'used_at' | 'created_at'>,
): Promise<void> {
  await db
    .insertInto('auth_tokens')
    .values({ ...row, used_at: null, created_at: new Date().toISOString() })
    .execute();
}

/** The token with this hash and purpose, used or not. */
export function findAuthToken(
  db: Executor,
  id: string,
  purpose: AuthTokenPurpose,
): Promise<Selectable<AuthTokensTable> | undefined> {
  return db
    .selectFrom('auth_tokens')
    .selectAll()
    .where('id', '=', id)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
}

/** Marks a token used if nobody did first; false when it was already used (a replay or a race). */
export async function markAuthTokenUsed(db: Executor, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('auth_tokens')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Retires a person's outstanding tokens of one purpose (a newer link replaces older ones). */
export async function deleteUnusedAuthTokens(
  db: Executor,
  userId: string,
  purpose: AuthTokenPurpose,
): Promise<void> {
  await db
    .deleteFrom('auth_tokens')
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

/** Remembers a password hash for the history rule. */
export async function insertPasswordHistory(
  db: Executor,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await db
    .insertInto('password_history')
    .values({
      id: uuidv7(),
      user_id: userId,
      password_hash: passwordHash,
      created_at: new Date().toISOString(),
    })
    .execute();
}

/** The `limit` most recent password hashes of a person, newest first. */
export async function listPasswordHistory(db: Executor, userId: string, limit: number): Promise<string[]> {
  if (limit <= 0) return [];
  const rows = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.password_hash);
}

/** Keeps only the `keep` newest history entries of a person (the policy allows at most 24). */
export async function prunePasswordHistory(db: Executor, userId: string, keep: number): Promise<void> {
  const old = await db
    .selectFrom('password_history')
    .select('id')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .offset(keep)
    .limit(1000)
    .execute();
  if (old.length === 0) return;
  await db
    .deleteFrom('password_history')
    .where(
      'id',
      'in',
      old.map((r) => r.id),
    )
    .execute();
}

/** Whether an error is a unique-key violation, on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
