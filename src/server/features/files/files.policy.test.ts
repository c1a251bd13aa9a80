import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import type { Actor } from '../../platform/context.js';
import type { FilePermission, GroupRole } from '../../platform/db/schema.js';
import {
  addMember,
  insertDepartment,
  insertGroup,
  jobsIdle,
  makeFolder,
  setDepartment,
  uploadText,
} from './files.fixtures.js';
import {
  canAddToLibrary,
  canManageLibrary,
  canReadLibrary,
  type FileFacts,
  fileAbilities,
  folderAbilities,
  type Library,
} from './files.policy.js';
import { fileFactsOf } from './files.presenter.js';
import { findFileRow, listReadableFileRows } from './files.queries.js';

/**
 * The rules of files.policy.ts as tables (the README of who may do what), and the SQL form of
 * the read rule held to the same answers as the policy over a world of files and people.
 */

const actor = (role: Actor['role'], id = 'me', status: Actor['status'] = 'active'): Actor => ({
  id,
  role,
  status,
  departmentId: null,
});
const company: Library = { type: 'company' };
const profileOf = (ownerId: string): Library => ({ type: 'profile', ownerId });
const groupLib = (visibility: 'open' | 'closed' | 'secret', viewerRole: GroupRole | null): Library => ({
  type: 'group',
  groupId: 'g',
  visibility,
  viewerRole,
});

describe('libraries', () => {
  test.each([
    // who, library, read, add, manage
    ['employee', company, true, false, false],
    ['moderator', company, true, true, true],
    ['admin', company, true, true, true],
    ['guest', company, false, false, false],
    ['employee', profileOf('me'), true, true, true],
    ['employee', profileOf('other'), false, false, false],
    ['admin', profileOf('other'), false, false, false],
    ['guest', profileOf('me'), false, false, false],
    ['employee', groupLib('open', null), true, false, false],
    ['employee', groupLib('open', 'member'), true, true, false],
    ['employee', groupLib('open', 'moderator'), true, true, true],
    ['employee', groupLib('closed', null), false, false, false],
    ['moderator', groupLib('closed', null), true, false, true],
    ['admin', groupLib('secret', null), false, false, false],
    ['admin', groupLib('secret', 'member'), true, true, true],
    ['guest', groupLib('open', null), false, false, false],
    ['guest', groupLib('secret', 'member'), true, true, false],
  ] as const)('%s in %o: read %s, add %s, manage %s', (role, library, read, add, manage) => {
    const who = actor(role);
    expect(canReadLibrary(who, library)).toBe(read);
    expect(canAddToLibrary(who, library)).toBe(add);
    expect(canManageLibrary(who, library)).toBe(manage);
  });

  it('gives nothing to inactive or anonymous callers', () => {
    for (const library of [company, profileOf('me'), groupLib('open', 'admin')]) {
      expect(canReadLibrary(null, library)).toBe(false);
      expect(canReadLibrary(actor('admin', 'me', 'deactivated'), library)).toBe(false);
      expect(canManageLibrary(actor('admin', 'me', 'pending'), library)).toBe(false);
    }
  });
});

describe('files', () => {
  const file = (patch: Partial<FileFacts>): FileFacts => ({
    library: groupLib('secret', null),
    uploaderId: 'someone',
    postReadable: null,
    grant: null,
    ...patch,
  });
  const all = (read: boolean, edit: boolean, share: boolean, del: boolean, comment: boolean) => ({
    read,
    edit,
    share,
    delete: del,
    comment,
  });

  test.each([
    ['a stranger', 'employee', file({}), all(false, false, false, false, false)],
    [
      'a reader of the library',
      'employee',
      file({ library: groupLib('open', null) }),
      all(true, false, false, false, true),
    ],
    [
      'the uploader',
      'employee',
      file({ library: groupLib('open', 'member'), uploaderId: 'me' }),
      all(true, true, true, true, true),
    ],
    ['the uploader who left', 'employee', file({ uploaderId: 'me' }), all(false, false, false, false, false)],
    [
      'a guest uploader',
      'guest',
      file({ library: groupLib('secret', 'member'), uploaderId: 'me' }),
      all(true, true, false, true, true),
    ],
    [
      'a group moderator',
      'employee',
      file({ library: groupLib('secret', 'moderator') }),
      all(true, true, true, true, true),
    ],
    [
      'a platform moderator in an open group',
      'moderator',
      file({ library: groupLib('open', null) }),
      all(true, true, true, true, true),
    ],
    ['an admin outside a secret group', 'admin', file({}), all(false, false, false, false, false)],
    ['a read share', 'employee', file({ grant: 'read' }), all(true, false, false, false, true)],
    ['an edit share', 'employee', file({ grant: 'edit' }), all(true, true, true, false, true)],
    [
      'a guest with an edit share',
      'guest',
      file({ grant: 'edit' as FilePermission }),
      all(true, true, false, false, true),
    ],
    ['a link only', 'employee', file({ viaLink: true }), all(true, false, false, false, false)],
    [
      'a reader of the post',
      'employee',
      file({ library: groupLib('open', null), postReadable: true }),
      all(true, false, false, false, true),
    ],
    [
      'a library reader who may not read the post',
      'employee',
      file({ library: groupLib('open', null), postReadable: false }),
      all(false, false, false, false, false),
    ],
    [
      'a share on a post file',
      'employee',
      file({ postReadable: false, grant: 'read' }),
      all(true, false, false, false, true),
    ],
    [
      'the company library, an employee',
      'employee',
      file({ library: company }),
      all(true, false, false, false, true),
    ],
    [
      'the company library, a moderator',
      'moderator',
      file({ library: company }),
      all(true, true, true, true, true),
    ],
    [
      'the company library, a guest',
      'guest',
      file({ library: company }),
      all(false, false, false, false, false),
    ],
    [
      'a profile library, its owner',
      'employee',
      file({ library: profileOf('me') }),
      all(true, true, true, true, true),
    ],
    [
      'a profile library, an admin',
      'admin',
      file({ library: profileOf('other') }),
      all(false, false, false, false, false),
    ],
  ] as const)('%s', (_what, role, facts, expected) => {
    expect(fileAbilities(actor(role), facts)).toEqual(expected);
  });

  it('an inactive person holds nothing, even with a share or a link', () => {
    const gone = actor('employee', 'me', 'deactivated');
    expect(fileAbilities(gone, file({ grant: 'edit', viaLink: true, uploaderId: 'me' }))).toEqual(
      all(false, false, false, false, false),
    );
    expect(fileAbilities(null, file({ viaLink: true })).read).toBe(false);
  });
});

describe('folders', () => {
  test.each([
    ['a library reader', 'employee', groupLib('open', null), 'x', null, [true, false, false, false, false]],
    ['a member', 'employee', groupLib('open', 'member'), 'x', null, [true, true, false, false, false]],
    ['its creator', 'employee', groupLib('open', 'member'), 'me', null, [true, true, true, true, true]],
    ['a manager', 'employee', groupLib('closed', 'admin'), 'x', null, [true, true, true, true, true]],
    ['a read share', 'employee', profileOf('x'), 'x', 'read', [true, false, false, false, false]],
    ['an edit share', 'employee', profileOf('x'), 'x', 'edit', [true, true, true, true, false]],
    ['a guest with an edit share', 'guest', company, 'x', 'edit', [true, true, true, false, false]],
    ['a stranger', 'employee', profileOf('x'), 'x', null, [false, false, false, false, false]],
  ] as const)('%s', (_what, role, library, creatorId, grant, [read, add, edit, share, del]) => {
    expect(folderAbilities(actor(role), { library, creatorId, grant })).toEqual({
      read,
      add,
      edit,
      share,
      delete: del,
    });
  });
});

describe('the SQL read rule agrees with the policy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await jobsIdle();
    await t?.close();
  });

  it('for every person and every file of a mixed world', async () => {
    const db = t.database.handle.db;
    const people = {
      admin: await signedIn(t, 'admin'),
      moderator: await signedIn(t, 'moderator'),
      member: await signedIn(t),
      groupAdmin: await signedIn(t),
      employee: await signedIn(t),
      inDept: await signedIn(t),
      inSubDept: await signedIn(t),
      guest: await signedIn(t, 'guest'),
      otherGuest: await signedIn(t, 'guest'),
    };
    const top = await insertDepartment(t);
    const sub = await insertDepartment(t, top);
    await setDepartment(t, people.inDept.id, top);
    await setDepartment(t, people.inSubDept.id, sub);
    await setDepartment(t, people.guest.id, sub);
    const groups = {
      open: await insertGroup(t, 'open', [
        { person: people.member },
        { person: people.groupAdmin, role: 'admin' },
      ]),
      closed: await insertGroup(t, 'closed', [{ person: people.member }, { person: people.guest }]),
      secret: await insertGroup(t, 'secret', [
        { person: people.groupAdmin, role: 'admin' },
        { person: people.otherGuest },
      ]),
    };
    const ids: string[] = [];
    const up = async (who: typeof people.member, target: Parameters<typeof uploadText>[2]) => {
      const f = await uploadText(t, who, target);
      ids.push(f.id);
      return f;
    };
    await up(people.admin, { space: { type: 'company' } });
    await up(people.member, { space: { type: 'profile' } });
    for (const [name, g] of Object.entries(groups)) {
      const owner = name === 'secret' ? people.groupAdmin : people.member;
      await up(owner, { space: { type: 'group', id: g.id } });
      const folder = await makeFolder(t, owner, { space: { type: 'group', id: g.id } });
      const inner = await makeFolder(t, owner, { parentId: folder.id });
      await up(owner, { folderId: inner.id });
      const grant = async (url: string, granteeType: string, granteeId: string) => {
        const res = await t.app.inject({
          method: 'POST',
          url,
          headers: owner.session.headers,
          payload: { granteeType, granteeId, permission: 'read' },
        });
        expect(res.statusCode, res.body).toBeLessThan(300);
      };
      await grant(`/api/v1/folders/${folder.id}/shares`, 'department', top);
      const shared = await up(owner, { space: { type: 'group', id: g.id } });
      await grant(`/api/v1/files/${shared.id}/shares`, 'user', people.otherGuest.id);
    }
    const mine = await up(people.employee, { space: { type: 'profile' } });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/files/${mine.id}/shares`,
      headers: people.employee.session.headers,
      payload: { granteeType: 'group', granteeId: groups.closed.id, permission: 'edit' },
    });
    await addMember(t, groups.open.id, people.guest.id);

    // A file attached to a post in the closed group (no route attaches yet: written directly).
    const postId = uuidv7();
    const now = new Date().toISOString();
    await db
      .insertInto('posts')
      .values({
        id: postId,
        space_type: 'group',
        group_id: groups.closed.id,
        profile_id: null,
        author_id: people.member.id,
        body: 'with a file',
        html: '<p>with a file</p>',
        shared_post_id: null,
        preview_url: null,
        preview: null,
        pinned_at: null,
        hidden_at: null,
        hidden_by: null,
        created_at: now,
        updated_at: now,
        edited_at: null,
      })
      .execute();
    const attached = await up(people.member, { space: { type: 'group', id: groups.closed.id } });
    await db.updateTable('files').set({ post_id: postId }).where('id', '=', attached.id).execute();

    let checked = 0;
    for (const [name, person] of Object.entries(people)) {
      const row = await db
        .selectFrom('users')
        .select(['role', 'status', 'department_id'])
        .where('id', '=', person.id)
        .executeTakeFirstOrThrow();
      const who: Actor = {
        id: person.id,
        role: row.role,
        status: row.status,
        departmentId: row.department_id,
      };
      const bySql = new Set((await listReadableFileRows(db, who, ids)).map((r) => r.id));
      for (const id of ids) {
        const fileRow = await findFileRow(db, who, id);
        const byPolicy = fileRow !== undefined && fileAbilities(who, fileFactsOf(fileRow)).read;
        expect(bySql.has(id), `${name} reading ${id}`).toBe(byPolicy);
        checked += 1;
      }
    }
    expect(checked).toBe(Object.keys(people).length * ids.length);
    // The world is not trivial: some read everything of theirs, some nothing.
    const guestReads = await listReadableFileRows(
      db,
      { ...people.guest, role: 'guest', status: 'active', departmentId: sub },
      ids,
    );
    expect(guestReads.length).toBeGreaterThan(0);
    expect(guestReads.length).toBeLessThan(ids.length);
  });
});
