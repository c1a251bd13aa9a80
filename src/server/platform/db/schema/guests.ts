/*
 * Guests (issue 4, 0006_guests): invitations of external people into groups.
 * Part of the `Database` that schema.ts assembles; import these types from there.
 */

/**
 * An invitation of an external person into groups. Only the SHA-256 of the e-mailed token is
 * kept. Pending while not accepted, not revoked and `invite_expires_at` is ahead.
 */
export interface GuestInvitationsTable {
  id: string;
  /** Normalised (lower case, ASCII domain). */
  email: string;
  inviter_id: string | null;
  token_hash: string;
  /** When the guest's access ends once they accept. */
  expires_at: string;
  /** When the link stops working (14 days, never past `expires_at`). */
  invite_expires_at: string;
  accepted_at: string | null;
  /** The guest account it was accepted into. */
  user_id: string | null;
  revoked_at: string | null;
  created_at: string;
}

export interface GuestInvitationGroupsTable {
  invitation_id: string;
  group_id: string;
}
