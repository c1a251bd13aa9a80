import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changeRoleBodySchema,
  createUserBodySchema,
  listUsersQuerySchema,
  orgChartQuerySchema,
  orgNodePageSchema,
  skillsQuerySchema,
  skillsResponseSchema,
  updateUserBodySchema,
  userIdParamsSchema,
  userListQuerySchema,
  userPageSchema,
  userProfileSchema,
} from '../../../shared/api/users.js';
import type { App } from '../../app.js';
import { listOrgLevel } from './org-chart.service.js';
import { registerFollowRoutes } from './user-follows.routes.js';
import { registerPhotoRoutes } from './user-photos.routes.js';
import { suggestSkills } from './user-skills.service.js';
import {
  changeUserRole,
  createUser,
  deactivateUser,
  endSessionsOfPerson,
  getUserProfile,
  listDirectory,
  reactivateUser,
  updateUser,
} from './users.service.js';

const tags = ['people'];

/** Routes of the people feature: directory, profiles, roles, deactivation, org chart, skills. */
export function registerUserRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/users',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'The directory: active people by name, filtered by department, skill, position and text',
        querystring: listUsersQuerySchema,
        response: { 200: userPageSchema },
      },
    },
    (request) => listDirectory(request.ctx, request.query),
  );

  r.post(
    '/users',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Add a person to the directory (admins); they claim the entry by signing up',
        body: createUserBodySchema,
        response: { 201: userProfileSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createUser(request.ctx, request.body)),
  );

  r.get(
    '/users/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "A person's profile",
        params: userIdParamsSchema,
        response: { 200: userProfileSchema },
      },
    },
    (request) => getUserProfile(request.ctx, request.params.id),
  );

  r.patch(
    '/users/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Edit a profile: one’s own fields, or anything (admins)',
        params: userIdParamsSchema,
        body: updateUserBodySchema,
        response: { 200: userProfileSchema },
      },
    },
    (request) => updateUser(request.ctx, request.params.id, request.body),
  );

  r.post(
    '/users/:id/deactivate',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Deactivate a person and end their sessions (admins)',
        params: userIdParamsSchema,
        response: { 200: userProfileSchema },
      },
    },
    (request) => deactivateUser(request.ctx, request.params.id),
  );

  r.post(
    '/users/:id/reactivate',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Reactivate a deactivated person (admins)',
        params: userIdParamsSchema,
        response: { 200: userProfileSchema },
      },
    },
    (request) => reactivateUser(request.ctx, request.params.id),
  );

  r.delete(
    '/users/:id/sessions',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'End every session of a person, signing them out everywhere (admins)',
        params: userIdParamsSchema,
        response: { 200: z.object({ ended: z.number().int() }) },
      },
    },
    (request) => endSessionsOfPerson(request.ctx, request.params.id),
  );

  r.put(
    '/users/:id/role',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: "Grant or revoke a role (admins; never one's own); a guest's access end with role guest",
        params: userIdParamsSchema,
        body: changeRoleBodySchema,
        response: { 200: userProfileSchema },
      },
    },
    (request) => changeUserRole(request.ctx, request.params.id, request.body),
  );

  r.get(
    '/users/:id/reports',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: "A person's direct reports, with their own report counts",
        params: userIdParamsSchema,
        querystring: userListQuerySchema,
        response: { 200: orgNodePageSchema },
      },
    },
    (request) => listOrgLevel(request.ctx, request.params.id, request.query),
  );

  r.get(
    '/org-chart/managers',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'The manager tree, one level at a time: the top (no manager) or the reports of rootId',
        querystring: orgChartQuerySchema,
        response: { 200: orgNodePageSchema },
      },
    },
    (request) => listOrgLevel(request.ctx, request.query.rootId ?? null, request.query),
  );

  r.get(
    '/skills',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'Skill autocomplete: the most common skills starting with q',
        querystring: skillsQuerySchema,
        response: { 200: skillsResponseSchema },
      },
    },
    (request) => suggestSkills(request.ctx, request.query.q, request.query.limit),
  );

  registerFollowRoutes(app);
  registerPhotoRoutes(app);
}
