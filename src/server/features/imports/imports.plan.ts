import { v7 as uuidv7 } from 'uuid';
import { peopleLimits, type UserRole } from '../../../shared/api/users.js';
import type { Locale } from '../../../shared/errors.js';
import { cleanLine, searchKey } from '../../../shared/text.js';
import { normalizeEmail } from '../../platform/auth/email.js';
import type { UserStatus } from '../../platform/db/schema.js';
import {
  diffPerson,
  type FieldChange,
  normaliseTags,
  optionalLine,
  type PersonFields,
} from '../users/user-fields.js';
import type { CsvRow, ImportColumn, ParsedCsv } from './imports.csv.js';
import { readAccessEnd } from './imports.guests.js';
import { IssueList, parseDate, parseRole } from './imports.issues.js';

/** A person already in the directory, as the plan compares them. */
export interface ExistingPerson {
  row: {
    id: string;
    email: string;
    name: string;
    status: UserStatus;
    deactivated_via: string | null;
    source: string;
    role: UserRole;
    access_expires_at: string | null;
  };
  fields: PersonFields;
}

/** The directory as the plan sees it, read in the transaction that applies the plan. */
export interface ImportState {
  people: ExistingPerson[];
  departments: { id: string; path: string }[];
  /** The person running the import: never deactivated or re-roled by it. */
  actorId: string | null;
  /** The instant guests' access ends are checked against (the guests' clock). */
  now: Date;
}

/** One row of the file that will create or change a person. */
export interface PlannedPerson {
  line: number;
  /** The existing person's id, or the id the new person will get. */
  id: string;
  existing: ExistingPerson | null;
  /** Desired values of the columns present (department and manager are kept apart). */
  fields: Partial<PersonFields> & { email: string; name: string };
  /** Display path of the desired department; null clears it; undefined: no such column. */
  departmentPath: string | null | undefined;
  /** Desired manager id; null clears; undefined leaves it. */
  managerId: string | null | undefined;
  role: UserRole | undefined;
  /** A guest's access end from the file (checked); undefined: the default or the current one. */
  accessExpiresAt: string | undefined;
  /** What changes, in display form (paths and e-mails rather than ids). */
  changes: FieldChange[];
  reactivate: boolean;
}

/** Everything one import would do; the dry run shows it and the apply carries it out. */
export interface ImportPlan {
  creates: PlannedPerson[];
  updates: PlannedPerson[];
  unchanged: number;
  deactivations: ExistingPerson[];
  departmentsToCreate: string[];
  issues: IssueList;
  activeCount: number;
}

/**
 * How department paths compare: segment by segment, case-insensitively, ignoring spaces
 * around `/`. So a department named «Продажи / Sales» is found by `Продажи/Sales/Москва` too.
 */
export function pathKey(path: string): string {
  return path
    .split('/')
    .map((segment) => searchKey(segment))
    .filter(Boolean)
    .join('/');
}

function splitPath(cell: string): string[] {
  return cell
    .split('/')
    .map((part) => cleanLine(part))
    .filter(Boolean);
}

/** Single-line columns and the profile field each fills, with its length limit. */
const lineColumns: {
  column: ImportColumn;
  field: 'position' | 'phone' | 'office' | 'city' | 'employeeId';
  max: number;
}[] = [
  { column: 'position', field: 'position', max: peopleLimits.position },
  { column: 'phone', field: 'phone', max: peopleLimits.phone },
  { column: 'office', field: 'office', max: peopleLimits.office },
  { column: 'city', field: 'city', max: peopleLimits.city },
  { column: 'employee_id', field: 'employeeId', max: peopleLimits.employeeId },
];

/** Reads the simple columns of a row into desired fields, warning about values it drops. */
function readFields(row: CsvRow, email: string, name: string, issues: IssueList): PlannedPerson['fields'] {
  const fields: PlannedPerson['fields'] = { email, name };
  const { cells, line } = row;
  for (const { column, field, max } of lineColumns) {
    const cell = cells[column];
    if (cell === undefined) continue;
    const value = optionalLine(cell);
    if (value !== null && value.length > max) issues.warn(line, column, 'VALUE_TOO_LONG', { max });
    else fields[field] = value;
  }
  for (const [column, field] of [
    ['birthday', 'birthday'],
    ['start_date', 'startDate'],
  ] as const) {
    const cell = cells[column];
    if (cell === undefined) continue;
    if (!cell.trim()) fields[field] = null;
    else {
      const date = parseDate(cell);
      if (date) fields[field] = date;
      else issues.warn(line, column, 'DATE_INVALID');
    }
  }
  if (cells.skills !== undefined) {
    const raw = cells.skills.split(';').filter((s) => cleanLine(s));
    const fitting = raw.filter((s) => cleanLine(s).length <= peopleLimits.skill);
    if (fitting.length < raw.length)
      issues.warn(line, 'skills', 'VALUE_TOO_LONG', { max: peopleLimits.skill });
    const skills = normaliseTags(fitting, Number.MAX_SAFE_INTEGER);
    if (skills.length > peopleLimits.skills)
      issues.warn(line, 'skills', 'SKILLS_TRUNCATED', { max: peopleLimits.skills });
    fields.skills = skills.slice(0, peopleLimits.skills);
  }
  return fields;
}

/**
 * Compares the file with the directory and decides, without writing anything, who is created,
 * updated, reactivated and deactivated. The same plan is shown by a dry run and then applied,
 * so what the admin reviewed is what happens.
 */
export function planImport(csv: ParsedCsv, state: ImportState, locale: Locale): ImportPlan {
  const issues = new IssueList(locale);
  for (const column of csv.unknownColumns) issues.warn(1, null, 'UNKNOWN_COLUMN', { column });
  const byEmail = new Map(state.people.map((p) => [p.row.email, p]));
  const byEmployeeId = new Map(
    state.people.filter((p) => p.fields.employeeId).map((p) => [p.fields.employeeId as string, p]),
  );
  const departmentByKey = new Map(state.departments.map((d) => [pathKey(d.path), d]));
  const departmentById = new Map(state.departments.map((d) => [d.id, d.path]));

  const present = new Set<string>();
  const emailLines = new Map<string, number>();
  const employeeIdLines = new Map<string, number>();
  const planned: PlannedPerson[] = [];
  const plannedByEmail = new Map<string, PlannedPerson>();

  for (const row of csv.rows) {
    const { line, cells } = row;
    const email = normalizeEmail(cells.email ?? '');
    const name = cleanLine(cells.name ?? '');
    const employeeId = cells.employee_id === undefined ? null : optionalLine(cells.employee_id);
    const match =
      (employeeId ? byEmployeeId.get(employeeId) : undefined) ?? (email ? byEmail.get(email) : undefined);
    // A row that names someone keeps them from being deactivated, even if the row has errors.
    if (match) present.add(match.row.id);
    if (!email) issues.error(line, 'email', 'EMAIL_INVALID');
    if (!name) issues.error(line, 'name', 'NAME_MISSING');
    else if (name.length > peopleLimits.name)
      issues.error(line, 'name', 'VALUE_TOO_LONG', { max: peopleLimits.name });
    if (email && emailLines.has(email))
      issues.error(line, 'email', 'DUPLICATE_EMAIL', { other: emailLines.get(email) });
    if (employeeId && employeeIdLines.has(employeeId)) {
      issues.error(line, 'employee_id', 'DUPLICATE_EMPLOYEE_ID', { other: employeeIdLines.get(employeeId) });
    }
    if (email) emailLines.set(email, emailLines.get(email) ?? line);
    if (employeeId) employeeIdLines.set(employeeId, employeeIdLines.get(employeeId) ?? line);
    const owner = email ? byEmail.get(email) : undefined;
    if (match && owner && owner.row.id !== match.row.id)
      issues.error(line, 'email', 'EMAIL_BELONGS_TO_OTHER');
    if (!email || !name || issues.linesWithErrors.has(line)) continue;

    let role: UserRole | undefined;
    if (cells.role?.trim()) {
      role = parseRole(cells.role);
      if (!role) issues.warn(line, 'role', 'ROLE_INVALID');
    }
    // The import never changes its own runner's role (SELF_KEPT below).
    const roleAfter =
      match && match.row.id === state.actorId ? match.row.role : (role ?? match?.row.role ?? 'employee');
    const accessExpiresAt = readAccessEnd(
      cells.access_expires_at,
      { line, roleAfter, now: state.now, locale },
      issues,
    );
    const departmentCell = cells.department;
    const person: PlannedPerson = {
      line,
      id: match?.row.id ?? uuidv7(),
      existing: match ?? null,
      fields: readFields(row, email, name, issues),
      departmentPath: departmentCell === undefined ? undefined : splitPath(departmentCell).join('/') || null,
      managerId: undefined,
      role,
      accessExpiresAt,
      changes: [],
      reactivate: false,
    };
    planned.push(person);
    plannedByEmail.set(email, person);
  }

  const deactivations = state.people.filter(
    (p) => p.row.source === 'csv' && p.row.status !== 'deactivated' && !present.has(p.row.id),
  );
  const leaving = new Set(deactivations.map((p) => p.row.id));
  if (state.actorId && leaving.has(state.actorId)) {
    issues.warn(0, null, 'SELF_KEPT');
    leaving.delete(state.actorId);
  }

  resolveManagers(csv, planned, plannedByEmail, byEmail, leaving, issues);
  checkManagerCycles(planned, state.people, issues);

  const emailById = new Map(state.people.map((p) => [p.row.id, p.row.email]));
  for (const person of planned) emailById.set(person.id, person.fields.email);
  const departmentsToCreate: string[] = [];
  const plan: ImportPlan = {
    creates: [],
    updates: [],
    unchanged: 0,
    deactivations: deactivations.filter((p) => leaving.has(p.row.id)),
    departmentsToCreate,
    issues,
    activeCount: state.people.filter((p) => p.row.status === 'active').length,
  };
  for (const person of planned) {
    if (issues.linesWithErrors.has(person.line)) continue;
    if (person.departmentPath) {
      // As the apply does: reuse the longest known prefix, create the rest below it.
      const parts = person.departmentPath.split('/');
      const known = (n: number) => departmentByKey.has(pathKey(parts.slice(0, n).join('/')));
      let depth = parts.length;
      while (depth > 0 && !known(depth)) depth -= 1;
      for (let i = depth + 1; i <= parts.length; i++) {
        const prefix = parts.slice(0, i).join('/');
        if (!departmentsToCreate.some((d) => pathKey(d) === pathKey(prefix)))
          departmentsToCreate.push(prefix);
      }
    }
    if (
      person.role &&
      person.existing &&
      person.existing.row.id === state.actorId &&
      person.role !== person.existing.row.role
    ) {
      issues.warn(person.line, 'role', 'SELF_KEPT');
      person.role = undefined;
    }
    if (!person.existing) {
      plan.creates.push(person);
      continue;
    }
    person.changes = describeChanges(person, person.existing, departmentById, emailById);
    const { row } = person.existing;
    if (row.status === 'deactivated') {
      if (row.deactivated_via === 'csv') person.reactivate = true;
      else issues.warn(person.line, null, 'DEACTIVATED_BY_ADMIN');
    }
    if (person.changes.length > 0 || person.reactivate) plan.updates.push(person);
    else plan.unchanged += 1;
  }
  checkAdminsRemain(plan, state, issues);
  return plan;
}

function resolveManagers(
  csv: ParsedCsv,
  planned: PlannedPerson[],
  plannedByEmail: Map<string, PlannedPerson>,
  byEmail: Map<string, ExistingPerson>,
  leaving: Set<string>,
  issues: IssueList,
): void {
  if (!csv.columns.includes('manager_email')) return;
  const cellsByLine = new Map(csv.rows.map((r) => [r.line, r.cells]));
  for (const person of planned) {
    const cell = cellsByLine.get(person.line)?.manager_email ?? '';
    if (!cell.trim()) {
      person.managerId = null;
      continue;
    }
    const email = normalizeEmail(cell);
    if (!email) {
      issues.warn(person.line, 'manager_email', 'MANAGER_INVALID');
      continue;
    }
    const existing = byEmail.get(email);
    const stays = existing && existing.row.status !== 'deactivated' && !leaving.has(existing.row.id);
    const managerId = plannedByEmail.get(email)?.id ?? (stays ? existing.row.id : undefined);
    if (!managerId) issues.warn(person.line, 'manager_email', 'MANAGER_UNKNOWN');
    else if (managerId === person.id) issues.error(person.line, 'manager_email', 'MANAGER_SELF');
    else person.managerId = managerId;
  }
}

/** Refuses rows whose new manager would lead back to them once every row is applied. */
function checkManagerCycles(planned: PlannedPerson[], people: ExistingPerson[], issues: IssueList): void {
  const managerOf = new Map<string, string | null>(people.map((p) => [p.row.id, p.fields.managerId]));
  for (const person of planned)
    if (person.managerId !== undefined) managerOf.set(person.id, person.managerId);
  for (const person of planned) {
    if (!person.managerId) continue;
    const seen = new Set<string>();
    for (let current = managerOf.get(person.id); current; current = managerOf.get(current)) {
      if (current === person.id) {
        issues.error(person.line, 'manager_email', 'MANAGER_CYCLE');
        break;
      }
      if (seen.has(current)) break;
      seen.add(current);
    }
  }
}

/** Field changes of an existing person in display form; department and manager by name. */
function describeChanges(
  person: PlannedPerson,
  existing: ExistingPerson,
  departmentById: Map<string, string>,
  emailById: Map<string, string>,
): FieldChange[] {
  const changes = diffPerson(existing.fields, person.fields);
  const current = existing.fields;
  if (person.departmentPath !== undefined) {
    const before = current.departmentId ? (departmentById.get(current.departmentId) ?? null) : null;
    if (
      (before === null ? null : pathKey(before)) !==
      (person.departmentPath === null ? null : pathKey(person.departmentPath))
    ) {
      changes.push({ field: 'department', before, after: person.departmentPath });
    }
  }
  if (person.managerId !== undefined && person.managerId !== current.managerId) {
    const emailOf = (id: string | null) => (id === null ? null : (emailById.get(id) ?? id));
    changes.push({ field: 'manager', before: emailOf(current.managerId), after: emailOf(person.managerId) });
  }
  if (person.role && person.role !== existing.row.role) {
    changes.push({ field: 'role', before: existing.row.role, after: person.role });
  }
  if (person.accessExpiresAt !== undefined && person.accessExpiresAt !== existing.row.access_expires_at) {
    changes.push({
      field: 'accessExpiresAt',
      before: existing.row.access_expires_at,
      after: person.accessExpiresAt,
    });
  }
  if (existing.row.source !== 'csv')
    changes.push({ field: 'source', before: existing.row.source, after: 'csv' });
  return changes;
}

/** An import may not leave the company without an active administrator. */
function checkAdminsRemain(plan: ImportPlan, state: ImportState, issues: IssueList): void {
  const roleAfter = new Map<string, { role: UserRole; active: boolean }>();
  for (const p of state.people)
    roleAfter.set(p.row.id, { role: p.row.role, active: p.row.status === 'active' });
  const before = [...roleAfter.values()].filter((v) => v.role === 'admin' && v.active).length;
  for (const p of plan.updates) {
    const entry = roleAfter.get(p.id)!;
    roleAfter.set(p.id, { role: p.role ?? entry.role, active: entry.active || p.reactivate });
  }
  for (const p of plan.creates) roleAfter.set(p.id, { role: p.role ?? 'employee', active: true });
  for (const p of plan.deactivations) roleAfter.set(p.row.id, { ...roleAfter.get(p.row.id)!, active: false });
  const after = [...roleAfter.values()].filter((v) => v.role === 'admin' && v.active).length;
  if (before > 0 && after === 0) issues.error(0, 'role', 'LAST_ADMIN');
}
