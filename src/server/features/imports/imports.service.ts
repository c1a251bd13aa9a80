import { createHash } from 'node:crypto';
import { type ImportResult, importLimits } from '../../../shared/api/imports.js';
import { type Ctx, record, transact } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { ensureDepartmentPath, listDepartmentPaths } from '../departments/departments.service.js';
import { guestClock } from '../guests/guests.clock.js';
import type { PersonFields } from '../users/user-fields.js';
import {
  deactivatePerson,
  insertPerson,
  loadAllPeople,
  reactivatePerson,
  setGuestAccessEnd,
  setPersonRole,
  updatePerson,
} from '../users/user-lifecycle.service.js';
import { type ParsedCsv, readEmployeesCsv } from './imports.csv.js';
import {
  type ImportPlan,
  type ImportState,
  type PlannedPerson,
  pathKey,
  planImport,
} from './imports.plan.js';

/** How `importUsersCsv` runs (the route's query and the CLI's flags). */
export interface ImportOptions {
  /** Only compute and return the plan. */
  dryRun: boolean;
  /** Apply even if more than 5% of active people would be deactivated. */
  force: boolean;
  /** Default `auto`: UTF-8 if the bytes are valid UTF-8, else Windows-1251. */
  encoding?: 'auto' | 'utf-8' | 'windows-1251';
}

async function loadState(ctx: Ctx, db: Executor): Promise<ImportState> {
  const [people, departments] = await Promise.all([loadAllPeople(db), listDepartmentPaths(db)]);
  return { people, departments, actorId: ctx.actor?.id ?? null, now: guestClock.now() };
}

function guardOf(plan: ImportPlan) {
  const count = plan.deactivations.length;
  const percent = plan.activeCount > 0 ? (count / plan.activeCount) * 100 : 0;
  const thresholdPercent = importLimits.massDeactivationPercent;
  return {
    activeCount: plan.activeCount,
    deactivationPercent: Math.round(percent * 100) / 100,
    thresholdPercent,
    tripped: count > 0 && percent > thresholdPercent,
  };
}

/** The plan (or what was applied) as the API and the CLI report it. */
function presentResult(
  csv: ParsedCsv,
  plan: ImportPlan,
  options: ImportOptions,
  applied: boolean,
): ImportResult {
  const ref = (p: PlannedPerson) => ({
    line: p.line,
    userId: p.existing || applied ? p.id : null,
    email: p.fields.email,
    name: p.fields.name,
  });
  const updates = plan.updates.filter((p) => p.changes.length > 0);
  const reactivations = plan.updates.filter((p) => p.reactivate);
  return {
    dryRun: options.dryRun,
    applied,
    encoding: csv.encoding,
    delimiter: csv.delimiter,
    rowCount: csv.rows.length,
    columns: csv.columns,
    summary: {
      creates: plan.creates.length,
      updates: updates.length,
      deactivations: plan.deactivations.length,
      reactivations: reactivations.length,
      unchanged: plan.unchanged,
      departmentsCreated: plan.departmentsToCreate.length,
      errors: plan.issues.errors.length,
      warnings: plan.issues.warnings.length,
    },
    creates: plan.creates.map(ref),
    updates: updates.map((p) => ({ ...ref(p), changes: p.changes })),
    deactivations: plan.deactivations.map((p) => ({
      line: null,
      userId: p.row.id,
      email: p.row.email,
      name: p.row.name,
    })),
    reactivations: reactivations.map(ref),
    departmentsCreated: plan.departmentsToCreate,
    errors: plan.issues.errors,
    warnings: plan.issues.warnings,
    guard: guardOf(plan),
  };
}

/**
 * Creates departments as needed and returns the id of each path the plan names. The longest
 * known prefix of a path is reused (it may be one department whose name contains `/`); the
 * rest is created below it.
 */
function departmentResolver(ctx: Ctx, tx: Tx, state: ImportState) {
  const known = new Map(state.departments.map((d) => [pathKey(d.path), d.id]));
  return async (path: string | null | undefined): Promise<string | null | undefined> => {
    if (path === undefined || path === null) return path;
    const cached = known.get(pathKey(path));
    if (cached) return cached;
    const segments = path.split('/');
    let depth = segments.length - 1;
    while (depth > 0 && !known.has(pathKey(segments.slice(0, depth).join('/')))) depth -= 1;
    const startId = depth > 0 ? known.get(pathKey(segments.slice(0, depth).join('/')))! : null;
    const { id } = await ensureDepartmentPath(ctx, tx, segments.slice(depth), 'csv', startId);
    known.set(pathKey(path), id!);
    return id;
  };
}

/** New people whose manager is also new go after that manager (the foreign key needs it). */
function managersFirst(creates: PlannedPerson[]): PlannedPerson[] {
  const newIds = new Set(creates.map((c) => c.id));
  const done = new Set<string>();
  const ordered: PlannedPerson[] = [];
  let pending = creates;
  while (pending.length > 0) {
    const ready = pending.filter((c) => !c.managerId || !newIds.has(c.managerId) || done.has(c.managerId));
    // The plan refused manager loops, so every pass places someone; this guards the invariant.
    if (ready.length === 0) throw new Error('Manager loop among new people');
    for (const c of ready) {
      done.add(c.id);
      ordered.push(c);
    }
    pending = pending.filter((c) => !done.has(c.id));
  }
  return ordered;
}

async function applyPlan(ctx: Ctx, tx: Tx, plan: ImportPlan, state: ImportState): Promise<void> {
  const departmentId = departmentResolver(ctx, tx, state);
  for (const person of managersFirst(plan.creates)) {
    const f = person.fields;
    const fields: PersonFields = {
      email: f.email,
      name: f.name,
      position: f.position ?? null,
      departmentId: (await departmentId(person.departmentPath)) ?? null,
      managerId: person.managerId ?? null,
      phone: f.phone ?? null,
      office: f.office ?? null,
      city: f.city ?? null,
      birthday: f.birthday ?? null,
      startDate: f.startDate ?? null,
      about: null,
      interests: [],
      contacts: {},
      skills: f.skills ?? [],
      employeeId: f.employeeId ?? null,
    };
    await insertPerson(ctx, tx, fields, {
      role: person.role ?? 'employee',
      source: 'csv',
      id: person.id,
      accessExpiresAt: person.accessExpiresAt,
    });
  }
  for (const person of plan.updates) {
    const existing = person.existing!;
    if (person.reactivate) await reactivatePerson(ctx, tx, person.id, 'csv');
    const patch: Partial<PersonFields> = { ...person.fields };
    const department = await departmentId(person.departmentPath);
    if (department !== undefined) patch.departmentId = department;
    if (person.managerId !== undefined) patch.managerId = person.managerId;
    await updatePerson(ctx, tx, existing, patch, { via: 'csv', source: 'csv' });
    // The plan gives an access end only to someone who is, or becomes, a guest.
    if (person.role && person.role !== existing.row.role) {
      await setPersonRole(ctx, tx, person.id, existing.row.role, person.role, 'csv', {
        accessExpiresAt: person.accessExpiresAt,
      });
    } else if (person.accessExpiresAt !== undefined) {
      const before = existing.row.access_expires_at;
      await setGuestAccessEnd(ctx, tx, person.id, before, person.accessExpiresAt, 'csv');
    }
  }
  for (const person of plan.deactivations) await deactivatePerson(ctx, tx, person.row.id, 'csv');
}

/**
 * Imports employees from a CSV file (U3, R18): a dry run returns the plan; otherwise the plan
 * is recomputed and applied in one transaction, so a concurrent change cannot slip between
 * review and apply, and a failure leaves nothing half-done. Re-importing the same file
 * changes nothing. Refuses files with row errors (400 IMPORT_HAS_ERRORS) and, without `force`,
 * a run that would deactivate more than 5% of active people (409 IMPORT_MASS_DEACTIVATION).
 *
 * Authorisation is the caller's: the route checks `canImportUsers`; the CLI runs as the operator.
 */
export async function importUsersCsv(
  ctx: Ctx,
  bytes: Uint8Array,
  options: ImportOptions,
): Promise<ImportResult> {
  const csv = readEmployeesCsv(bytes, { encoding: options.encoding ?? 'auto', locale: ctx.locale });
  if (options.dryRun) {
    const plan = planImport(csv, await loadState(ctx, ctx.db), ctx.locale);
    return presentResult(csv, plan, options, false);
  }
  return transact(ctx, async (tx) => {
    const state = await loadState(ctx, tx);
    const plan = planImport(csv, state, ctx.locale);
    if (plan.issues.errors.length > 0) {
      throw new AppError('IMPORT_HAS_ERRORS', { count: plan.issues.linesWithErrors.size });
    }
    const guard = guardOf(plan);
    if (guard.tripped && !options.force) {
      throw new AppError('IMPORT_MASS_DEACTIVATION', {
        count: plan.deactivations.length,
        total: plan.activeCount,
        percent: guard.thresholdPercent,
      });
    }
    await applyPlan(ctx, tx, plan, state);
    const result = presentResult(csv, plan, options, true);
    await record(ctx, tx, {
      action: 'import.applied',
      subjectType: 'import',
      subjectId: null,
      payload: {
        kind: 'users.csv',
        sha256: createHash('sha256').update(bytes).digest('hex'),
        encoding: csv.encoding,
        rowCount: csv.rows.length,
        forced: options.force && guard.tripped,
        summary: result.summary,
      },
    });
    return result;
  });
}
