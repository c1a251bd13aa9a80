import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { UserRole, UserStatus } from '../../src/server/platform/db/schema.js';
import { insertUser, openSession, type TestSession, type TestUser } from './session.js';
import type { TestApp } from './test-app.js';

/** The callers a route matrix walks: each role, a deactivated person and nobody. */
export type Caller = UserRole | 'deactivated' | 'anonymous';
export const callers: Caller[] = ['admin', 'moderator', 'employee', 'guest', 'deactivated', 'anonymous'];

export interface Person extends TestUser {
  session: TestSession;
}

/** A person with an open session (a deactivated person's session exists but must be refused). */
export async function signedIn(
  t: TestApp,
  role: UserRole = 'employee',
  props: { status?: UserStatus; name?: string; email?: string } = {},
): Promise<Person> {
  const user = await insertUser(t.database.handle.db, { role, ...props });
  const session = await openSession(t.database.handle.db, user.id);
  return { ...user, session };
}

/** A person for a caller of the matrix; null for the anonymous caller. */
export async function personFor(t: TestApp, caller: Caller): Promise<Person | null> {
  if (caller === 'anonymous') return null;
  if (caller === 'deactivated') return signedIn(t, 'employee', { status: 'deactivated' });
  return signedIn(t, caller);
}

/** `app.inject` as `who` (cookie + CSRF header), or anonymously for null. */
export function call(
  t: TestApp,
  who: Person | null,
  options: InjectOptions,
): Promise<LightMyRequestResponse> {
  const headers = { ...(who?.session.headers ?? {}), ...(options.headers ?? {}) };
  return t.app.inject({ ...options, headers }) as Promise<LightMyRequestResponse>;
}
