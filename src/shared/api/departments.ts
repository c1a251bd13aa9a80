import { z } from 'zod';
import { refSchema } from './users.js';

/** Contracts of the department tree (U1, U2 org chart). Writes are for admins; guests see nothing (R22). */

export const departmentLimits = { name: 200 } as const;

/** What the viewer may do to a department. */
export const departmentAbilitiesSchema = z.object({
  edit: z.boolean(),
  /** True only when the department is empty: no people and no sub-departments. */
  delete: z.boolean(),
});

export const departmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  headId: z.string().nullable(),
  head: refSchema.nullable(),
  /** Active people directly in this department. */
  memberCount: z.number().int(),
  /** Active people in this department and all its sub-departments. */
  totalMemberCount: z.number().int(),
  childCount: z.number().int(),
  abilities: departmentAbilitiesSchema,
});
export type Department = z.infer<typeof departmentSchema>;

/** `GET /departments`: the whole tree as a flat list ordered by name; build the tree by parentId. */
export const departmentListSchema = z.object({
  items: z.array(departmentSchema),
  abilities: z.object({ create: z.boolean() }),
});
export type DepartmentList = z.infer<typeof departmentListSchema>;

export const departmentIdParamsSchema = z.object({ id: z.uuid() });

const name = z.string().min(1).max(departmentLimits.name);

/** `POST /departments`. Names are unique among siblings. */
export const createDepartmentBodySchema = z.strictObject({
  name,
  parentId: z.uuid().nullable().optional(),
  headId: z.uuid().nullable().optional(),
});
export type CreateDepartmentBody = z.infer<typeof createDepartmentBodySchema>;

/** `PATCH /departments/{id}`: rename, move (never under itself), set or clear the head. */
export const updateDepartmentBodySchema = z
  .strictObject({ name, parentId: z.uuid().nullable(), headId: z.uuid().nullable() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change' });
export type UpdateDepartmentBody = z.infer<typeof updateDepartmentBodySchema>;
