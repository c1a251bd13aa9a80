import { z } from 'zod';
import { cleanLine } from '../text.js';
import { pageQuerySchema, pageSchema } from './pagination.js';
import { userRoleSchema, userStatusSchema } from './users.js';

/**
 * Contracts of sign-up, sign-in, sessions and passwords (X1, X2, R01–R14).
 *
 * Unsafe requests that authenticate by cookie send the session's CSRF token in the
 * `x-csrf-token` header; every response that opens or refreshes a session carries it as
 * `csrfToken`.
 */

/** Length limits shared by the server's validation and the web forms. */
export const authLimits = {
  /** RFC 5321: 64 for the local part, 255 for the domain, one `@`. */
  email: 320,
  name: 200,
  /** Characters (Unicode code points after NFKC) a password may have. */
  passwordMaxChars: 128,
  /** UTF-8 bytes a password may have: refused before hashing so a huge input costs nothing. */
  passwordMaxBytes: 1024,
  /** Tokens from e-mailed links are 43 base64url characters; the bound only stops junk. */
  token: 200,
} as const;

/**
 * A display name (a person's, the company's). The server stores it after the one documented
 * normalisation of names (`cleanLine` in `src/shared/text.ts`: NFC, invisible and control
 * characters removed, trimmed), so it must not be blank after that.
 */
export function nameField(max: number = authLimits.name) {
  return z
    .string()
    .max(max)
    .refine((s) => cleanLine(s).length > 0, { message: 'Must not be blank.' });
}

/** An e-mail address as typed; the server normalises and checks it (R01). */
export const emailField = z.string().min(1).max(authLimits.email);

/**
 * A password as typed. The contract bounds only the raw size; the server applies the policy
 * (length in characters after NFKC, blocklist, …) and answers with a readable reason.
 */
export const passwordField = z.string().min(1).max(authLimits.passwordMaxBytes);

const tokenField = z.string().min(1).max(authLimits.token);

/** Number of Unicode characters of a password as the policy counts them (after NFKC). */
export function passwordLength(password: string): number {
  return [...password.normalize('NFKC')].length;
}

/** The signed-in person as the web app needs them in every page. */
export const sessionUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: userRoleSchema,
  status: userStatusSchema,
  locale: z.enum(['en', 'ru']).nullable(),
  photoUrl: z.string().nullable(),
  departmentId: z.string().nullable(),
  /** The password has expired under the policy: the UI sends the person to change it. */
  mustChangePassword: z.boolean().optional(),
  /** Guests (issue 4): when their access ends; null for everyone else. */
  accessExpiresAt: z.string().nullable().optional(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/** `{ user, csrfToken }`: the answer of sign-in, setup, `GET /me` and password change. */
export const sessionResponseSchema = z.object({
  user: sessionUserSchema,
  csrfToken: z.string(),
  /** Present in the answers of `/me` routes: see `meResponseSchema`. */
  canModerate: z.boolean().optional(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

/**
 * `GET /me` (and the other `/me` answers): the session, and whether the person reviews reports
 * anywhere — platform moderators and admins, admins and moderators of at least one group — so
 * the web app knows whether to offer the moderation queue.
 */
export const meResponseSchema = sessionResponseSchema.extend({ canModerate: z.boolean() });
export type MeResponse = z.infer<typeof meResponseSchema>;

/** The same answer for every address that may register or reset, so nobody learns who exists (R02). */
export const checkEmailResponseSchema = z.object({ status: z.literal('check-email') });
export type CheckEmailResponse = z.infer<typeof checkEmailResponseSchema>;

/** `POST /api/v1/auth/register` → 202 `{ status: 'check-email' }`; 403 REGISTRATION_NOT_ALLOWED. */
export const registerBodySchema = z.strictObject({
  email: emailField,
  name: nameField(),
  password: passwordField,
});
export type RegisterBody = z.infer<typeof registerBodySchema>;

/** `POST /api/v1/auth/verify-email` → 200 `{ status: 'verified' }`; 400 TOKEN_INVALID. */
/** The password must be the one chosen at sign-up: opening a link is not enough (pre-account hijacking). */
export const verifyEmailBodySchema = z.strictObject({ token: tokenField, password: passwordField });
export type VerifyEmailBody = z.infer<typeof verifyEmailBodySchema>;
export const verifyEmailResponseSchema = z.object({ status: z.literal('verified') });

/**
 * `POST /api/v1/auth/login` → 200 `{ user, csrfToken }` and the session cookie;
 * 401 INVALID_CREDENTIALS, 423 ACCOUNT_LOCKED, 429 RATE_LIMITED (with Retry-After),
 * 403 PASSWORD_EXPIRED or USER_DEACTIVATED (only after the right password).
 */
export const loginBodySchema = z.strictObject({ email: emailField, password: passwordField });
export type LoginBody = z.infer<typeof loginBodySchema>;

/** `POST /api/v1/auth/password/forgot` → 202 `{ status: 'check-email' }` whatever the address. */
export const forgotPasswordBodySchema = z.strictObject({ email: emailField });
export type ForgotPasswordBody = z.infer<typeof forgotPasswordBodySchema>;

/**
 * `POST /api/v1/auth/password/reset` → 200 `{ status: 'password-reset' }`; ends every session of
 * the person and lifts a lockout. 400 TOKEN_INVALID or a password-policy error.
 */
export const resetPasswordBodySchema = z.strictObject({ token: tokenField, password: passwordField });
export type ResetPasswordBody = z.infer<typeof resetPasswordBodySchema>;
export const resetPasswordResponseSchema = z.object({ status: z.literal('password-reset') });

/**
 * `POST /api/v1/me/password` → 200 `{ user, csrfToken }` with a new session cookie (the session
 * is rotated); other sessions end unless `logoutOtherSessions` is false.
 * 400 CURRENT_PASSWORD_INCORRECT or a password-policy error.
 */
export const changePasswordBodySchema = z.strictObject({
  currentPassword: passwordField,
  newPassword: passwordField,
  logoutOtherSessions: z.boolean().default(true),
});
export type ChangePasswordBody = z.input<typeof changePasswordBodySchema>;

/** `PATCH /api/v1/me/locale` → 200 `{ user, csrfToken }`. */
export const changeLocaleBodySchema = z.strictObject({ locale: z.enum(['en', 'ru']) });

/** The rules a sign-up or password form shows before submitting: `GET /api/v1/auth/password-policy`. */
export const publicPasswordPolicySchema = z.object({
  minLength: z.number().int(),
  maxLength: z.number().int(),
  minLetters: z.number().int(),
  minDigits: z.number().int(),
  minSymbols: z.number().int(),
});
export type PublicPasswordPolicy = z.infer<typeof publicPasswordPolicySchema>;

/** One signed-in browser or device of the person. `id` is an opaque public id, not the cookie. */
export const sessionItemSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** This is the session the request came with. */
  current: z.boolean(),
});
export type SessionItem = z.infer<typeof sessionItemSchema>;

/** `GET /api/v1/me/sessions?limit=&cursor=` → `{ items, nextCursor }`, newest first. */
export const listSessionsQuerySchema = pageQuerySchema;
export const sessionPageSchema = pageSchema(sessionItemSchema);

/** `DELETE /api/v1/me/sessions/{id}` → 204; 404 SESSION_NOT_FOUND. Ending the current one signs out. */
export const sessionIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
