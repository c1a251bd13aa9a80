import type { RegisterBody } from '../../../shared/api/auth.js';
import { errorMessage } from '../../../shared/errors.js';
import { cleanLine } from '../../../shared/text.js';
import { domainOf, normalizeEmail } from '../../platform/auth/email.js';
import { assertPasswordAllowed } from '../../platform/auth/password-policy.js';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.js';
import { hashSecret, newSecret } from '../../platform/auth/session-token.js';
import { guestAccessEnded } from '../../platform/auth/sessions.js';
import { type Ctx, record, transact } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { RateLimiter } from '../../platform/http/rate-limit.js';
import type { MailMessage } from '../../platform/mail/mailer.js';
import { getAllowedDomains, getCompanyName, getPasswordPolicy } from '../settings/settings.service.js';
import { authRules } from './auth.limits.js';
import { alreadyRegisteredMail, mailLocale, verifyEmailMail } from './auth.mail.js';
import {
  deleteUnusedAuthTokens,
  findAuthToken,
  findUserByEmail,
  findUserById,
  insertAuthToken,
  insertPasswordHistory,
  insertUser,
  isUniqueViolation,
  markAuthTokenUsed,
  updateUser,
} from './auth.queries.js';

/** E-mail verification links live 24 hours (R01). */
const verifyTtlMs = 24 * 3_600_000;

/** The address in canonical form, or a 400 on the given field. */
export function requireEmail(raw: string, field: string, locale: Ctx['locale']): string {
  const email = normalizeEmail(raw);
  if (!email) {
    throw new AppError('EMAIL_INVALID', {}, [
      { field, code: 'EMAIL_INVALID', message: errorMessage('EMAIL_INVALID', locale) },
    ]);
  }
  return email;
}

/**
 * Self-registration (R01–R03). The address must be in the directory (a person row, e.g. from a
 * CSV import) or on an allowed domain; anything else is refused openly. Every admitted address
 * gets the same answer and costs the same password hash, whether it is new, pending, already
 * registered or deactivated; only its owner learns which, by e-mail (or, when deactivated, not at
 * all: that attempt is only audited). The chosen password waits on the verification token and
 * takes effect when the link is opened.
 */
export async function register(
  ctx: Ctx,
  limiter: RateLimiter,
  input: RegisterBody,
): Promise<MailMessage | null> {
  const email = requireEmail(input.email, 'email', ctx.locale);
  const name = cleanLine(input.name);
  const [policy, companyName, domains] = await Promise.all([
    getPasswordPolicy(ctx.db),
    getCompanyName(ctx.db),
    getAllowedDomains(ctx.db),
  ]);
  assertPasswordAllowed(input.password, policy, { email, name, companyName }, 'password', ctx.locale);
  const inDirectory = (await findUserByEmail(ctx.db, email)) !== undefined;
  if (!inDirectory && !domains.includes(domainOf(email))) {
    throw new AppError('REGISTRATION_NOT_ALLOWED', {}, [
      {
        field: 'email',
        code: 'REGISTRATION_NOT_ALLOWED',
        message: errorMessage('REGISTRATION_NOT_ALLOWED', ctx.locale),
      },
    ]);
  }
  const passwordHash = await hashPassword(input.password, ctx.config.passwordPepper);
  // Per address, mail goes out a few times an hour at most; beyond that the answer is unchanged.
  const mayMail = (
    await limiter.store.take(
      `${authRules.registerMailPerAccount.name}:${email}`,
      Date.now(),
      authRules.registerMailPerAccount.windowMs,
      authRules.registerMailPerAccount.limit,
    )
  ).admitted;

  const attempt = () =>
    transact(ctx, async (tx): Promise<MailMessage | null> => {
      const user = await findUserByEmail(tx, email);
      const locale = mailLocale(user?.locale, ctx.locale);
      if (user && (user.status === 'deactivated' || guestAccessEnded(user))) {
        await record(ctx, tx, {
          action: 'auth.blocked.deactivated',
          subjectType: 'user',
          subjectId: user.id,
          payload: { attempt: 'register' },
        });
        return null;
      }
      if (user?.role === 'guest' && !user.password_hash) {
        // Guests join only by accepting an invitation (features/guests): sign-up never claims
        // a guest's entry, nor ever makes one.
        await record(ctx, tx, {
          action: 'auth.registered',
          subjectType: 'user',
          subjectId: user.id,
          payload: { outcome: 'guest-refused' },
        });
        return null;
      }
      if (user?.status === 'active' && user.password_hash) {
        await record(ctx, tx, {
          action: 'auth.registered',
          subjectType: 'user',
          subjectId: user.id,
          payload: { outcome: 'already-registered' },
        });
        return mayMail ? alreadyRegisteredMail(ctx.config, locale, email) : null;
      }
      let userId = user?.id;
      if (!userId) {
        userId = await insertUser(tx, {
          email,
          name,
          role: 'employee',
          status: 'pending',
          passwordHash: null,
          emailVerifiedAt: null,
          source: 'self',
        });
      } else if (user?.status === 'pending') {
        // The latest sign-up of an unconfirmed address wins; its older links stop working.
        await updateUser(tx, userId, { name, name_search: name.toLowerCase() });
      }
      await deleteUnusedAuthTokens(tx, userId, 'verify_email');
      const token = newSecret();
      await insertAuthToken(tx, {
        id: hashSecret(token),
        user_id: userId,
        purpose: 'verify_email',
        password_hash: passwordHash,
        expires_at: new Date(Date.now() + verifyTtlMs).toISOString(),
      });
      await record(ctx, tx, {
        action: 'auth.registered',
        subjectType: 'user',
        subjectId: userId,
        payload: { outcome: user ? (user.status === 'pending' ? 'pending-again' : 'directory') : 'new' },
      });
      return mayMail ? verifyEmailMail(ctx.config, locale, email, token) : null;
    });

  try {
    return await attempt();
  } catch (error) {
    // Two sign-ups of one new address at once: the loser retries and finds the winner's row.
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
}

/**
 * Opens a verification link: activates a pending account (or confirms a directory entry) and
 * applies the password chosen at sign-up — but only when the person opening it types that
 * password again. Otherwise anyone could sign up with a colleague's address and a password of
 * their own, and the colleague, clicking the unexpected link, would activate an account whose
 * password the attacker knows (pre-account hijacking). Single use; 400 TOKEN_INVALID for a used,
 * expired or unknown token, and for a person deactivated in the meantime (that attempt is
 * audited); 400 VERIFY_PASSWORD_MISMATCH leaves the link usable.
 */
export async function verifyEmail(ctx: Ctx, token: string, password: string): Promise<void> {
  const id = hashSecret(token);
  // The password is checked before the transaction: argon2 must not hold the write lock.
  const pending = await findAuthToken(ctx.db, id, 'verify_email');
  if (
    pending?.password_hash &&
    !(await verifyPassword(pending.password_hash, password, ctx.config.passwordPepper))
  ) {
    throw new AppError('VERIFY_PASSWORD_MISMATCH');
  }
  const outcome = await transact(ctx, async (tx): Promise<'ok' | 'invalid'> => {
    const row = await findAuthToken(tx, id, 'verify_email');
    const now = new Date();
    if (!row || row.used_at || Date.parse(row.expires_at) <= now.getTime()) return 'invalid';
    // A newer sign-up replaced the password between the check above and now.
    if (row.password_hash !== (pending?.password_hash ?? null)) return 'invalid';
    const user = await findUserById(tx, row.user_id);
    // Guests join only by invitation; no sign-up link ever activates one.
    if (!user || user.role === 'guest') return 'invalid';
    if (user.status === 'deactivated') {
      await record(ctx, tx, {
        action: 'auth.blocked.deactivated',
        subjectType: 'user',
        subjectId: user.id,
        payload: { attempt: 'verify-email' },
      });
      return 'invalid';
    }
    if (!(await markAuthTokenUsed(tx, id, now.toISOString()))) return 'invalid';
    const at = now.toISOString();
    await updateUser(tx, user.id, {
      status: 'active',
      email_verified_at: user.email_verified_at ?? at,
      ...(row.password_hash ? { password_hash: row.password_hash, password_changed_at: at } : {}),
      failed_logins: 0,
      locked_until: null,
    });
    if (row.password_hash) await insertPasswordHistory(tx, user.id, row.password_hash);
    await deleteUnusedAuthTokens(tx, user.id, 'verify_email');
    await record(ctx, tx, {
      action: 'auth.email.verified',
      subjectType: 'user',
      subjectId: user.id,
      actorId: user.id,
    });
    return 'ok';
  });
  if (outcome === 'invalid') throw new AppError('TOKEN_INVALID');
}
