import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '../../../../tests/support/session.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import type { Actor } from '../../platform/context.js';
import type {
  GroupRole,
  GroupVisibility,
  SpaceType,
  UserRole,
  UserStatus,
} from '../../platform/db/schema.js';
import {
  canModerateSpace,
  canReadPost,
  canWriteSpace,
  postReadableBy,
  resolvePostSpace,
} from './spaces.service.js';

/**
 * The visibility rules, walked over every kind of viewer and every kind of space, three ways:
 * an oracle written out here, the pure policy, and the SQL predicate the lists use. The three
 * must agree on every cell.
 */

type Viewer =
  | 'admin'
  | 'moderator'
  | 'groupAdmin'
  | 'groupModerator'
  | 'member'
  | 'employee'
  | 'salesEmployee'
  | 'guestMember'
  | 'guest'
  | 'deactivated'
  | 'author';

type PostName =
  | 'company'
  | 'companyForSales'
  | 'profile'
  | 'open'
  | 'closed'
  | 'secret'
  | 'openHidden'
  | 'secretHidden'
  | 'companyHidden';

let t: TestApp;
const actors = new Map<Viewer, Actor>();
const posts = new Map<PostName, string>();
let salesId = '';

const readers: Record<PostName, Viewer[]> = {
  company: [
    'admin',
    'moderator',
    'groupAdmin',
    'groupModerator',
    'member',
    'employee',
    'salesEmployee',
    'author',
  ],
  companyForSales: ['admin', 'moderator', 'salesEmployee', 'author'],
  profile: [
    'admin',
    'moderator',
    'groupAdmin',
    'groupModerator',
    'member',
    'employee',
    'salesEmployee',
    'author',
  ],
  open: [
    'admin',
    'moderator',
    'groupAdmin',
    'groupModerator',
    'member',
    'employee',
    'salesEmployee',
    'guestMember',
    'author',
  ],
  closed: ['admin', 'moderator', 'groupAdmin', 'groupModerator', 'member', 'guestMember', 'author'],
  secret: ['groupAdmin', 'groupModerator', 'member', 'guestMember', 'author'],
  openHidden: ['admin', 'moderator', 'groupAdmin', 'groupModerator', 'author'],
  secretHidden: ['groupAdmin', 'groupModerator', 'author'],
  companyHidden: ['admin', 'moderator', 'author'],
};

const viewers = Object.keys({
  admin: 1,
  moderator: 1,
  groupAdmin: 1,
  groupModerator: 1,
  member: 1,
  employee: 1,
  salesEmployee: 1,
  guestMember: 1,
  guest: 1,
  deactivated: 1,
  author: 1,
} satisfies Record<Viewer, 1>) as Viewer[];

async function person(viewer: Viewer, role: UserRole, status: UserStatus = 'active', departmentId?: string) {
  const user = await insertUser(t.database.handle.db, { role, status, departmentId: departmentId ?? null });
  actors.set(viewer, { id: user.id, role, status, departmentId: departmentId ?? null });
  return user.id;
}

async function group(visibility: GroupVisibility, members: [Viewer, GroupRole][]): Promise<string> {
  const db = t.database.handle.db;
  const id = uuidv7();
  const now = new Date().toISOString();
  await db
    .insertInto('groups')
    .values({
      id,
      name: visibility,
      name_search: visibility,
      handle: `g-${visibility}`,
      visibility,
      department_id: null,
      photo_key: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const [viewer, role] of members) {
    await db
      .insertInto('group_members')
      .values({ group_id: id, user_id: actors.get(viewer)!.id, role, created_at: now })
      .execute();
  }
  return id;
}

async function post(
  name: PostName,
  space: { type: SpaceType; groupId?: string; profileId?: string },
  extra: { hidden?: boolean; audience?: string[] } = {},
) {
  const db = t.database.handle.db;
  const id = uuidv7();
  const now = new Date().toISOString();
  await db
    .insertInto('posts')
    .values({
      id,
      space_type: space.type,
      group_id: space.groupId ?? null,
      profile_id: space.profileId ?? null,
      author_id: actors.get('author')!.id,
      body: name,
      html: `<p>${name}</p>`,
      shared_post_id: null,
      preview_url: null,
      preview: null,
      has_audience: extra.audience ? 1 : 0,
      pinned_at: null,
      hidden_at: extra.hidden ? now : null,
      hidden_by: null,
      created_at: now,
      updated_at: now,
      edited_at: null,
    })
    .execute();
  for (const departmentId of extra.audience ?? []) {
    await db.insertInto('post_audiences').values({ post_id: id, department_id: departmentId }).execute();
  }
  posts.set(name, id);
}

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.handle.db;
  salesId = uuidv7();
  const now = new Date().toISOString();
  await db
    .insertInto('departments')
    .values({
      id: salesId,
      name: 'Sales',
      name_search: 'sales',
      parent_id: null,
      head_user_id: null,
      external_id: null,
      created_at: now,
      updated_at: now,
    })
    .execute();

  await person('admin', 'admin');
  await person('moderator', 'moderator');
  await person('groupAdmin', 'employee');
  await person('groupModerator', 'employee');
  await person('member', 'employee');
  await person('employee', 'employee');
  await person('salesEmployee', 'employee', 'active', salesId);
  await person('guestMember', 'guest');
  await person('guest', 'guest');
  await person('deactivated', 'employee', 'deactivated');
  await person('author', 'employee');

  const everyone: [Viewer, GroupRole][] = [
    ['groupAdmin', 'admin'],
    ['groupModerator', 'moderator'],
    ['member', 'member'],
    ['guestMember', 'member'],
    ['author', 'member'],
    ['deactivated', 'member'],
  ];
  const open = await group('open', everyone);
  const closed = await group('closed', everyone);
  const secret = await group('secret', everyone);

  await post('company', { type: 'company' });
  await post('companyForSales', { type: 'company' }, { audience: [salesId] });
  await post('profile', { type: 'profile', profileId: actors.get('author')!.id });
  await post('open', { type: 'group', groupId: open });
  await post('closed', { type: 'group', groupId: closed });
  await post('secret', { type: 'group', groupId: secret });
  await post('openHidden', { type: 'group', groupId: open }, { hidden: true });
  await post('secretHidden', { type: 'group', groupId: secret }, { hidden: true });
  await post('companyHidden', { type: 'company' }, { hidden: true });
});

afterAll(async () => {
  await t.close();
});

const cells = viewers.flatMap((viewer) =>
  (Object.keys(readers) as PostName[]).map((name) => ({
    viewer,
    name,
    expected: readers[name].includes(viewer),
  })),
);

describe('who may read which post', () => {
  it.each(cells)('$viewer reading $name: $expected', async ({ viewer, name, expected }) => {
    const actor = actors.get(viewer)!;
    const db = t.database.handle.db;
    const row = await db
      .selectFrom('posts')
      .selectAll()
      .where('id', '=', posts.get(name)!)
      .executeTakeFirstOrThrow();

    const { readable } = await canReadPost({ db }, actor, row);
    expect(readable, 'policy').toBe(expected);

    const listed = await db
      .selectFrom('posts')
      .select('id')
      .where('id', '=', row.id)
      .where((eb) => postReadableBy(eb, actor))
      .executeTakeFirst();
    expect(listed !== undefined, 'SQL predicate').toBe(expected);
  });

  it('lets nobody read anything without an actor', async () => {
    const db = t.database.handle.db;
    const rows = await db
      .selectFrom('posts')
      .select('id')
      .where((eb) => postReadableBy(eb, null))
      .execute();
    expect(rows).toEqual([]);
  });
});

describe('who may write and moderate', () => {
  const writeCases: { viewer: Viewer; name: PostName; write: boolean; moderate: boolean }[] = [
    { viewer: 'employee', name: 'company', write: true, moderate: false },
    { viewer: 'guest', name: 'company', write: false, moderate: false },
    { viewer: 'moderator', name: 'company', write: true, moderate: true },
    { viewer: 'salesEmployee', name: 'companyForSales', write: false, moderate: false },
    { viewer: 'author', name: 'profile', write: true, moderate: true },
    { viewer: 'employee', name: 'profile', write: false, moderate: false },
    { viewer: 'member', name: 'open', write: true, moderate: false },
    { viewer: 'employee', name: 'open', write: false, moderate: false },
    { viewer: 'groupModerator', name: 'secret', write: true, moderate: true },
    { viewer: 'admin', name: 'secret', write: false, moderate: false },
    { viewer: 'admin', name: 'closed', write: false, moderate: true },
    { viewer: 'guestMember', name: 'secret', write: true, moderate: false },
    { viewer: 'deactivated', name: 'secret', write: false, moderate: false },
  ];
  it.each(writeCases)(
    '$viewer in $name: write $write, moderate $moderate',
    async ({ viewer, name, write, moderate }) => {
      const actor = actors.get(viewer)!;
      const db = t.database.handle.db;
      const row = await db
        .selectFrom('posts')
        .selectAll()
        .where('id', '=', posts.get(name)!)
        .executeTakeFirstOrThrow();
      const space = await resolvePostSpace(db, actor, row);
      expect(canWriteSpace(actor, space)).toBe(write);
      expect(canModerateSpace(actor, space)).toBe(moderate);
    },
  );
});
