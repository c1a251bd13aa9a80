import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import {
  addMember,
  insertDepartment,
  insertGroup,
  jobsIdle,
  ledgerOf,
  makeFolder,
  removeMember,
  setDepartment,
  uploadText,
} from './files.fixtures.js';

/**
 * Shares (G3): to a person (a guest too), to a group's members, to a department and everything
 * below it; on a file or on a folder, inherited by everything under the folder; read or edit;
 * removed at once; and access that follows live memberships — leaving the group or the
 * department ends it on the next request.
 */

let t: TestApp;
let owner: Person;
let reader: Person;
let guest: Person;

const canRead = async (who: Person, fileId: string) =>
  (await call(t, who, { method: 'GET', url: `/api/v1/files/${fileId}` })).statusCode === 200;
const share = (who: Person, target: string, payload: Record<string, string>) =>
  call(t, who, { method: 'POST', url: `/api/v1/${target}/shares`, payload });

beforeAll(async () => {
  t = await buildTestApp();
  owner = await signedIn(t);
  reader = await signedIn(t);
  guest = await signedIn(t, 'guest');
});
afterAll(async () => {
  await jobsIdle();
  await t?.close();
});

describe('POST|GET|DELETE /files/{id}/shares', () => {
  it('answers 401, 404 to whoever may not read the file, 403 to readers who may not share, 400, and shares to a person', async () => {
    const file = await uploadText(t, owner, { space: { type: 'profile' } });
    const url = `/api/v1/files/${file.id}/shares`;
    const body = { granteeType: 'user', granteeId: reader.id, permission: 'read' };
    expect((await call(t, null, { method: 'POST', url, payload: body })).statusCode).toBe(401);
    expect((await call(t, guest, { method: 'POST', url, payload: body })).statusCode).toBe(404);
    expect((await call(t, reader, { method: 'POST', url, payload: body })).statusCode).toBe(404);
    expect(
      (await call(t, owner, { method: 'POST', url, payload: { ...body, permission: 'own' } })).statusCode,
    ).toBe(400);
    const nobody = { ...body, granteeId: '01900000-0000-7000-8000-00000000f00d' };
    expect((await call(t, owner, { method: 'POST', url, payload: nobody })).json().code).toBe(
      'FILE_GRANTEE_NOT_FOUND',
    );

    expect(await canRead(reader, file.id)).toBe(false);
    const created = await call(t, owner, { method: 'POST', url, payload: body });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      grantee: { type: 'user', id: reader.id, isGuest: false },
      permission: 'read',
      target: { type: 'file', id: file.id },
      inherited: false,
      abilities: { delete: true },
    });
    expect(await canRead(reader, file.id)).toBe(true);
    const view = (await call(t, reader, { method: 'GET', url: `/api/v1/files/${file.id}` })).json();
    expect(view.abilities).toEqual({ read: true, edit: false, share: false, delete: false, comment: true });
    // A reader without the right to share cannot list or remove shares.
    expect((await call(t, reader, { method: 'GET', url })).statusCode).toBe(403);
    const readShare = `${url}/${created.json().id}`;
    expect((await call(t, reader, { method: 'DELETE', url: readShare })).statusCode).toBe(403);

    // Sharing again changes the permission instead of adding a share.
    const upgraded = await call(t, owner, { method: 'POST', url, payload: { ...body, permission: 'edit' } });
    expect(upgraded.statusCode).toBe(200);
    expect(upgraded.json().id).toBe(created.json().id);
    const edits = (await call(t, reader, { method: 'GET', url: `/api/v1/files/${file.id}` })).json();
    expect(edits.abilities).toEqual({ read: true, edit: true, share: true, delete: false, comment: true });

    const list = await call(t, owner, { method: 'GET', url });
    expect(list.json().items).toHaveLength(1);
    const shareId = created.json().id as string;
    expect((await call(t, guest, { method: 'DELETE', url: `${url}/${shareId}` })).statusCode).toBe(404);
    expect(
      (await call(t, owner, { method: 'DELETE', url: `${url}/01900000-0000-7000-8000-00000000f00d` }))
        .statusCode,
    ).toBe(404);
    expect((await call(t, owner, { method: 'DELETE', url: `${url}/${shareId}` })).statusCode).toBe(204);
    expect(await canRead(reader, file.id)).toBe(false);

    expect(await ledgerOf(t, 'file.shared', file.id)).toHaveLength(2);
    expect((await ledgerOf(t, 'file.unshared', file.id))[0]?.payload).toMatchObject({ granteeId: reader.id });
  });

  it('shares to a guest personally; the guest reads but never shares', async () => {
    const file = await uploadText(t, owner, { space: { type: 'company' } }).catch(() => undefined);
    expect(file).toBeUndefined(); // employees do not add to the company library
    const mine = await uploadText(t, owner, { space: { type: 'profile' } });
    expect(await canRead(guest, mine.id)).toBe(false);
    const res = await share(owner, `files/${mine.id}`, {
      granteeType: 'user',
      granteeId: guest.id,
      permission: 'edit',
    });
    expect(res.json().grantee.isGuest).toBe(true);
    expect(await canRead(guest, mine.id)).toBe(true);
    const view = (await call(t, guest, { method: 'GET', url: `/api/v1/files/${mine.id}` })).json();
    expect(view.abilities).toEqual({ read: true, edit: true, share: false, delete: false, comment: true });
    const again = { granteeType: 'user', granteeId: reader.id, permission: 'read' };
    expect((await share(guest, `files/${mine.id}`, again)).statusCode).toBe(403);
    expect((await call(t, guest, { method: 'GET', url: `/api/v1/files/${mine.id}/shares` })).statusCode).toBe(
      403,
    );
    expect(
      (await call(t, guest, { method: 'POST', url: `/api/v1/files/${mine.id}/links`, payload: {} }))
        .statusCode,
    ).toBe(403);
  });

  it('shares to a group: its members read, and a removed member loses access at once', async () => {
    const member = await signedIn(t);
    const group = await insertGroup(t, 'secret', [{ person: member }, { person: guest }]);
    const file = await uploadText(t, owner, { space: { type: 'profile' } });
    // The owner does not know of the secret group: it cannot be named.
    const hidden = await share(owner, `files/${file.id}`, {
      granteeType: 'group',
      granteeId: group.id,
      permission: 'read',
    });
    expect(hidden.json().code).toBe('FILE_GRANTEE_NOT_FOUND');
    await addMember(t, group.id, owner.id);
    const res = await share(owner, `files/${file.id}`, {
      granteeType: 'group',
      granteeId: group.id,
      permission: 'read',
    });
    expect(res.statusCode).toBe(201);
    expect(await canRead(member, file.id)).toBe(true);
    expect(await canRead(guest, file.id)).toBe(true);
    await removeMember(t, group.id, member.id);
    expect(await canRead(member, file.id)).toBe(false);
    await addMember(t, group.id, member.id);
    expect(await canRead(member, file.id)).toBe(true);
  });

  it('shares to a department with its sub-departments; moving out ends access at once; guests never through one', async () => {
    const top = await insertDepartment(t);
    const sub = await insertDepartment(t, top);
    const subsub = await insertDepartment(t, sub);
    const sibling = await insertDepartment(t);
    const inTop = await signedIn(t);
    const deep = await signedIn(t);
    const aside = await signedIn(t);
    await setDepartment(t, inTop.id, top);
    await setDepartment(t, deep.id, subsub);
    await setDepartment(t, aside.id, sibling);
    await setDepartment(t, guest.id, subsub);
    const file = await uploadText(t, owner, { space: { type: 'profile' } });
    const res = await share(owner, `files/${file.id}`, {
      granteeType: 'department',
      granteeId: sub,
      permission: 'read',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await canRead(deep, file.id)).toBe(true);
    expect(await canRead(inTop, file.id)).toBe(false);
    expect(await canRead(aside, file.id)).toBe(false);
    expect(await canRead(guest, file.id)).toBe(false);
    await setDepartment(t, deep.id, sibling);
    expect(await canRead(deep, file.id)).toBe(false);
    await setDepartment(t, deep.id, sub);
    expect(await canRead(deep, file.id)).toBe(true);
    await setDepartment(t, guest.id, null);
  });

  it('inherits a folder share through nested folders and files, and lists inherited shares', async () => {
    const root = await makeFolder(t, owner, { space: { type: 'profile' } }, 'Projects');
    const nested = await makeFolder(t, owner, { parentId: root.id }, 'Alpha');
    const deeper = await makeFolder(t, owner, { parentId: nested.id }, 'Docs');
    const file = await uploadText(t, owner, { folderId: deeper.id });
    const outside = await uploadText(t, owner, { space: { type: 'profile' } });
    expect(await canRead(reader, file.id)).toBe(false);
    const res = await share(owner, `folders/${nested.id}`, {
      granteeType: 'user',
      granteeId: reader.id,
      permission: 'read',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().target).toEqual({ type: 'folder', id: nested.id, name: 'Alpha' });
    expect(await canRead(reader, file.id)).toBe(true);
    expect(await canRead(reader, outside.id)).toBe(false);
    expect((await call(t, reader, { method: 'GET', url: `/api/v1/folders/${deeper.id}` })).statusCode).toBe(
      200,
    );
    expect((await call(t, reader, { method: 'GET', url: `/api/v1/folders/${root.id}` })).statusCode).toBe(
      404,
    );
    // The folder's page in the owner's library opens for the reader; the library's root does not.
    const page = await call(t, reader, {
      method: 'GET',
      url: `/api/v1/libraries/people/${owner.id}?folderId=${deeper.id}`,
    });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().items.map((i: { id: string }) => i.id)).toEqual([file.id]);
    expect(page.json().folder.path.map((p: { name: string }) => p.name)).toEqual(['Projects', 'Alpha']);
    expect(
      (await call(t, reader, { method: 'GET', url: `/api/v1/libraries/people/${owner.id}` })).statusCode,
    ).toBe(404);

    // The file's shares include the inherited one, which is removed on its folder only.
    const listed = (await call(t, owner, { method: 'GET', url: `/api/v1/files/${file.id}/shares` })).json();
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ inherited: true, abilities: { delete: false } });
    const shareId = listed.items[0].id;
    expect(
      (await call(t, owner, { method: 'DELETE', url: `/api/v1/files/${file.id}/shares/${shareId}` }))
        .statusCode,
    ).toBe(404);
    // Moving the file out of the shared folder takes it out of the share.
    await call(t, owner, {
      method: 'PATCH',
      url: `/api/v1/files/${file.id}`,
      payload: { folderId: root.id },
    });
    expect(await canRead(reader, file.id)).toBe(false);
    await call(t, owner, {
      method: 'PATCH',
      url: `/api/v1/files/${file.id}`,
      payload: { folderId: deeper.id },
    });
    expect(
      (await call(t, owner, { method: 'DELETE', url: `/api/v1/folders/${nested.id}/shares/${shareId}` }))
        .statusCode,
    ).toBe(204);
    expect(await canRead(reader, file.id)).toBe(false);
    expect(await ledgerOf(t, 'folder.unshared', nested.id)).toHaveLength(1);
  });

  it('an edit share on a folder lets its holder add inside it, but not at the library root', async () => {
    const folder = await makeFolder(t, owner, { space: { type: 'profile' } });
    await share(owner, `folders/${folder.id}`, {
      granteeType: 'user',
      granteeId: reader.id,
      permission: 'edit',
    });
    const added = await uploadText(t, reader, { folderId: folder.id });
    expect(added.abilities).toMatchObject({ edit: true, delete: true });
    await expect(uploadText(t, reader, { space: { type: 'profile', id: owner.id } })).rejects.toThrow(/404/);
    const sub = await makeFolder(t, reader, { parentId: folder.id });
    expect(sub.abilities).toMatchObject({ read: true, add: true, edit: true, share: true, delete: true });
  });
});

describe('GET /files/shared-with-me', () => {
  it('lists files and folders shared to me, my groups and my department, newest share first', async () => {
    const me = await signedIn(t);
    const dept = await insertDepartment(t);
    await setDepartment(t, me.id, dept);
    const group = await insertGroup(t, 'open', [{ person: me }, { person: owner }]);
    const a = await uploadText(t, owner, { space: { type: 'profile' } }, 'a.txt');
    const b = await uploadText(t, owner, { space: { type: 'profile' } }, 'b.txt');
    const folder = await makeFolder(t, owner, { space: { type: 'profile' } }, 'Shared folder');
    const notMine = await uploadText(t, owner, { space: { type: 'profile' } }, 'c.txt');
    await share(owner, `files/${a.id}`, { granteeType: 'user', granteeId: me.id, permission: 'read' });
    await share(owner, `files/${b.id}`, { granteeType: 'group', granteeId: group.id, permission: 'read' });
    await share(owner, `folders/${folder.id}`, {
      granteeType: 'department',
      granteeId: dept,
      permission: 'edit',
    });
    await share(owner, `files/${notMine.id}`, {
      granteeType: 'user',
      granteeId: reader.id,
      permission: 'read',
    });
    // Shared twice: listed once.
    await share(owner, `files/${a.id}`, { granteeType: 'department', granteeId: dept, permission: 'read' });

    expect((await call(t, null, { method: 'GET', url: '/api/v1/files/shared-with-me' })).statusCode).toBe(
      401,
    );
    const first = (await call(t, me, { method: 'GET', url: '/api/v1/files/shared-with-me?limit=2' })).json();
    const rest = (
      await call(t, me, {
        method: 'GET',
        url: `/api/v1/files/shared-with-me?limit=2&cursor=${first.nextCursor}`,
      })
    ).json();
    const items = [...first.items, ...rest.items];
    expect(items.map((i: { name: string }) => i.name)).toEqual(['a.txt', 'Shared folder', 'b.txt']);
    expect(rest.nextCursor).toBeNull();
    expect(items[1]).toMatchObject({ type: 'folder', abilities: { add: true } });
    // Deleted files leave the list.
    await call(t, owner, { method: 'DELETE', url: `/api/v1/files/${b.id}` });
    const after = (await call(t, me, { method: 'GET', url: '/api/v1/files/shared-with-me' })).json();
    expect(after.items.map((i: { name: string }) => i.name)).toEqual(['a.txt', 'Shared folder']);
  });
});
