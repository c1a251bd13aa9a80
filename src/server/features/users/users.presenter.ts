import type { OrgNode, UserProfile, UserSummary } from '../../../shared/api/users.js';
import type { Actor } from '../../platform/context.js';
import { personFieldsOf } from './user-fields.js';
import { canManageUsers, userAbilities } from './users.policy.js';
import type { UserRow } from './users.queries.js';

/** Where a person's photo is served; the version busts caches when the photo changes. */
export function photoUrlOf(row: Pick<UserRow, 'id' | 'photo_key'>): string | null {
  return row.photo_key ? `/api/v1/users/${row.id}/photo?v=${row.photo_key.slice(0, 16)}` : null;
}

/**
 * A person as lists show them. A guest's access end is for administrators and the guest
 * (`viewer`; lists that pass none show it to nobody).
 */
export function presentUserSummary(row: UserRow, skills: string[], viewer: Actor | null = null): UserSummary {
  const privileged = viewer !== null && (viewer.id === row.id || canManageUsers(viewer));
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    position: row.position,
    department:
      row.department_id && row.department_name ? { id: row.department_id, name: row.department_name } : null,
    city: row.city,
    office: row.office,
    photoUrl: photoUrlOf(row),
    role: row.role,
    status: row.status,
    skills,
    isGuest: row.role === 'guest',
    accessExpiresAt: privileged && row.role === 'guest' ? row.access_expires_at : null,
  };
}

/** A manager-tree node. */
export function presentOrgNode(row: UserRow, skills: string[], reportsCount: number): OrgNode {
  return { user: presentUserSummary(row, skills), reportsCount };
}

/** What a profile adds to the row: counts and relations loaded by the service. */
export interface ProfileExtras {
  skills: string[];
  manager: { id: string; name: string } | null;
  directReportsCount: number;
  followersCount: number;
  followingCount: number;
  followedByMe: boolean;
}

/**
 * A full profile for `viewer`. The birth year, the employee number and how a person was
 * deactivated are shown only to the person and to admins; day and month of the birthday to all
 * members, since colleagues congratulate each other.
 */
export function presentUserProfile(row: UserRow, extras: ProfileExtras, viewer: Actor | null): UserProfile {
  const fields = personFieldsOf(row, extras.skills);
  const privileged = viewer !== null && (viewer.id === row.id || canManageUsers(viewer));
  const [year, month, day] = (row.birthday ?? '').split('-').map(Number);
  return {
    ...presentUserSummary(row, extras.skills, viewer),
    manager: extras.manager,
    directReportsCount: extras.directReportsCount,
    interests: fields.interests,
    about: row.about,
    phone: row.phone,
    contacts: fields.contacts,
    birthday: row.birthday && year && month && day ? { day, month, year: privileged ? year : null } : null,
    startDate: row.start_date,
    employeeId: privileged ? row.external_id : null,
    hasAccount: row.password_hash !== null,
    source: row.source,
    deactivatedVia: privileged ? (row.deactivated_via as UserProfile['deactivatedVia']) : null,
    followersCount: extras.followersCount,
    followingCount: extras.followingCount,
    followedByMe: extras.followedByMe,
    createdAt: row.created_at,
    abilities: userAbilities(viewer, row),
  };
}
