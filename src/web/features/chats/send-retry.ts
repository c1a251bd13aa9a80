/**
 * When a message the server refused for now is sent again. A `nack` with 429 (this socket sends
 * too fast) or 503 (the database is busy or away) says nothing about the message itself: the
 * composer keeps it as "sending" and tries again after a jittered, doubling wait — so that a
 * whole office whose sends were refused together does not retry in step — and shows it as failed
 * only after `maxAttempts`. Any other refusal (not a member, empty, too long) is final.
 */
export const maxAttempts = 6;
const firstWaitMs = 500;
const longestWaitMs = 10_000;

/** Milliseconds to wait before attempt `attempt + 1` (attempt counts from 1), or null: give up. */
export function retryDelayMs(
  status: number,
  attempt: number,
  random: () => number = Math.random,
): number | null {
  if (status !== 429 && status !== 503) return null;
  if (attempt >= maxAttempts) return null;
  const ceiling = Math.min(longestWaitMs, firstWaitMs * 2 ** (attempt - 1));
  // Between half the ceiling and all of it.
  return Math.round(ceiling * (0.5 + random() / 2));
}
