import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createDepartmentBodySchema,
  departmentIdParamsSchema,
  departmentListSchema,
  departmentSchema,
  updateDepartmentBodySchema,
} from '../../../shared/api/departments.js';
import type { App } from '../../app.js';
import {
  createDepartment,
  deleteDepartment,
  listDepartmentTree,
  updateDepartment,
} from './departments.service.js';

const tags = ['departments'];

/** Routes of the departments feature: the tree for members, its edits for admins. */
export function registerDepartmentRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/departments',
    {
      config: { access: 'employee' },
      schema: {
        tags,
        summary: 'The whole department tree as a flat list, with heads and member counts',
        response: { 200: departmentListSchema },
      },
    },
    (request) => listDepartmentTree(request.ctx),
  );

  r.post(
    '/departments',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Create a department (admins)',
        body: createDepartmentBodySchema,
        response: { 201: departmentSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createDepartment(request.ctx, request.body)),
  );

  r.patch(
    '/departments/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Rename, move or set the head of a department (admins)',
        params: departmentIdParamsSchema,
        body: updateDepartmentBodySchema,
        response: { 200: departmentSchema },
      },
    },
    (request) => updateDepartment(request.ctx, request.params.id, request.body),
  );

  r.delete(
    '/departments/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Delete an empty department (admins)',
        params: departmentIdParamsSchema,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      await deleteDepartment(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
