/*
 * Sign-in: sessions, e-mailed tokens and the password history that forbids reuse.
 * Part of the `Database` that schema.ts assembles; import these types from there.
 */

export interface PasswordHistoryTable {
  id: string;
  user_id: string;
  password_hash: string;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value: a stolen database does not yield usable cookies. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export type AuthTokenPurpose = 'verify_email' | 'reset_password';

export interface AuthTokensTable {
  /** SHA-256 of the token sent by e-mail. */
  id: string;
  user_id: string;
  purpose: AuthTokenPurpose;
  /** Sign-up: the chosen password's hash, applied when the e-mail is verified (0002_auth). */
  password_hash: string | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}
