import type {
  Group,
  GroupAbilities,
  GroupJoinAbilities,
  GroupListItem,
  GroupMember,
  GroupPerson,
  GroupSummary,
  JoinRequest,
  ViewerMembership,
} from '../../../shared/api/groups.js';
import { photoUrlOf } from '../users/users.presenter.js';
import type { GroupPersonRow, MemberRow, RequestRow } from './group-members.queries.js';
import type { GroupStanding } from './groups.policy.js';
import type { GroupRecord, GroupRow } from './groups.queries.js';

/** A group as posts, mentions and search results embed it. */
export function presentGroupSummary(
  row: Pick<GroupRecord, 'id' | 'name' | 'handle' | 'visibility' | 'member_count'>,
): GroupSummary {
  return {
    id: row.id,
    name: row.name,
    handle: row.handle,
    visibility: row.visibility,
    memberCount: Number(row.member_count),
  };
}

/** Where the viewer of `row` stands, as the policy reads it. */
export function standingOf(row: GroupRow): GroupStanding {
  return {
    visibility: row.visibility,
    viewerRole: row.viewer_role,
    viaDepartment: Number(row.viewer_via_department ?? 0) === 1,
    requested: Number(row.viewer_requested) === 1,
    invited: Number(row.viewer_invited) === 1,
  };
}

function membershipOf(row: GroupRow): ViewerMembership {
  const g = standingOf(row);
  const state = g.viewerRole ? 'member' : g.invited ? 'invited' : g.requested ? 'requested' : 'none';
  return { state, role: g.viewerRole, viaDepartment: g.viaDepartment };
}

/** A group in the directory, with the viewer's joining abilities (groupJoinAbilities). */
export function presentGroupListItem(row: GroupRow, abilities: GroupJoinAbilities): GroupListItem {
  return {
    ...presentGroupSummary(row),
    description: row.description,
    department:
      row.department_id && row.department_name ? { id: row.department_id, name: row.department_name } : null,
    membership: membershipOf(row),
    abilities,
  };
}

/** The group's about page for its viewer. */
export function presentGroup(
  row: GroupRow,
  abilities: GroupAbilities,
  pendingRequestCount: number | null,
): Group {
  return {
    ...presentGroupListItem(row, abilities),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    pendingRequestCount,
    abilities,
  };
}

function presentPerson(row: GroupPersonRow): GroupPerson {
  return {
    id: row.user_id,
    name: row.name,
    position: row.position,
    photoUrl: photoUrlOf({ id: row.user_id, photo_key: row.photo_key }),
    platformRole: row.platform_role,
    status: row.status,
    isGuest: row.platform_role === 'guest',
  };
}

export function presentGroupMember(row: MemberRow, abilities: GroupMember['abilities']): GroupMember {
  return {
    user: presentPerson(row),
    role: row.role,
    viaDepartment: Number(row.via_department) === 1,
    joinedAt: row.created_at,
    abilities,
  };
}

export function presentJoinRequest(row: RequestRow): JoinRequest {
  return { user: presentPerson(row), message: row.message, createdAt: row.created_at };
}
