import { z } from 'zod';
import { pageQuerySchema, pageSchema } from './pagination.js';

/**
 * Contracts of the people feature (U1, U2, U4, A1): the directory, profiles, roles,
 * deactivation, photos, follows, the manager tree and skills.
 *
 * Free text is stored as sent after one documented normalisation (R32, see `src/shared/text.ts`):
 * Unicode NFC, bidi controls and invisible characters removed, control characters removed
 * (single-line fields also lose line breaks and surrounding spaces).
 */

export const userRoles = ['admin', 'moderator', 'employee', 'guest'] as const;
export const userRoleSchema = z.enum(userRoles);
export type UserRole = z.infer<typeof userRoleSchema>;

export const userStatusSchema = z.enum(['pending', 'active', 'deactivated']);
export type UserStatus = z.infer<typeof userStatusSchema>;

/**
 * How a person was deactivated: by an administrator, by a directory sync, or (`expiry`) a guest
 * whose access ended.
 */
export const deactivatedViaSchema = z.enum(['admin', 'csv', 'scim', 'ldap', 'expiry']);

/** Length limits shared by the server's validation and the web forms. */
export const peopleLimits = {
  name: 200,
  email: 254,
  position: 200,
  skill: 64,
  skills: 50,
  interest: 64,
  interests: 50,
  about: 4000,
  phone: 64,
  office: 200,
  city: 200,
  employeeId: 64,
  contactKinds: 20,
  contactValue: 200,
  search: 200,
} as const;

const isoDate = z.iso.date();
/**
 * When a guest's access ends (ISO date-time with offset): in the future and at most
 * `guestLimits.maxAccessDays` (365) days away; only for guests (400 GUEST_EXPIRY_NOT_GUEST).
 * Left out, a new guest gets `guestLimits.defaultAccessDays` (90), as invited guests do.
 */
const accessExpiresAtField = z.iso.datetime({ offset: true });
const idSchema = z.uuid();

/** `{ id }` path parameter of every `/users/{id}…` route. */
export const userIdParamsSchema = z.object({ id: idSchema });

/** Contact kind (`telegram`, `mobile`, …) → value. */
export const contactsSchema = z
  .record(z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/), z.string().max(peopleLimits.contactValue))
  .refine((c) => Object.keys(c).length <= peopleLimits.contactKinds, {
    message: `At most ${peopleLimits.contactKinds} contact kinds`,
  });

/** A reference to another object by id with its display name. */
export const refSchema = z.object({ id: z.string(), name: z.string() });

/** What the viewer may do to this person; the UI shows actions from this, never re-derives them. */
export const userAbilitiesSchema = z.object({
  /** Edit the profile fields a person keeps themselves (name, contacts, skills, …). */
  edit: z.boolean(),
  /** Edit e-mail, position, department, manager, start date and employee id (admins). */
  editOrganisation: z.boolean(),
  deactivate: z.boolean(),
  reactivate: z.boolean(),
  changeRole: z.boolean(),
  follow: z.boolean(),
});
export type UserAbilities = z.infer<typeof userAbilitiesSchema>;

/**
 * Birthday: everyone sees day and month; the year is shown only to the person and to admins.
 */
export const birthdaySchema = z.object({
  day: z.number().int(),
  month: z.number().int(),
  year: z.number().int().nullable(),
});

/** A person as listed in the directory, follower lists and the org chart. */
export const userSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  position: z.string().nullable(),
  department: refSchema.nullable(),
  city: z.string().nullable(),
  office: z.string().nullable(),
  photoUrl: z.string().nullable(),
  role: userRoleSchema,
  status: userStatusSchema,
  skills: z.array(z.string()),
  /** An external guest (issue 4): the UI marks them wherever they are shown. */
  isGuest: z.boolean(),
  /**
   * When a guest's access ends (deactivated by the expiry job from then on); shown to
   * administrators and to the guest themselves, null for everyone else and for non-guests.
   */
  accessExpiresAt: z.string().nullable(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

/** A full profile (U1). */
export const userProfileSchema = userSummarySchema.extend({
  manager: refSchema.nullable(),
  directReportsCount: z.number().int(),
  interests: z.array(z.string()),
  about: z.string().nullable(),
  phone: z.string().nullable(),
  contacts: z.record(z.string(), z.string()),
  birthday: birthdaySchema.nullable(),
  startDate: z.string().nullable(),
  /** HR employee number; visible to the person and admins only (null for others). */
  employeeId: z.string().nullable(),
  /** Whether the person has claimed the directory entry by signing up. */
  hasAccount: z.boolean(),
  /** Where the entry comes from: `manual`, `csv`, `demo`, … */
  source: z.string(),
  deactivatedVia: deactivatedViaSchema.nullable(),
  followersCount: z.number().int(),
  followingCount: z.number().int(),
  followedByMe: z.boolean(),
  createdAt: z.string(),
  abilities: userAbilitiesSchema,
});
export type UserProfile = z.infer<typeof userProfileSchema>;

/** `GET /users` — the directory: active people ordered by name. */
export const listUsersQuerySchema = pageQuerySchema.extend({
  /** Department id. */
  department: idSchema.optional(),
  /** Also people of the department's sub-departments (default false). */
  includeSubdepartments: z.stringbool().default(false),
  /** Exact skill tag, case-insensitive. */
  skill: z.string().min(1).max(peopleLimits.skill).optional(),
  /** Part of the position, case-insensitive. */
  position: z.string().min(1).max(peopleLimits.position).optional(),
  /** Part of the name or e-mail, case-insensitive (Cyrillic too). */
  q: z.string().min(1).max(peopleLimits.search).optional(),
  /** `deactivated` lists people who lost access (administrators only). Default `active`. */
  status: z.enum(['active', 'deactivated']).default('active'),
});
export type ListUsersQuery = z.input<typeof listUsersQuerySchema>;
/** The directory query after parsing (defaults applied). */
export type ListUsersParams = z.output<typeof listUsersQuerySchema>;
export const userPageSchema = pageSchema(userSummarySchema);
export type UserPage = z.infer<typeof userPageSchema>;

const nullableLine = (max: number) => z.string().max(max).nullable();

/** Fields a person edits on their own profile (admins may edit them for anyone). */
const selfFields = {
  name: z.string().min(1).max(peopleLimits.name),
  phone: nullableLine(peopleLimits.phone),
  office: nullableLine(peopleLimits.office),
  city: nullableLine(peopleLimits.city),
  birthday: isoDate.nullable(),
  about: z.string().max(peopleLimits.about).nullable(),
  interests: z.array(z.string().min(1).max(peopleLimits.interest)).max(peopleLimits.interests),
  skills: z.array(z.string().min(1).max(peopleLimits.skill)).max(peopleLimits.skills),
  contacts: contactsSchema,
};

/** Fields only admins edit: they describe the organisation, not the person. */
const organisationFields = {
  /** Checked and normalised by the server (lower case, IDNA domain), as sign-up does. */
  email: z.string().min(3).max(peopleLimits.email),
  position: nullableLine(peopleLimits.position),
  departmentId: idSchema.nullable(),
  managerId: idSchema.nullable(),
  startDate: isoDate.nullable(),
  employeeId: nullableLine(peopleLimits.employeeId),
  /** A guest's access end: set or extend it (guests only). */
  accessExpiresAt: accessExpiresAtField,
};

/** `PATCH /users/{id}`: only the fields sent change; `null` clears. */
export const updateUserBodySchema = z
  .strictObject({ ...selfFields, ...organisationFields })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change' });
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;
/** The keys of PATCH that only admins may send. */
export const organisationFieldNames = Object.keys(organisationFields) as (keyof typeof organisationFields)[];

/** `POST /users`: an admin adds a person to the directory; they claim it by signing up. */
export const createUserBodySchema = z.strictObject({
  email: organisationFields.email,
  name: selfFields.name,
  role: userRoleSchema.default('employee'),
  position: organisationFields.position.optional(),
  departmentId: organisationFields.departmentId.optional(),
  managerId: organisationFields.managerId.optional(),
  startDate: organisationFields.startDate.optional(),
  employeeId: organisationFields.employeeId.optional(),
  phone: selfFields.phone.optional(),
  office: selfFields.office.optional(),
  city: selfFields.city.optional(),
  birthday: selfFields.birthday.optional(),
  skills: selfFields.skills.optional(),
  /** With role `guest` only; default now + 90 days. */
  accessExpiresAt: accessExpiresAtField.optional(),
});
export type CreateUserBody = z.input<typeof createUserBodySchema>;

/**
 * `PUT /users/{id}/role`. Becoming a guest sets the access end (`accessExpiresAt`, default now +
 * 90 days; with role `guest` only); a guest given another role loses it.
 */
export const changeRoleBodySchema = z.strictObject({
  role: userRoleSchema,
  accessExpiresAt: accessExpiresAtField.optional(),
});
export type ChangeRoleBody = z.infer<typeof changeRoleBodySchema>;

/** `PUT /users/{id}/photo` answer (body: the raw JPEG, PNG or WebP bytes, ≤ 5 MB). */
export const photoResponseSchema = z.object({ photoUrl: z.string() });
export const photoLimits = {
  maxBytes: 5 * 1024 * 1024,
  types: ['image/jpeg', 'image/png', 'image/webp'],
} as const;

/** `POST|DELETE /users/{id}/follow` answer. */
export const followResponseSchema = z.object({ followedByMe: z.boolean(), followersCount: z.number().int() });

/** A node of the manager tree: a person and how many people report to them directly. */
export const orgNodeSchema = z.object({ user: userSummarySchema, reportsCount: z.number().int() });
export type OrgNode = z.infer<typeof orgNodeSchema>;
export const orgNodePageSchema = pageSchema(orgNodeSchema);

/** `GET /org-chart/managers?rootId=`: people without a manager, or rootId's direct reports. */
export const orgChartQuerySchema = pageQuerySchema.extend({ rootId: idSchema.optional() });

/** `GET /users/{id}/followers|following|reports` paging. */
export const userListQuerySchema = pageQuerySchema;

/** `GET /skills?q=` — autocomplete: the most common skills starting with `q`. */
export const skillsQuerySchema = z.object({
  q: z.string().max(peopleLimits.skill).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export const skillsResponseSchema = z.object({
  items: z.array(z.object({ skill: z.string(), count: z.number().int() })),
});
