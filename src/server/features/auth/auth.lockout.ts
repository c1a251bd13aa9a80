/**
 * Online-guessing limits per account (R08): after a few consecutive failures each further
 * attempt must wait longer (1 s, 2 s, 4 s, … up to 15 min); at the policy's threshold the
 * password is no longer checked at all until a reset by e-mail. The same rules apply to an
 * address nobody has, from counters kept in the rate limiter, so the two cannot be told apart.
 */

/** Failures allowed before any delay: typos should not cost a wait. */
const freeFailures = 4;
const maxDelayMs = 15 * 60_000;

/** How long to wait after the `failures`-th consecutive failure before the next attempt. */
export function retryDelayMs(failures: number): number {
  if (failures <= freeFailures) return 0;
  return Math.min(1000 * 2 ** (failures - freeFailures - 1), maxDelayMs);
}

/** An account's failure state, from the database or from the limiter. */
export interface FailureState {
  failures: number;
  /** When the next attempt may come, ms since the epoch; null when at once. */
  nextAttemptAt: number | null;
}

/** What to do with an attempt before looking at the password. */
export type AttemptVerdict =
  | { kind: 'locked' }
  | { kind: 'wait'; retryAfterMs: number }
  | { kind: 'evaluate' };

/** Locked at the threshold (the password is never evaluated); waiting during a delay; else evaluate. */
export function judgeAttempt(state: FailureState, threshold: number, now: number): AttemptVerdict {
  if (state.failures >= threshold) return { kind: 'locked' };
  if (state.nextAttemptAt !== null && now < state.nextAttemptAt) {
    return { kind: 'wait', retryAfterMs: state.nextAttemptAt - now };
  }
  return { kind: 'evaluate' };
}
