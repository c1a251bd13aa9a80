/**
 * The clock every guest expiry decision reads: the invitation's dates, the expiry job, the
 * acceptance checks. Tests move it with `vi.setSystemTime` (it reads `Date`) or by replacing
 * `guestClock.now`. Sessions are judged on the same `Date` (platform/auth/sessions.ts).
 */
export const guestClock = {
  now: (): Date => new Date(),
};
