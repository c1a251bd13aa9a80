import type { Generated } from 'kysely';

/*
 * People and the organisation: departments, accounts, skills and who follows whom.
 * Part of the `Database` that schema.ts assembles; import these types from there.
 */

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
  /** Guests (0006_guests): when their access ends, to the second; null for everyone else. */
  access_expires_at: Generated<string | null>;
  /** Presence (0007_chats): when the person was last connected; shown unless hidden. */
  last_seen_at: Generated<string | null>;
  presence_hidden: Generated<number>;
}

export interface UserSkillsTable {
  user_id: string;
  skill: string;
  skill_key: string;
}

export interface FollowsTable {
  follower_id: string;
  followee_id: string;
  created_at: string;
}
