import type { Generated } from 'kysely';

/**
 * The database as Kysely sees it. Conventions that hold on both SQLite and PostgreSQL:
 * ids are UUIDv7 text (time-ordered, so they double as a stable sort key); times are ISO-8601
 * UTC text (`2026-11-28T16:00:00.000Z`), which sorts correctly as text on both engines; flags
 * are small integers; lists and objects that are never filtered on are JSON text.
 */
export interface Database {
  settings: SettingsTable;
  departments: DepartmentsTable;
  users: UsersTable;
  user_skills: UserSkillsTable;
  password_history: PasswordHistoryTable;
  sessions: SessionsTable;
  auth_tokens: AuthTokensTable;
  follows: FollowsTable;
  ledger: LedgerTable;
  ledger_head: LedgerHeadTable;
  ledger_checkpoints: LedgerCheckpointsTable;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface DepartmentsTable {
  id: string;
  name: string;
  name_search: string;
  parent_id: string | null;
  head_user_id: string | null;
  external_id: string | null;
  created_at: string;
  updated_at: string;
}

export type UserRole = 'admin' | 'moderator' | 'employee' | 'guest';
export type UserStatus = 'pending' | 'active' | 'deactivated';

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  name_search: string;
  password_hash: string | null;
  password_changed_at: string | null;
  role: UserRole;
  status: UserStatus;
  /** Who or what deactivated the person: 'admin' | 'csv' | 'scim' | 'ldap'. */
  deactivated_via: string | null;
  deactivated_at: string | null;
  email_verified_at: string | null;
  position: string | null;
  position_search: string | null;
  department_id: string | null;
  manager_id: string | null;
  phone: string | null;
  office: string | null;
  city: string | null;
  birthday: string | null;
  start_date: string | null;
  about: string | null;
  /** JSON array of strings. */
  interests: string;
  /** JSON object of contact kind → value (telegram, mobile, ...). */
  contacts: string;
  photo_key: string | null;
  locale: string | null;
  external_id: string | null;
  source: string;
  failed_logins: Generated<number>;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserSkillsTable {
  user_id: string;
  skill: string;
  skill_key: string;
}

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

export interface FollowsTable {
  follower_id: string;
  followee_id: string;
  created_at: string;
}

export interface LedgerTable {
  seq: number;
  ts: string;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  /** Canonical JSON of the entry's details (for content: the full version). */
  payload: string;
  prev_hash: string;
  hash: string;
}

export interface LedgerHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface LedgerCheckpointsTable {
  seq: number;
  head_hash: string;
  signed_at: string;
  public_key: string;
  signature: string;
}
