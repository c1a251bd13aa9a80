import type { Generated } from 'kysely';

/*
 * Groups, their members, join requests and invitations.
 * Part of the `Database` that schema.ts assembles; import these types from there.
 */

export type GroupVisibility = 'open' | 'closed' | 'secret';
export type GroupRole = 'admin' | 'moderator' | 'member';

export interface GroupsTable {
  id: string;
  name: string;
  name_search: string;
  /** What `@handle` mentions it by (`handleFromName`, made unique with a number). */
  handle: string;
  description: Generated<string>;
  visibility: GroupVisibility;
  /** A linked department's people are members automatically (`via_department`). */
  department_id: string | null;
  photo_key: string | null;
  member_count: Generated<number>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
  role: GroupRole;
  /** 1 when the membership follows the linked department (and ends when the person leaves it). */
  via_department: Generated<number>;
  created_at: string;
}

/** A request to join a closed group, waiting for a group admin. */
export interface GroupRequestsTable {
  group_id: string;
  user_id: string;
  message: string | null;
  created_at: string;
}

/** An invitation from a member, waiting for the invited person to accept. */
export interface GroupInvitesTable {
  group_id: string;
  user_id: string;
  invited_by: string | null;
  created_at: string;
}
