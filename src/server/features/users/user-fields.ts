import type { Updateable } from 'kysely';
import { cleanLine, cleanText, searchKey } from '../../../shared/text.js';
import { normalizeEmail } from '../../platform/auth/email.js';
import type { UsersTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import type { UserRow } from './users.queries.js';

/**
 * A person's fields in their stored form: normalised text (R32), e-mail lower-cased, dates as
 * `YYYY-MM-DD`, skills de-duplicated by their lower-cased key. The users, import and seed
 * services all write through this shape, so the same input always stores the same way.
 */
export interface PersonFields {
  email: string;
  name: string;
  position: string | null;
  departmentId: string | null;
  managerId: string | null;
  phone: string | null;
  office: string | null;
  city: string | null;
  birthday: string | null;
  startDate: string | null;
  about: string | null;
  interests: string[];
  contacts: Record<string, string>;
  skills: string[];
  employeeId: string | null;
}

/** Every field name of PersonFields, in a stable order for diffs. */
export const personFieldNames: (keyof PersonFields)[] = [
  'email',
  'name',
  'position',
  'departmentId',
  'managerId',
  'phone',
  'office',
  'city',
  'birthday',
  'startDate',
  'about',
  'interests',
  'contacts',
  'skills',
  'employeeId',
];

/**
 * E-mail addresses are stored in the one canonical form sign-up compares with (lower case,
 * ASCII domain), so the entry an admin or an import creates is the one its owner claims.
 * 400 EMAIL_INVALID for anything that is not an address.
 */
export function normaliseEmail(email: string): string {
  const normalised = normalizeEmail(email);
  if (!normalised) throw new AppError('EMAIL_INVALID');
  return normalised;
}

/** A required single-line name; 400 NAME_EMPTY if nothing visible is left. */
export function normaliseName(name: string): string {
  const clean = cleanLine(name);
  if (clean.length === 0) throw new AppError('NAME_EMPTY');
  return clean;
}

/** An optional single-line value: empty after cleaning means "not set". */
export function optionalLine(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const clean = cleanLine(value);
  return clean.length > 0 ? clean : null;
}

/** Optional multi-line text. */
export function optionalText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const clean = cleanText(value);
  return clean.trim().length > 0 ? clean : null;
}

/** Tags (skills, interests): cleaned, empty ones dropped, the first spelling of each key kept. */
export function normaliseTags(values: string[], max: number): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const value of values) {
    const clean = cleanLine(value);
    const key = clean.toLowerCase();
    if (!clean || seen.has(key)) continue;
    seen.add(key);
    result.push(clean);
  }
  return result.slice(0, max);
}

/** Contact values cleaned; kinds whose value is empty are dropped. */
export function normaliseContacts(contacts: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [kind, value] of Object.entries(contacts)) {
    const clean = cleanLine(value);
    if (clean) result[kind] = clean;
  }
  return result;
}

/** The skills of a person as stored: display form and key. */
export function skillRows(skills: string[]): { skill: string; key: string }[] {
  return skills.map((skill) => ({ skill, key: searchKey(skill) }));
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Reads a stored row back into PersonFields. */
export function personFieldsOf(row: UserRow, skills: string[]): PersonFields {
  return {
    email: row.email,
    name: row.name,
    position: row.position,
    departmentId: row.department_id,
    managerId: row.manager_id,
    phone: row.phone,
    office: row.office,
    city: row.city,
    birthday: row.birthday,
    startDate: row.start_date,
    about: row.about,
    interests: parseJson<string[]>(row.interests, []),
    contacts: parseJson<Record<string, string>>(row.contacts, {}),
    skills,
    employeeId: row.external_id,
  };
}

/** A comparable form: skills compare as a set by key, contacts by sorted kind. */
function comparable(field: keyof PersonFields, value: unknown): string {
  if (field === 'skills') {
    return JSON.stringify(
      [...(value as string[])].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)),
    );
  }
  if (field === 'contacts') {
    return JSON.stringify(
      Object.entries(value as Record<string, string>).sort(([a], [b]) => (a < b ? -1 : 1)),
    );
  }
  return JSON.stringify(value ?? null);
}

/** One changed field, as the ledger and the import plan show it. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** The fields of `patch` whose value differs from `current`. */
export function diffPerson(current: PersonFields, patch: Partial<PersonFields>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of personFieldNames) {
    if (!(field in patch)) continue;
    const after = patch[field];
    if (comparable(field, current[field]) !== comparable(field, after)) {
      changes.push({ field, before: current[field], after });
    }
  }
  return changes;
}

/** The database columns for a set of person fields. */
export function personColumns(fields: Partial<PersonFields>): Updateable<UsersTable> {
  const columns: Updateable<UsersTable> = {};
  if (fields.email !== undefined) columns.email = fields.email;
  if (fields.name !== undefined) {
    columns.name = fields.name;
    columns.name_search = searchKey(fields.name);
  }
  if (fields.position !== undefined) {
    columns.position = fields.position;
    columns.position_search = fields.position === null ? null : searchKey(fields.position);
  }
  if (fields.departmentId !== undefined) columns.department_id = fields.departmentId;
  if (fields.managerId !== undefined) columns.manager_id = fields.managerId;
  if (fields.phone !== undefined) columns.phone = fields.phone;
  if (fields.office !== undefined) columns.office = fields.office;
  if (fields.city !== undefined) columns.city = fields.city;
  if (fields.birthday !== undefined) columns.birthday = fields.birthday;
  if (fields.startDate !== undefined) columns.start_date = fields.startDate;
  if (fields.about !== undefined) columns.about = fields.about;
  if (fields.interests !== undefined) columns.interests = JSON.stringify(fields.interests);
  if (fields.contacts !== undefined) columns.contacts = JSON.stringify(fields.contacts);
  if (fields.employeeId !== undefined) columns.external_id = fields.employeeId;
  return columns;
}
