import type { SessionUser } from '../../../shared/api/auth.js';
import type { Ctx } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { getPasswordPolicy } from '../settings/settings.service.js';
import { presentSessionUser } from './auth.presenter.js';
import {
  countUsers,
  findUserByEmail,
  findUserById,
  insertPasswordHistory,
  insertUser,
  updateUser,
} from './auth.queries.js';

/**
 * Account operations other slices need (setup and the command line create administrators);
 * they run inside the caller's transaction.
 */

/** How many people exist, in any state. */
export function countPeople(db: Executor): Promise<number> {
  return countUsers(db);
}

/**
 * Makes `email` an active, verified administrator with the given password hash: creates the
 * person, or promotes the existing one (e.g. imported from the directory) and sets the
 * password. A deactivated person is refused: only the directory or an admin reactivates.
 * Returns the person's id and whether they were created.
 */
export async function ensureAdministrator(
  tx: Tx,
  props: { email: string; name: string; passwordHash: string },
): Promise<{ userId: string; created: boolean }> {
  const now = new Date().toISOString();
  const existing = await findUserByEmail(tx, props.email);
  if (existing?.status === 'deactivated') throw new AppError('USER_DEACTIVATED');
  let userId = existing?.id;
  if (userId) {
    await updateUser(tx, userId, {
      role: 'admin',
      status: 'active',
      password_hash: props.passwordHash,
      password_changed_at: now,
      email_verified_at: existing?.email_verified_at ?? now,
      failed_logins: 0,
      locked_until: null,
    });
  } else {
    userId = await insertUser(tx, {
      email: props.email,
      name: props.name,
      role: 'admin',
      status: 'active',
      passwordHash: props.passwordHash,
      emailVerifiedAt: now,
      source: 'setup',
    });
  }
  await insertPasswordHistory(tx, userId, props.passwordHash);
  return { userId, created: existing === undefined };
}

/** The person as the session answer shows them. */
export async function loadSessionUser(ctx: Ctx, userId: string): Promise<SessionUser> {
  const [user, policy] = await Promise.all([findUserById(ctx.db, userId), getPasswordPolicy(ctx.db)]);
  if (!user) throw new AppError('USER_NOT_FOUND');
  return presentSessionUser(user, policy);
}
