import type { ChangePasswordBody, ResetPasswordBody } from '../../../shared/api/auth.js';
import type { PasswordPolicy } from '../../../shared/api/settings.js';
import { errorMessage } from '../../../shared/errors.js';
import { assertPasswordAllowed } from '../../platform/auth/password-policy.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../platform/auth/passwords.js';
import { hashSecret, newSecret } from '../../platform/auth/session-token.js';
import {
  endSession,
  endSessionsOfUser,
  guestAccessEnded,
  type OpenedSession,
  openSession,
} from '../../platform/auth/sessions.js';
import { type Actor, type Ctx, record, transact } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { RateLimiter } from '../../platform/http/rate-limit.js';
import type { MailMessage } from '../../platform/mail/mailer.js';
import { getCompanyName, getPasswordPolicy } from '../settings/settings.service.js';
import { admitAttempt, clearFailures, recordFailedAttempt } from './auth.attempts.js';
import { authRules } from './auth.limits.js';
import { mailLocale, passwordChangedMail, resetPasswordMail } from './auth.mail.js';
import {
  type AuthUser,
  deleteUnusedAuthTokens,
  findAuthToken,
  findUserByEmail,
  findUserById,
  insertAuthToken,
  insertPasswordHistory,
  listPasswordHistory,
  markAuthTokenUsed,
  prunePasswordHistory,
  updateUser,
} from './auth.queries.js';
import { requireEmail } from './auth.registration.service.js';

/** Reset links live one hour. */
const resetTtlMs = 3_600_000;
/** History kept per person: the most the policy can ask for. */
const historyKept = 24;

/** Checks a new password against the policy, in the person's context (cheap: no hashing). */
async function assertNewPasswordAllowed(
  ctx: Ctx,
  user: AuthUser,
  policy: PasswordPolicy,
  password: string,
  field: string,
): Promise<void> {
  const companyName = await getCompanyName(ctx.db);
  assertPasswordAllowed(
    password,
    policy,
    { email: user.email, name: user.name, companyName },
    field,
    ctx.locale,
  );
}

/**
 * Checks a new password against the person's history, then hashes it. The history check costs
 * one argon2 verification per remembered password, so it runs only when the policy asks for it.
 */
async function hashNewPassword(
  ctx: Ctx,
  user: AuthUser,
  policy: PasswordPolicy,
  password: string,
  field: string,
): Promise<string> {
  for (const old of await listPasswordHistory(ctx.db, user.id, policy.historyCount)) {
    if (await verifyPassword(old, password, ctx.config.passwordPepper)) {
      throw new AppError('PASSWORD_REUSED', {}, [
        { field, code: 'PASSWORD_REUSED', message: errorMessage('PASSWORD_REUSED', ctx.locale) },
      ]);
    }
  }
  return hashPassword(password, ctx.config.passwordPepper);
}

/** Stores a new password hash with its history entry, and lifts any lockout. */
async function storePassword(tx: Tx, userId: string, passwordHash: string): Promise<void> {
  await updateUser(tx, userId, {
    password_hash: passwordHash,
    password_changed_at: new Date().toISOString(),
  });
  await clearFailures(tx, userId);
  await insertPasswordHistory(tx, userId, passwordHash);
  await prunePasswordHistory(tx, userId, historyKept);
}

/**
 * "Forgot password" (R02, R03, R08): the same 202 for every well-formed address. A person who
 * can sign in (or is in the directory without a password yet) gets a one-hour link — also when
 * locked out, since the reset is the way out of a lockout; a deactivated person gets nothing
 * and the attempt is audited; an unknown address is only audited. Mail per address is capped.
 */
export async function requestPasswordReset(
  ctx: Ctx,
  limiter: RateLimiter,
  rawEmail: string,
): Promise<MailMessage | null> {
  const email = requireEmail(rawEmail, 'email', ctx.locale);
  const rule = authRules.forgotMailPerAccount;
  const mayMail = (await limiter.store.take(`${rule.name}:${email}`, Date.now(), rule.windowMs, rule.limit))
    .admitted;
  return transact(ctx, async (tx) => {
    const found = await findUserByEmail(tx, email);
    // A guest entry nobody claimed through an invitation cannot be claimed by a reset link.
    const user = found?.role === 'guest' && !found.password_hash ? undefined : found;
    if (user && (user.status === 'deactivated' || guestAccessEnded(user))) {
      await record(ctx, tx, {
        action: 'auth.blocked.deactivated',
        subjectType: 'user',
        subjectId: user.id,
        payload: { attempt: 'password-reset' },
      });
      return null;
    }
    if (!user || !mayMail) {
      await record(ctx, tx, {
        action: 'auth.password.reset.requested',
        subjectType: 'user',
        subjectId: found?.id ?? null,
        payload: found ? { sent: false } : { email, sent: false },
      });
      return null;
    }
    await deleteUnusedAuthTokens(tx, user.id, 'reset_password');
    const token = newSecret();
    await insertAuthToken(tx, {
      id: hashSecret(token),
      user_id: user.id,
      purpose: 'reset_password',
      password_hash: null,
      expires_at: new Date(Date.now() + resetTtlMs).toISOString(),
    });
    await record(ctx, tx, {
      action: 'auth.password.reset.requested',
      subjectType: 'user',
      subjectId: user.id,
      payload: { sent: true },
    });
    return resetPasswordMail(ctx.config, mailLocale(user.locale, ctx.locale), email, token);
  });
}

/**
 * Sets a new password from a reset link: single use, ends every session of the person, lifts
 * the lockout, and — the link proving the mailbox — confirms an unverified address.
 */
export async function resetPassword(ctx: Ctx, input: ResetPasswordBody): Promise<void> {
  const id = hashSecret(input.token);
  const token = await findAuthToken(ctx.db, id, 'reset_password');
  const user = token ? await findUserById(ctx.db, token.user_id) : undefined;
  if (!token || !user || token.used_at || Date.parse(token.expires_at) <= Date.now()) {
    throw new AppError('TOKEN_INVALID');
  }
  if (user.status === 'deactivated' || guestAccessEnded(user)) {
    await transact(ctx, (tx) =>
      record(ctx, tx, {
        action: 'auth.blocked.deactivated',
        subjectType: 'user',
        subjectId: user.id,
        payload: { attempt: 'password-reset' },
      }),
    );
    throw new AppError('TOKEN_INVALID');
  }
  const policy = await getPasswordPolicy(ctx.db);
  await assertNewPasswordAllowed(ctx, user, policy, input.password, 'password');
  const passwordHash = await hashNewPassword(ctx, user, policy, input.password, 'password');
  await transact(ctx, async (tx) => {
    if (!(await markAuthTokenUsed(tx, id, new Date().toISOString()))) throw new AppError('TOKEN_INVALID');
    await storePassword(tx, user.id, passwordHash);
    if (user.status === 'pending' || !user.email_verified_at) {
      await updateUser(tx, user.id, { status: 'active', email_verified_at: new Date().toISOString() });
    }
    await deleteUnusedAuthTokens(tx, user.id, 'reset_password');
    const ended = await endSessionsOfUser(tx, user.id);
    await record(ctx, tx, {
      action: 'auth.password.changed',
      subjectType: 'user',
      subjectId: user.id,
      actorId: user.id,
      payload: { via: 'reset', sessionsEnded: ended },
    });
  });
}

/** The outcome of a password change: the rotated session and the notice to the person. */
export interface PasswordChanged {
  user: AuthUser;
  policy: PasswordPolicy;
  session: OpenedSession;
  mail: MailMessage;
}

/**
 * Changes the signed-in person's password (R10): the new password must meet the policy; the
 * current password is required and counts toward the lockout like a sign-in; the session is rotated; other sessions end unless the
 * person opts out; the person is told by e-mail.
 */
export async function changePassword(
  ctx: Ctx,
  actor: Actor,
  limiter: RateLimiter,
  input: ChangePasswordBody,
): Promise<PasswordChanged> {
  const user = await findUserById(ctx.db, actor.id);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const policy = await getPasswordPolicy(ctx.db);
  // The new password's rules come first: checking them costs nothing and reveals nothing.
  await assertNewPasswordAllowed(ctx, user, policy, input.newPassword, 'newPassword');
  const target = { user, email: user.email, threshold: policy.lockoutThreshold };
  const failures = await admitAttempt(ctx, limiter, target);
  const pepper = ctx.config.passwordPepper;
  const matches = user.password_hash
    ? await verifyPassword(user.password_hash, input.currentPassword, pepper)
    : await verifyAgainstDummy(input.currentPassword, pepper);
  if (!matches) {
    await transact(ctx, (tx) =>
      recordFailedAttempt(ctx, tx, { ...target, failures, attempt: 'password-change' }),
    );
    throw new AppError('CURRENT_PASSWORD_INCORRECT', {}, [
      {
        field: 'currentPassword',
        code: 'CURRENT_PASSWORD_INCORRECT',
        message: errorMessage('CURRENT_PASSWORD_INCORRECT', ctx.locale),
      },
    ]);
  }
  await transact(ctx, (tx) => clearFailures(tx, user.id));
  const passwordHash = await hashNewPassword(ctx, user, policy, input.newPassword, 'newPassword');
  const logoutOthers = input.logoutOtherSessions ?? true;
  const session = await transact(ctx, async (tx) => {
    await storePassword(tx, user.id, passwordHash);
    const ended = logoutOthers ? await endSessionsOfUser(tx, user.id, actor.sessionId) : 0;
    if (actor.sessionId) await endSession(tx, actor.sessionId);
    const opened = await openSession(tx, ctx.config, user.id, { ip: ctx.ip, userAgent: ctx.userAgent });
    await record(ctx, tx, {
      action: 'auth.password.changed',
      subjectType: 'user',
      subjectId: user.id,
      payload: { via: 'change', otherSessionsEnded: ended },
    });
    return opened;
  });
  const fresh = (await findUserById(ctx.db, user.id)) ?? user;
  return {
    user: fresh,
    policy,
    session,
    mail: passwordChangedMail(mailLocale(user.locale, ctx.locale), user.email),
  };
}
