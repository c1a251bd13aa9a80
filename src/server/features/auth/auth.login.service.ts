import type { LoginBody } from '../../../shared/api/auth.js';
import type { PasswordPolicy } from '../../../shared/api/settings.js';
import { normalizeEmail } from '../../platform/auth/email.js';
import { isPasswordExpired } from '../../platform/auth/password-policy.js';
import {
  hashPassword,
  needsRehash,
  verifyAgainstDummy,
  verifyPassword,
} from '../../platform/auth/passwords.js';
import {
  endSession,
  guestAccessEnded,
  type OpenedSession,
  openSession,
} from '../../platform/auth/sessions.js';
import { type Ctx, record, transact } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { clientKey, type RateLimiter } from '../../platform/http/rate-limit.js';
import { getPasswordPolicy } from '../settings/settings.service.js';
import { admitAttempt, clearFailures, recordFailedAttempt } from './auth.attempts.js';
import { authRules } from './auth.limits.js';
import { type AuthUser, findUserByEmail, findUserById, updateUser } from './auth.queries.js';

/** A successful sign-in: the person and their brand-new session. */
export interface SignedIn {
  user: AuthUser;
  policy: PasswordPolicy;
  session: OpenedSession;
}

/**
 * Signs a person in (R02, R07, R08, R12). Order matters: the per-address limits first, then the
 * account's lockout and back-off — decided before the password is looked at — then exactly one
 * argon2 verification, against the real hash or a dummy one, so a known and an unknown address
 * cost the same and answer the same. Only after the right password do deactivation and expiry
 * get their own answers. A new session id is issued every time and the session the request
 * came with, if any, ends: a planted cookie is never promoted (session fixation).
 */
export async function login(ctx: Ctx, limiter: RateLimiter, input: LoginBody): Promise<SignedIn> {
  const ip = clientKey(ctx.ip);
  await limiter.check(authRules.loginFailuresPerIp, ip);
  const email = normalizeEmail(input.email);
  // Nobody can have an address that is not one, and saying so reveals nothing: no hashing needed.
  if (!email) throw new AppError('INVALID_CREDENTIALS');
  const policy = await getPasswordPolicy(ctx.db);
  const found = await findUserByEmail(ctx.db, email);
  const target = { user: found, email, threshold: policy.lockoutThreshold };
  const failures = await admitAttempt(ctx, limiter, target);

  const pepper = ctx.config.passwordPepper;
  const matches = found?.password_hash
    ? await verifyPassword(found.password_hash, input.password, pepper)
    : await verifyAgainstDummy(input.password, pepper);
  if (!matches || !found || found.status === 'pending') {
    await limiter.record(authRules.loginFailuresPerIp, ip);
    await transact(ctx, (tx) => recordFailedAttempt(ctx, tx, { ...target, failures, attempt: 'login' }));
    throw new AppError('INVALID_CREDENTIALS');
  }
  const user = found;
  // A guest whose access has ended is refused like a deactivated account, even before the
  // expiry job has deactivated them (guests.jobs.ts).
  if (user.status === 'deactivated' || guestAccessEnded(user)) {
    await transact(ctx, (tx) =>
      record(ctx, tx, {
        action: 'auth.blocked.deactivated',
        subjectType: 'user',
        subjectId: user.id,
        payload: { attempt: 'login' },
      }),
    );
    throw new AppError('USER_DEACTIVATED');
  }
  if (isPasswordExpired(policy, user.password_changed_at)) {
    await transact(ctx, (tx) => clearFailures(tx, user.id));
    throw new AppError('PASSWORD_EXPIRED');
  }
  // Parameters raised since this hash was made: redo it now, while we hold the password.
  const rehashed = needsRehash(user.password_hash ?? '') ? await hashPassword(input.password, pepper) : null;

  const session = await transact(ctx, async (tx) => {
    await clearFailures(tx, user.id);
    if (rehashed) await updateUser(tx, user.id, { password_hash: rehashed });
    if (ctx.actor?.sessionId) await endSession(tx, ctx.actor.sessionId);
    const opened = await openSession(tx, ctx.config, user.id, { ip: ctx.ip, userAgent: ctx.userAgent });
    await record(ctx, tx, {
      action: 'auth.login.succeeded',
      subjectType: 'user',
      subjectId: user.id,
      actorId: user.id,
      payload: { rehashed: rehashed !== null },
    });
    return opened;
  });
  const fresh = (await findUserById(ctx.db, user.id)) ?? user;
  return { user: fresh, policy, session };
}

/** Ends the request's session, if it has one (a sign-out of an anonymous caller changes nothing). */
export async function logout(ctx: Ctx): Promise<void> {
  const actor = ctx.actor;
  if (!actor?.sessionId) return;
  const sessionId = actor.sessionId;
  await transact(ctx, async (tx) => {
    await endSession(tx, sessionId);
    await record(ctx, tx, { action: 'auth.logout', subjectType: 'user', subjectId: actor.id });
  });
}
