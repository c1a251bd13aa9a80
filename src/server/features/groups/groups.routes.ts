import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createGroupBodySchema,
  groupIdParamsSchema,
  groupPageSchema,
  groupSchema,
  listGroupsQuerySchema,
  updateGroupBodySchema,
} from '../../../shared/api/groups.js';
import type { App } from '../../app.js';
import { registerGroupMemberRoutes } from './group-members.routes.js';
import { createGroup, deleteGroup, getGroup, listGroups, updateGroup } from './groups.service.js';

const tags = ['groups'];

/** Routes of groups (G1): the directory, a group's about page and its edits, then membership. */
export function registerGroupRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/groups',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'Create a group; the creator becomes its admin (linking a department: platform admins)',
        body: createGroupBodySchema,
        response: { 201: groupSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createGroup(request.ctx, request.body)),
  );

  r.get(
    '/groups',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Groups the viewer may know of, by name, with their membership state',
        querystring: listGroupsQuerySchema,
        response: { 200: groupPageSchema },
      },
    },
    (request) => listGroups(request.ctx, request.query),
  );

  r.get(
    '/groups/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "A group's about page with the viewer's abilities (secret groups: members only)",
        params: groupIdParamsSchema,
        response: { 200: groupSchema },
      },
    },
    (request) => getGroup(request.ctx, request.params.id),
  );

  r.patch(
    '/groups/:id',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'Rename, describe, change the visibility or the linked department of a group',
        params: groupIdParamsSchema,
        body: updateGroupBodySchema,
        response: { 200: groupSchema },
      },
    },
    (request) => updateGroup(request.ctx, request.params.id, request.body),
  );

  r.delete(
    '/groups/:id',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'Delete a group with its posts (group admins, platform admins)',
        params: groupIdParamsSchema,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      await deleteGroup(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );

  registerGroupMemberRoutes(app);
}
