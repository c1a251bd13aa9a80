import { z } from 'zod';
import { pageQuerySchema, pageSchema } from './pagination.js';
import { refSchema, userRoleSchema, userStatusSchema } from './users.js';

/**
 * Contracts of groups (G1): open, closed (join on request) and secret (invisible to
 * non-members) groups, their members, join requests and invitations, and the link to a
 * department whose people are members automatically.
 *
 * Names and descriptions are stored as sent after the one documented normalisation
 * (`src/shared/text.ts`); rendering them safely is the web app's job.
 */

export const groupLimits = { name: 200, description: 4000, search: 200, mentionResults: 20 } as const;

export const groupVisibilities = ['open', 'closed', 'secret'] as const;
export const groupVisibilitySchema = z.enum(groupVisibilities);
export type GroupVisibility = z.infer<typeof groupVisibilitySchema>;

export const groupRoles = ['admin', 'moderator', 'member'] as const;
export const groupRoleSchema = z.enum(groupRoles);
export type GroupRole = z.infer<typeof groupRoleSchema>;

/** Where the viewer stands: a member, waiting for approval, invited, or none of these. */
export const membershipStateSchema = z.enum(['member', 'requested', 'invited', 'none']);
export type MembershipState = z.infer<typeof membershipStateSchema>;

export const groupIdParamsSchema = z.object({ id: z.uuid() });
export const groupMemberParamsSchema = z.object({ id: z.uuid(), userId: z.uuid() });

/** A group as posts, mentions and search results embed it. */
export const groupSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** What `@handle` mentions the group by. */
  handle: z.string(),
  visibility: groupVisibilitySchema,
  /** Active members. */
  memberCount: z.number().int(),
});
export type GroupSummary = z.infer<typeof groupSummarySchema>;

/** The viewer's membership: its state and, for members, their role in the group. */
export const viewerMembershipSchema = z.object({
  state: membershipStateSchema,
  role: groupRoleSchema.nullable(),
  /** True when the membership follows the linked department (it cannot be left by hand). */
  viaDepartment: z.boolean(),
});
export type ViewerMembership = z.infer<typeof viewerMembershipSchema>;

/** What the viewer may do about their own membership: what directory cards offer. */
export const groupJoinAbilitiesSchema = z.object({
  /** Join an open group at once. */
  join: z.boolean(),
  /** Ask to join a closed group. */
  requestToJoin: z.boolean(),
  /** Take back one's own pending request to join. */
  withdrawRequest: z.boolean(),
  /** Accept (or decline) a pending invitation. */
  acceptInvite: z.boolean(),
});
export type GroupJoinAbilities = z.infer<typeof groupJoinAbilitiesSchema>;

/** What the viewer may do in the group; the UI shows actions from this, never re-derives them. */
export const groupAbilitiesSchema = groupJoinAbilitiesSchema.extend({
  /** Read the group's feed. */
  read: z.boolean(),
  post: z.boolean(),
  leave: z.boolean(),
  edit: z.boolean(),
  delete: z.boolean(),
  /** Add people directly, approve requests, remove members, change roles. */
  manageMembers: z.boolean(),
  /** Hide, delete, lock and pin content in the group. */
  moderate: z.boolean(),
  /** Invite colleagues (members of an open group add them directly). */
  invite: z.boolean(),
  /** Link or unlink a department (platform administrators). */
  linkDepartment: z.boolean(),
  /** Invite external guests and withdraw their invitations (group admins and moderators, platform admins). */
  inviteGuests: z.boolean(),
});
export type GroupAbilities = z.infer<typeof groupAbilitiesSchema>;

/** A group in the directory, with what the viewer may do about joining it. */
export const groupListItemSchema = groupSummarySchema.extend({
  description: z.string(),
  department: refSchema.nullable(),
  membership: viewerMembershipSchema,
  abilities: groupJoinAbilitiesSchema,
});
export type GroupListItem = z.infer<typeof groupListItemSchema>;

/** `GET /groups/{id}`: the group's about page. */
export const groupSchema = groupListItemSchema.extend({
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Join requests waiting for approval; null unless the viewer manages members. */
  pendingRequestCount: z.number().int().nullable(),
  abilities: groupAbilitiesSchema,
});
export type Group = z.infer<typeof groupSchema>;

/** `GET /groups`: groups the viewer may know of, ordered by name. */
export const listGroupsQuerySchema = pageQuerySchema.extend({
  /** Part of the name or handle, case-insensitive (Cyrillic too). */
  q: z.string().min(1).max(groupLimits.search).optional(),
  /** Only groups the viewer is a member of. */
  mine: z.stringbool().default(false),
});
export type ListGroupsQuery = z.input<typeof listGroupsQuerySchema>;
export type ListGroupsParams = z.output<typeof listGroupsQuerySchema>;
export const groupPageSchema = pageSchema(groupListItemSchema);
export type GroupPage = z.infer<typeof groupPageSchema>;

const name = z.string().min(1).max(groupLimits.name);
const description = z.string().max(groupLimits.description);

/** `POST /groups`: linking a department is for platform administrators. */
export const createGroupBodySchema = z.strictObject({
  name,
  description: description.optional(),
  visibility: groupVisibilitySchema,
  departmentId: z.uuid().nullable().optional(),
});
export type CreateGroupBody = z.infer<typeof createGroupBodySchema>;

/** `PATCH /groups/{id}`: only the fields sent change; `departmentId: null` unlinks. */
export const updateGroupBodySchema = z
  .strictObject({ name, description, visibility: groupVisibilitySchema, departmentId: z.uuid().nullable() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change' });
export type UpdateGroupBody = z.infer<typeof updateGroupBodySchema>;

/** A person as member and request lists show them. */
export const groupPersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.string().nullable(),
  photoUrl: z.string().nullable(),
  /** Platform role: guests are marked as such in the UI. */
  platformRole: userRoleSchema,
  status: userStatusSchema,
  /** An external guest (issue 4), as every person view says it. */
  isGuest: z.boolean(),
});
export type GroupPerson = z.infer<typeof groupPersonSchema>;

/** What the viewer may do to one member. */
export const groupMemberAbilitiesSchema = z.object({
  remove: z.boolean(),
  changeRole: z.boolean(),
});

export const groupMemberSchema = z.object({
  user: groupPersonSchema,
  role: groupRoleSchema,
  viaDepartment: z.boolean(),
  joinedAt: z.string(),
  abilities: groupMemberAbilitiesSchema,
});
export type GroupMember = z.infer<typeof groupMemberSchema>;
export const groupMemberPageSchema = pageSchema(groupMemberSchema);
export type GroupMemberPage = z.infer<typeof groupMemberPageSchema>;

/** `GET /groups/{id}/members`: active members ordered by name. */
export const listGroupMembersQuerySchema = pageQuerySchema;

export const joinRequestSchema = z.object({
  user: groupPersonSchema,
  message: z.string().nullable(),
  createdAt: z.string(),
});
export type JoinRequest = z.infer<typeof joinRequestSchema>;
export const joinRequestPageSchema = pageSchema(joinRequestSchema);

/** `GET /groups/{id}/requests`: oldest first. */
export const listJoinRequestsQuerySchema = pageQuerySchema;

/** `POST /groups/{id}/join`: an optional note to the group's admins (closed groups). */
export const joinGroupBodySchema = z
  .strictObject({ message: z.string().max(groupLimits.description).optional() })
  .nullish();

/** Actions whose request is the URL alone (approve, reject, accept, decline) take no fields. */
export const noFieldsBodySchema = z.strictObject({}).nullish();

/** `POST /groups/{id}/members`. */
export const addGroupMemberBodySchema = z.strictObject({ userId: z.uuid() });

/** `PUT /groups/{id}/members/{userId}/role`. */
export const changeGroupRoleBodySchema = z.strictObject({ role: groupRoleSchema });

/** The answer of every membership action: where `userId` now stands in the group. */
export const membershipResultSchema = z.object({
  groupId: z.string(),
  userId: z.string(),
  state: membershipStateSchema,
  role: groupRoleSchema.nullable(),
  memberCount: z.number().int(),
});
export type MembershipResult = z.infer<typeof membershipResultSchema>;
