import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { vi } from 'vitest';
import type { Db } from '../../src/server/platform/db/database.js';
import { setupThroughApi } from '../support/auth-helpers.js';
import { call, type Person, signedIn } from '../support/people.js';
import { openSession } from '../support/session.js';
import type { TestApp } from '../support/test-app.js';
import {
  type Actor,
  type DepartmentKey,
  departmentPlans,
  type FileKey,
  type FolderKey,
  fileKeys,
  filePlans,
  folderKeys,
  folderPlans,
  type Grantee,
  type GroupKey,
  groupPlans,
  type Library,
  type LinkKey,
  linkPlans,
  managerOf,
  personPlans,
} from './files-access.plan.js';

/**
 * Builds the world of files-access.plan.ts on a test app: people and their sessions, groups and
 * departments written straight into the database (preconditions, not what is tested), then the
 * libraries' folders, files, versions, shares and links through the HTTP API, as their managers
 * and uploaders would.
 */

export type Json = Record<string, unknown>;
export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

export interface WorldFile {
  id: string;
  name: string;
  /** The bytes of every version (all versions carry the same bytes, so restores keep them). */
  content: string;
}

export interface FilesWorld {
  t: TestApp;
  db: Db;
  /** Every person's session; null for the anonymous caller. */
  as: Record<Actor, Person | null>;
  groups: Record<GroupKey, string>;
  departments: Record<DepartmentKey, string>;
  folders: Record<FolderKey, string>;
  files: Record<FileKey, WorldFile>;
  links: Record<LinkKey, { id: string; token: string }>;
  /** An employee outside everything whom share cells share to (and unshare again). */
  target: Person;
}

let current: FilesWorld | undefined;

/** The world built by `buildFilesWorld` (cells call this inside their tests). */
export function filesWorld(): FilesWorld {
  if (!current) throw new Error('the files world is built in beforeAll');
  return current;
}

const now = () => new Date().toISOString();
let counter = 0;
export const next = () => ++counter;

/** The id of a person of the world (the anonymous caller has none). */
export function idOf(who: Actor): string {
  const person = filesWorld().as[who];
  if (!person) throw new Error(`${who} has no id`);
  return person.id;
}

/** A request as `who` that must succeed; its JSON body (empty for a 204). */
export async function api(
  who: Person | null,
  method: Method,
  url: string,
  payload?: unknown,
  headers?: Record<string, string>,
): Promise<Json> {
  const res = await call(filesWorld().t, who, {
    method,
    url: `/api/v1${url}`,
    payload: payload as string | Buffer | object | undefined,
    headers,
  });
  if (res.statusCode >= 300)
    throw new Error(`${method} ${url} → ${res.statusCode} ${res.body.slice(0, 500)}`);
  return res.statusCode === 204 || res.body === '' ? {} : (res.json() as Json);
}

/** A multipart body: text fields first, then the part `file` (a text file). */
export function multipart(
  fields: Record<string, string>,
  file: { name: string; content: string; type?: string },
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----files-access-${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        `Content-Type: ${file.type ?? 'text/plain'}\r\n\r\n`,
    ),
    Buffer.from(file.content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** The `space` field of a request for a library (a profile library is always its owner's own). */
export function spaceOf(library: Library): { type: string; id?: string } {
  if (library.type === 'company') return { type: 'company' };
  if (library.type === 'group') return { type: 'group', id: filesWorld().groups[library.group] };
  return { type: 'profile' };
}

/** The URL of a library's listing, without query. */
export function libraryUrl(library: Library): string {
  if (library.type === 'company') return '/libraries/company';
  if (library.type === 'group') return `/libraries/groups/${filesWorld().groups[library.group]}`;
  return `/libraries/people/${idOf(library.owner)}`;
}

/** The body of a share request for a grantee of the plan. */
export function shareBody(to: Grantee, permission: 'read' | 'edit'): Json {
  const w = filesWorld();
  if ('user' in to) return { granteeType: 'user', granteeId: idOf(to.user), permission };
  if ('group' in to) return { granteeType: 'group', granteeId: w.groups[to.group], permission };
  return { granteeType: 'department', granteeId: w.departments[to.department], permission };
}

/** Uploads `content` as a new version of a file, as `who`; the raw response. */
export function postVersion(who: Person | null, fileId: string, name: string, content: string) {
  return call(filesWorld().t, who, {
    method: 'POST',
    url: `/api/v1/files/${fileId}/versions`,
    ...multipart({}, { name, content }),
  });
}

/**
 * A file made as its plan says: uploaded by its uploader where it belongs, its own shares
 * given by the library's manager, and (for the world's files) a second version with the same
 * bytes so that version 1 can be restored.
 */
export async function materialiseFile(key: FileKey, options: { secondVersion: boolean }): Promise<WorldFile> {
  const w = filesWorld();
  const plan = filePlans[key];
  if (plan.library.type === 'profile' && plan.library.owner !== plan.uploader) {
    throw new Error(`${key}: only a library's owner uploads into a personal library`);
  }
  const n = next();
  const name = `${key}-${n}.txt`;
  const content = `Contents of ${key} #${n} ${randomUUID()}\n`;
  const fields: Record<string, string> = plan.folder
    ? { folderId: w.folders[plan.folder] }
    : { space: JSON.stringify(spaceOf(plan.library)) };
  const res = await call(w.t, w.as[plan.uploader], {
    method: 'POST',
    url: '/api/v1/files',
    ...multipart(fields, { name, content }),
  });
  if (res.statusCode !== 201)
    throw new Error(`upload of ${key} → ${res.statusCode} ${res.body.slice(0, 500)}`);
  const id = res.json().id as string;
  const sharer = w.as[managerOf(plan.library)];
  for (const share of plan.shares) {
    await api(sharer, 'POST', `/files/${id}/shares`, shareBody(share.to, share.permission));
  }
  if (options.secondVersion) {
    const v2 = await postVersion(w.as[plan.uploader], id, name, content);
    if (v2.statusCode !== 201)
      throw new Error(`version 2 of ${key} → ${v2.statusCode} ${v2.body.slice(0, 500)}`);
  }
  return { id, name, content };
}

async function insertGroup(key: GroupKey, db: Db, as: Record<Actor, Person | null>): Promise<string> {
  const id = uuidv7();
  const roster = (Object.keys(personPlans) as Actor[])
    .filter((who) => personPlans[who].groups[key] !== undefined)
    .map((who) => [as[who]!.id, personPlans[who].groups[key]!] as const);
  const { name, visibility } = groupPlans[key];
  await db
    .insertInto('groups')
    .values({
      id,
      name,
      name_search: name.toLowerCase(),
      handle: `files-${key}-${id.slice(-6)}`,
      visibility,
      department_id: null,
      photo_key: null,
      member_count: roster.length,
      created_by: as.hr!.id,
      created_at: now(),
      updated_at: now(),
    })
    .execute();
  for (const [userId, role] of roster) {
    await db
      .insertInto('group_members')
      .values({ group_id: id, user_id: userId, role, created_at: now() })
      .execute();
  }
  return id;
}

/** A department written straight into the database; its id. */
export async function insertDepartment(db: Db, name: string, parentId: string | null): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('departments')
    .values({
      id,
      name,
      name_search: name.toLowerCase(),
      parent_id: parentId,
      head_user_id: null,
      external_id: null,
      created_at: now(),
      updated_at: now(),
    })
    .execute();
  return id;
}

/** Gives a guest an access end 90 days away, as an accepted invitation would. */
export async function setGuestAccessEnd(db: Db, userId: string, at: string): Promise<void> {
  await db.updateTable('users').set({ access_expires_at: at }).where('id', '=', userId).execute();
}

async function createFolder(key: FolderKey): Promise<string> {
  const w = filesWorld();
  const plan = folderPlans[key];
  const body = await api(w.as[managerOf(plan.library)], 'POST', '/folders', {
    ...(plan.parent ? { parentId: w.folders[plan.parent] } : { space: spaceOf(plan.library) }),
    name: plan.name,
  });
  return body.id as string;
}

/**
 * A link to a file made `daysAgo` days ago with the default lifetime (7 days), by moving the
 * clock back for the one request; the API takes no expiry in the past.
 */
async function linkMadeInThePast(fileId: string, by: Actor, daysAgo: number): Promise<Json> {
  const w = filesWorld();
  // A session of its own: the request touches the session at the moved clock.
  const session = await openSession(w.db, idOf(by));
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() - daysAgo * 86_400_000 });
  try {
    const res = await call(
      w.t,
      { ...w.as[by]!, session },
      {
        method: 'POST',
        url: `/api/v1/files/${fileId}/links`,
        payload: {},
      },
    );
    if (res.statusCode !== 201)
      throw new Error(`link in the past → ${res.statusCode} ${res.body.slice(0, 500)}`);
    return res.json() as Json;
  } finally {
    vi.useRealTimers();
  }
}

/** Builds the files world on a fresh test app. */
export async function buildFilesWorld(t: TestApp): Promise<FilesWorld> {
  const db = t.database.handle.db;
  const setup = await setupThroughApi(t);
  const as = {} as Record<Actor, Person | null>;
  for (const who of Object.keys(personPlans) as Actor[]) {
    const plan = personPlans[who];
    if (who === 'admin') {
      as.admin = {
        id: setup.userId,
        email: setup.email,
        name: 'Founding Admin',
        role: 'admin',
        session: setup.session,
      };
    } else if (plan.role === null) {
      as[who] = null;
    } else {
      as[who] = await signedIn(t, plan.role, {
        status: plan.active ? 'active' : 'deactivated',
        name: `Files ${who}`,
      });
      if (plan.role === 'guest')
        await setGuestAccessEnd(db, as[who]!.id, new Date(Date.now() + 90 * 86_400_000).toISOString());
    }
  }
  const departments = {} as Record<DepartmentKey, string>;
  for (const key of Object.keys(departmentPlans) as DepartmentKey[]) {
    const parent = departmentPlans[key].parent;
    departments[key] = await insertDepartment(
      db,
      departmentPlans[key].name,
      parent ? departments[parent] : null,
    );
  }
  for (const who of Object.keys(personPlans) as Actor[]) {
    const department = personPlans[who].department;
    if (department && as[who]) {
      await db
        .updateTable('users')
        .set({ department_id: departments[department] })
        .where('id', '=', as[who]!.id)
        .execute();
    }
  }
  const groups = {} as Record<GroupKey, string>;
  for (const key of Object.keys(groupPlans) as GroupKey[]) groups[key] = await insertGroup(key, db, as);
  const target = await signedIn(t, 'employee', { name: 'Files share target' });

  const world = { t, db, as, groups, departments, target } as FilesWorld;
  world.folders = {} as Record<FolderKey, string>;
  world.files = {} as Record<FileKey, WorldFile>;
  current = world;

  for (const key of folderKeys) world.folders[key] = await createFolder(key);
  for (const key of folderKeys) {
    const plan = folderPlans[key];
    for (const share of plan.shares) {
      await api(
        as[managerOf(plan.library)],
        'POST',
        `/folders/${world.folders[key]}/shares`,
        shareBody(share.to, share.permission),
      );
    }
  }
  for (const key of fileKeys) world.files[key] = await materialiseFile(key, { secondVersion: true });

  const links = {} as Record<LinkKey, { id: string; token: string }>;
  for (const key of ['valid', 'revoked'] as const) {
    const plan = linkPlans[key];
    const body = await api(as[plan.by], 'POST', `/files/${world.files[plan.file].id}/links`, {});
    links[key] = { id: body.id as string, token: body.token as string };
  }
  await api(
    as[linkPlans.revoked.by],
    'DELETE',
    `/files/${world.files[linkPlans.revoked.file].id}/links/${links.revoked.id}`,
  );
  const expired = await linkMadeInThePast(world.files[linkPlans.expired.file].id, linkPlans.expired.by, 8);
  if (Date.parse(expired.expiresAt as string) >= Date.now()) {
    throw new Error(`the link made 8 days ago has not expired: ${JSON.stringify(expired)}`);
  }
  links.expired = { id: expired.id as string, token: expired.token as string };
  world.links = links;
  return world;
}
