import type { FastifyInstance, InjectOptions } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { hashSecret, newSecret } from '../../src/server/platform/auth/session-token.js';
import type { Db } from '../../src/server/platform/db/database.js';
import type { UserRole, UserStatus } from '../../src/server/platform/db/schema.js';

export interface TestUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
}

let counter = 0;

/**
 * Inserts a person straight into the database (no password unless `passwordHash` is given):
 * for tests of other features that need people to exist, not for testing sign-up itself.
 */
export async function insertUser(
  db: Db,
  props: Partial<{
    email: string;
    name: string;
    role: UserRole;
    status: UserStatus;
    departmentId: string | null;
    passwordHash: string | null;
  }> = {},
): Promise<TestUser> {
  counter += 1;
  const id = uuidv7();
  const now = new Date().toISOString();
  const name = props.name ?? `Test Person ${counter}`;
  const email = props.email ?? `person${counter}.${id.slice(-6)}@corp.test`;
  const role = props.role ?? 'employee';
  await db
    .insertInto('users')
    .values({
      id,
      email,
      name,
      name_search: name.toLowerCase(),
      password_hash: props.passwordHash ?? null,
      password_changed_at: props.passwordHash ? now : null,
      role,
      status: props.status ?? 'active',
      deactivated_via: null,
      deactivated_at: null,
      email_verified_at: now,
      position: null,
      position_search: null,
      department_id: props.departmentId ?? null,
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
      source: 'manual',
      locked_until: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, email, name, role };
}

export interface TestSession {
  cookie: string;
  csrfToken: string;
  /** Inject options that authenticate as this session (cookie + CSRF header). */
  headers: Record<string, string>;
}

/**
 * Opens a session for a person directly in the database, as a successful sign-in would, so
 * feature tests do not depend on the sign-in route. `cookieName` must match the app's config.
 */
export async function openSession(db: Db, userId: string, cookieName = 'sid'): Promise<TestSession> {
  const secret = newSecret();
  const csrfToken = newSecret();
  const now = new Date();
  await db
    .insertInto('sessions')
    .values({
      id: hashSecret(secret),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + 12 * 3_600_000).toISOString(),
      ip: '127.0.0.1',
      user_agent: 'vitest',
    })
    .execute();
  const cookie = `${cookieName}=${secret}`;
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}

/** `app.inject` as a signed-in session. */
export function injectAs(app: FastifyInstance, session: TestSession, options: InjectOptions) {
  return app.inject({ ...options, headers: { ...session.headers, ...(options.headers ?? {}) } });
}
