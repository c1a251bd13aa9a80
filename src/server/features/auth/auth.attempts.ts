import { type Ctx, record } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { type RateLimiter, rateLimited } from '../../platform/http/rate-limit.js';
import { authRules } from './auth.limits.js';
import { type FailureState, judgeAttempt, retryDelayMs } from './auth.lockout.js';
import { type AuthUser, reservePasswordAttempt, updateUser } from './auth.queries.js';

/**
 * Password attempts against one account, known or not (R02, R08). The failure state comes from
 * the person's row or, for an address nobody has, from the rate limiter; both are judged and
 * advanced by the same rules, so the answers cannot tell them apart. Each attempt is counted
 * as a failure before the password is evaluated (a right password then clears the count), which
 * keeps the lockout exact even when guesses arrive in parallel.
 */

const unknownRule = authRules.unknownAccountFailures;

/** Who is being guessed at: a person, or an address nobody has. */
export interface AttemptTarget {
  user: AuthUser | undefined;
  email: string;
  threshold: number;
}

async function failureStateOf(target: AttemptTarget, limiter: RateLimiter): Promise<FailureState> {
  if (target.user) {
    return {
      failures: target.user.failed_logins,
      nextAttemptAt: target.user.locked_until ? Date.parse(target.user.locked_until) : null,
    };
  }
  const window = await limiter.peek(unknownRule, target.email);
  return {
    failures: window.count,
    nextAttemptAt: window.newest === null ? null : window.newest + retryDelayMs(window.count),
  };
}

/**
 * Admits one password attempt or refuses it before the password is looked at: 423 at the
 * lockout threshold (the password is never evaluated again until a reset), 429 with
 * Retry-After during a back-off delay. Returns the failure count this attempt will have if the
 * password turns out wrong.
 */
export async function admitAttempt(ctx: Ctx, limiter: RateLimiter, target: AttemptTarget): Promise<number> {
  const verdict = judgeAttempt(await failureStateOf(target, limiter), target.threshold, Date.now());
  if (verdict.kind === 'locked') throw new AppError('ACCOUNT_LOCKED');
  if (verdict.kind === 'wait') throw rateLimited(verdict.retryAfterMs);
  if (target.user) {
    const failures = await reservePasswordAttempt(ctx.db, target.user.id, target.threshold);
    if (failures === null) throw new AppError('ACCOUNT_LOCKED');
    return failures;
  }
  const key = `${unknownRule.name}:${target.email}`;
  const taken = await limiter.store.take(key, Date.now(), unknownRule.windowMs, target.threshold);
  if (!taken.admitted) throw new AppError('ACCOUNT_LOCKED');
  return taken.count;
}

/**
 * Records a wrong password inside `tx`: the back-off delay on the person's row, and
 * `auth.login.failed` (plus `auth.locked` when this failure reached the threshold). For an
 * unknown address the limiter already holds the count; the ledger entry is written all the same.
 */
export async function recordFailedAttempt(
  ctx: Ctx,
  tx: Tx,
  target: AttemptTarget & { failures: number; attempt: 'login' | 'password-change' },
): Promise<void> {
  const { user, email, failures, threshold, attempt } = target;
  if (!user) {
    await record(ctx, tx, {
      action: 'auth.login.failed',
      subjectType: 'user',
      subjectId: null,
      payload: { email, attempt },
    });
    return;
  }
  await updateUser(tx, user.id, {
    locked_until: new Date(Date.now() + retryDelayMs(failures)).toISOString(),
  });
  await record(ctx, tx, {
    action: 'auth.login.failed',
    subjectType: 'user',
    subjectId: user.id,
    payload: { attempt, failures },
  });
  if (failures >= threshold) {
    await record(ctx, tx, {
      action: 'auth.locked',
      subjectType: 'user',
      subjectId: user.id,
      payload: { failures },
    });
  }
}

/** A right password: the consecutive-failure count starts over. */
export function clearFailures(tx: Tx, userId: string): Promise<void> {
  return updateUser(tx, userId, { failed_logins: 0, locked_until: null });
}
