import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  addGroupMemberBodySchema,
  changeGroupRoleBodySchema,
  groupIdParamsSchema,
  groupMemberPageSchema,
  groupMemberParamsSchema,
  joinGroupBodySchema,
  joinRequestPageSchema,
  listGroupMembersQuerySchema,
  listJoinRequestsQuerySchema,
  membershipResultSchema,
  noFieldsBodySchema,
} from '../../../shared/api/groups.js';
import type { App } from '../../app.js';
import {
  addGroupMember,
  changeGroupMemberRole,
  joinGroup,
  listGroupMembers,
  removeGroupMember,
} from './group-members.service.js';
import {
  acceptGroupInvite,
  approveJoinRequest,
  declineGroupInvite,
  listJoinRequests,
  rejectJoinRequest,
  withdrawJoinRequest,
} from './group-requests.service.js';

const tags = ['groups'];
const result = { 200: membershipResultSchema };

/** Membership routes: join, requests, invitations, members and their roles. */
export function registerGroupMemberRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/groups/:id/join',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'Join an open group, or ask to join a closed one (its admins are notified)',
        params: groupIdParamsSchema,
        body: joinGroupBodySchema,
        response: result,
      },
    },
    (request) => joinGroup(request.ctx, request.params.id, request.body?.message),
  );

  r.delete(
    '/groups/:id/join',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'Withdraw your own pending request to join a closed group',
        params: groupIdParamsSchema,
        response: result,
      },
    },
    (request) => withdrawJoinRequest(request.ctx, request.params.id),
  );

  r.get(
    '/groups/:id/requests',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'Requests to join a closed group, oldest first (group admins)',
        params: groupIdParamsSchema,
        querystring: listJoinRequestsQuerySchema,
        response: { 200: joinRequestPageSchema },
      },
    },
    (request) => listJoinRequests(request.ctx, request.params.id, request.query),
  );

  r.post(
    '/groups/:id/requests/:userId/approve',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'Approve a request to join (group admins)',
        body: noFieldsBodySchema,
        params: groupMemberParamsSchema,
        response: result,
      },
    },
    (request) => approveJoinRequest(request.ctx, request.params.id, request.params.userId),
  );

  r.post(
    '/groups/:id/requests/:userId/reject',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'Reject a request to join (group admins)',
        body: noFieldsBodySchema,
        params: groupMemberParamsSchema,
        response: result,
      },
    },
    (request) => rejectJoinRequest(request.ctx, request.params.id, request.params.userId),
  );

  r.post(
    '/groups/:id/invite/accept',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'Accept an invitation to a group',
        body: noFieldsBodySchema,
        params: groupIdParamsSchema,
        response: result,
      },
    },
    (request) => acceptGroupInvite(request.ctx, request.params.id),
  );

  r.post(
    '/groups/:id/invite/decline',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'Decline an invitation to a group',
        body: noFieldsBodySchema,
        params: groupIdParamsSchema,
        response: result,
      },
    },
    (request) => declineGroupInvite(request.ctx, request.params.id),
  );

  r.get(
    '/groups/:id/members',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "A group's active members by name",
        params: groupIdParamsSchema,
        querystring: listGroupMembersQuerySchema,
        response: { 200: groupMemberPageSchema },
      },
    },
    (request) => listGroupMembers(request.ctx, request.params.id, request.query),
  );

  r.post(
    '/groups/:id/members',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'Add a person (group admins; members of open groups) or invite them',
        params: groupIdParamsSchema,
        body: addGroupMemberBodySchema,
        response: result,
      },
    },
    (request) => addGroupMember(request.ctx, request.params.id, request.body.userId),
  );

  r.delete(
    '/groups/:id/members/:userId',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Leave a group, or remove a member (group admins)',
        params: groupMemberParamsSchema,
        response: result,
      },
    },
    (request) => removeGroupMember(request.ctx, request.params.id, request.params.userId),
  );

  r.put(
    '/groups/:id/members/:userId/role',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: "Change a member's role in the group (group admins)",
        params: groupMemberParamsSchema,
        body: changeGroupRoleBodySchema,
        response: result,
      },
    },
    (request) =>
      changeGroupMemberRole(request.ctx, request.params.id, request.params.userId, request.body.role),
  );
}
