import type { GroupGuest, GuestInvitation } from '../../../shared/api/guests.js';
import { photoUrlOf } from '../users/users.presenter.js';
import { accessEnded, invitationStatus } from './guests.policy.js';
import type { GroupGuestRow, InvitationWithInviter } from './guests.queries.js';

/** An invitation as the group's inviters see it. */
export function presentInvitation(
  row: InvitationWithInviter,
  now: Date,
  abilities: GuestInvitation['abilities'],
): GuestInvitation {
  return {
    id: row.id,
    email: row.email,
    status: invitationStatus(row, now),
    invitedBy:
      row.inviter_id && row.inviter_name !== null ? { id: row.inviter_id, name: row.inviter_name } : null,
    accessExpiresAt: row.expires_at,
    linkExpiresAt: row.invite_expires_at,
    createdAt: row.created_at,
    abilities,
  };
}

/** A guest member of a group as its inviters see them. */
export function presentGroupGuest(row: GroupGuestRow, now: Date): GroupGuest {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    photoUrl: photoUrlOf(row),
    status: row.status,
    accessExpiresAt: row.access_expires_at,
    expired: accessEnded(row, now),
    isGuest: true,
    joinedAt: row.joined_at,
  };
}
