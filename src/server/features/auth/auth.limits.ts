import type { RateRule } from '../../platform/http/rate-limit.js';

const minute = 60_000;
const hour = 60 * minute;

/**
 * Rate limits of the sign-in endpoints (R08, R44). Per client address they stop spraying and
 * floods with a 429; per account they are silent (the answer stays the same, only the e-mail is
 * not sent again), so they reveal nothing about which addresses exist.
 */
export const authRules = {
  /** Every sign-in attempt from one address (a whole office behind one NAT stays well below). */
  loginPerIp: { name: 'login-ip', limit: 100, windowMs: 10 * minute },
  /** Failed sign-ins from one address: password spraying across many accounts. */
  loginFailuresPerIp: { name: 'login-failed-ip', limit: 50, windowMs: 15 * minute },
  /**
   * Failed sign-ins for an address nobody has: kept like a real account's counter so an
   * unknown address shows the same delays and lockout as a known one (R02, R08).
   */
  unknownAccountFailures: { name: 'login-failed-unknown', limit: 100, windowMs: 365 * 24 * hour },
  registerPerIp: { name: 'register-ip', limit: 20, windowMs: hour },
  registerMailPerAccount: { name: 'register-mail', limit: 3, windowMs: hour },
  verifyPerIp: { name: 'verify-ip', limit: 30, windowMs: hour },
  forgotPerIp: { name: 'forgot-ip', limit: 20, windowMs: hour },
  forgotMailPerAccount: { name: 'forgot-mail', limit: 3, windowMs: hour },
  resetPerIp: { name: 'reset-ip', limit: 30, windowMs: hour },
  changePasswordPerUser: { name: 'password-change', limit: 10, windowMs: 15 * minute },
  setupPerIp: { name: 'setup-ip', limit: 10, windowMs: hour },
} as const satisfies Record<string, RateRule>;
