import type { SeedDemoResult } from '../../../shared/api/seed.js';
import { type Ctx, record, transact } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { ensureDepartmentPath, setDepartmentHead } from '../departments/departments.service.js';
import type { PersonFields } from '../users/user-fields.js';
import { countPeopleFromSource, insertPerson, loadAllPeople } from '../users/user-lifecycle.service.js';
import {
  cities,
  type DepartmentSpec,
  departmentSpecs,
  englishFemale,
  englishMale,
  englishSurnames,
  feminineSurname,
  interestsPool,
  latinise,
  russianFemale,
  russianMale,
  russianSurnames,
} from './seed.data.js';

/** What `seedDemoCompany` builds. */
export interface SeedOptions {
  /** How many people (default 200). */
  users?: number;
  /** The same seed gives the same company (default 1). */
  seed?: number;
  /**
   * Domain of the demo addresses. Default `example.com`, which never receives mail: demo
   * people must not share addresses, or reset e-mails, with real colleagues.
   */
  emailDomain?: string;
}

/** A small, fast, seedable generator (mulberry32): the demo must be reproducible. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const some = <T>(items: readonly T[], min: number, max: number): T[] => {
    const pool = [...items];
    const count = Math.min(pool.length, int(min, max));
    return Array.from({ length: count }, () => pool.splice(Math.floor(next() * pool.length), 1)[0]!);
  };
  const weighted = <T extends { weight: number }>(items: readonly T[]): T => {
    let roll = next() * items.reduce((sum, i) => sum + i.weight, 0);
    for (const item of items) {
      roll -= item.weight;
      if (roll < 0) return item;
    }
    return items[items.length - 1]!;
  };
  return { next, int, pick, some, weighted };
}
type Random = ReturnType<typeof random>;

const pad = (n: number) => String(n).padStart(2, '0');
const date = (rng: Random, fromYear: number, toYear: number) =>
  `${rng.int(fromYear, toYear)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;

/** A name, with the e-mail local part it gives (`ivan.petrov`). */
function personName(rng: Random): { name: string; local: string } {
  const female = rng.next() < 0.5;
  if (rng.next() < 0.2) {
    const first = rng.pick(female ? englishFemale : englishMale);
    const last = rng.pick(englishSurnames);
    return { name: `${first} ${last}`, local: `${latinise(first)}.${latinise(last)}` };
  }
  const first = rng.pick(female ? russianFemale : russianMale);
  const surname = rng.pick(russianSurnames);
  const last = female ? feminineSurname(surname) : surname;
  return { name: `${first} ${last}`, local: `${latinise(first)}.${latinise(last)}` };
}

function pathOf(spec: DepartmentSpec): string[] {
  const parent = departmentSpecs.find((d) => d.key === spec.parent);
  return parent ? [...pathOf(parent), spec.name] : [spec.name];
}

interface Slot {
  spec: DepartmentSpec;
  departmentId: string;
  isHead: boolean;
}

/**
 * Who goes where: the chief executive first, then one head per department (parents before
 * children, so every head's manager exists), then everyone else spread by department weight.
 */
function slots(total: number, departmentIds: Map<string, string>, rng: Random): Slot[] {
  const result: Slot[] = [];
  for (const spec of departmentSpecs) {
    if (result.length >= total) break;
    result.push({ spec, departmentId: departmentIds.get(spec.key)!, isHead: true });
  }
  while (result.length < total) {
    const spec = rng.weighted(departmentSpecs);
    result.push({ spec, departmentId: departmentIds.get(spec.key)!, isHead: false });
  }
  return result;
}

function personFields(
  rng: Random,
  slot: Slot,
  email: string,
  name: string,
  managerId: string | null,
): PersonFields {
  const place = slot.spec.city ? cities.find((c) => c.city === slot.spec.city)! : rng.weighted(cities);
  const local = email.slice(0, email.indexOf('@'));
  return {
    email,
    name,
    position: slot.isHead ? slot.spec.headTitle : rng.pick(slot.spec.positions),
    departmentId: slot.departmentId,
    managerId,
    phone: `+7 9${rng.int(10, 99)} ${rng.int(100, 999)}-${pad(rng.int(0, 99))}-${pad(rng.int(0, 99))}`,
    office: rng.pick(place.offices),
    city: place.city,
    birthday: date(rng, 1966, 2003),
    startDate: slot.isHead ? date(rng, 2010, 2019) : date(rng, 2014, 2025),
    about: null,
    interests: rng.some(interestsPool, 0, 3),
    contacts: rng.next() < 0.6 ? { telegram: `@${local.replaceAll('.', '_')}` } : {},
    skills: rng.some(slot.spec.skills, 2, 6),
    employeeId: null,
  };
}

async function createDepartments(ctx: Ctx, tx: Tx) {
  const ids = new Map<string, string>();
  const created = new Set<string>();
  for (const spec of departmentSpecs) {
    const result = await ensureDepartmentPath(ctx, tx, pathOf(spec), 'demo');
    ids.set(spec.key, result.id!);
    if (result.created.length > 0) created.add(spec.key);
  }
  return { ids, created };
}

/**
 * Fills the company with a believable demo organisation (issue 2, point 8): a department tree
 * with heads, people with Russian and English names, positions, skills, managers forming one
 * tree under the chief executive, offices, start dates and birthdays. Deterministic for a
 * given seed; refuses (409 DEMO_ALREADY_SEEDED) when demo people already exist. Everything
 * goes through the same writes as the API and the import, in one transaction, with the
 * ledger entries they make plus `seed.demo.applied`. Nobody gets a password: people claim
 * their entry by signing up.
 */
export async function seedDemoCompany(ctx: Ctx, options: SeedOptions = {}): Promise<SeedDemoResult> {
  const total = options.users ?? 200;
  const seed = options.seed ?? 1;
  const domain = options.emailDomain ?? 'example.com';
  if ((await countPeopleFromSource(ctx.db, 'demo')) > 0) throw new AppError('DEMO_ALREADY_SEEDED');
  const rng = random(seed);
  return transact(ctx, async (tx) => {
    const taken = new Set((await loadAllPeople(tx)).map((p) => p.row.email));
    const departments = await createDepartments(ctx, tx);
    const heads = new Map<string, string>();
    let chief: string | null = null;
    for (const slot of slots(total, departments.ids, rng)) {
      const { name, local } = personName(rng);
      let email = `${local}@${domain}`;
      for (let n = 2; taken.has(email); n++) email = `${local}${n}@${domain}`;
      taken.add(email);
      const parentHead = slot.spec.parent ? heads.get(slot.spec.parent) : undefined;
      const managerId = slot.isHead
        ? (parentHead ?? chief)
        : (heads.get(slot.spec.key) ?? parentHead ?? chief);
      const id = await insertPerson(ctx, tx, personFields(rng, slot, email, name, managerId), {
        role: 'employee',
        source: 'demo',
      });
      if (slot.isHead) heads.set(slot.spec.key, id);
      chief ??= id;
    }
    for (const [key, headId] of heads) {
      if (departments.created.has(key))
        await setDepartmentHead(ctx, tx, departments.ids.get(key)!, headId, 'demo');
    }
    const result = { departments: departments.created.size, users: total };
    await record(ctx, tx, {
      action: 'seed.demo.applied',
      subjectType: 'company',
      subjectId: null,
      payload: { ...result, seed, emailDomain: domain },
    });
    return result;
  });
}
