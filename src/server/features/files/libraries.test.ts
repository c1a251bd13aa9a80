import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import type { LibraryPage } from '../../../shared/api/files.js';
import { insertGroup, jobsIdle, ledgerOf, makeFolder, removeMember, uploadText } from './files.fixtures.js';

/**
 * Libraries and folders (G2): the company's (admins and moderators add, employees read, guests
 * never), a group's (its readers; members add), a person's own (its owner only); folders first,
 * then files, by name, in cursor pages; folders created, renamed, moved with their contents and
 * deleted with them.
 */

let t: TestApp;
let admin: Person;
let moderator: Person;
let anna: Person;
let boris: Person;
let guest: Person;
let group: { id: string; name: string };
let guestsGroup: { id: string };

const page = async (who: Person | null, url: string) => {
  const res = await call(t, who, { method: 'GET', url });
  return { status: res.statusCode, body: res.json() as LibraryPage & { code?: string } };
};
const names = (p: LibraryPage) => p.items.map((i) => `${i.type}:${i.name}`);

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t, 'admin');
  moderator = await signedIn(t, 'moderator');
  anna = await signedIn(t);
  boris = await signedIn(t);
  guest = await signedIn(t, 'guest');
  group = await insertGroup(t, 'open', [{ person: anna, role: 'admin' }, { person: guest }]);
  guestsGroup = await insertGroup(t, 'secret', [{ person: guest }, { person: boris }]);
});
afterAll(async () => {
  await jobsIdle();
  await t?.close();
});

describe('GET /libraries/company', () => {
  it('is read by employees, added to by admins and moderators, and does not exist for guests', async () => {
    await uploadText(t, moderator, { space: { type: 'company' } }, 'Policy.txt');
    await makeFolder(t, admin, { space: { type: 'company' } }, 'Handbook');
    expect((await page(null, '/api/v1/libraries/company')).status).toBe(401);
    const seen = await page(boris, '/api/v1/libraries/company');
    expect(seen.status).toBe(200);
    expect(seen.body.library).toMatchObject({
      space: { type: 'company', id: null },
      abilities: { read: true, add: false },
    });
    expect(names(seen.body)).toEqual(['folder:Handbook', 'file:Policy.txt']);
    expect((await page(admin, '/api/v1/libraries/company')).body.library.abilities).toEqual({
      read: true,
      add: true,
    });
    const refused = await page(guest, '/api/v1/libraries/company');
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('FILE_LIBRARY_NOT_FOUND');
  });
});

describe('GET /libraries/groups/{id}', () => {
  it('lists folders first, then files, by name, in cursor pages', async () => {
    const g = await insertGroup(t, 'open', [{ person: anna }]);
    for (const n of ['b.txt', 'A.txt', 'c.txt'])
      await uploadText(t, anna, { space: { type: 'group', id: g.id } }, n);
    for (const n of ['Zeta', 'alpha']) await makeFolder(t, anna, { space: { type: 'group', id: g.id } }, n);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/libraries/groups/${g.id}?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const p = await page(boris, url);
      expect(p.status).toBe(200);
      seen.push(...names(p.body));
      cursor = p.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual(['folder:alpha', 'folder:Zeta', 'file:A.txt', 'file:b.txt', 'file:c.txt']);
    expect(pages).toBe(3);
    expect((await page(boris, `/api/v1/libraries/groups/${g.id}?cursor=nope!`)).status).toBe(400);
    expect((await page(boris, '/api/v1/libraries/groups/not-a-uuid')).status).toBe(400);
  });

  it("is a secret group's for its members only; guests see only their groups' files", async () => {
    await uploadText(t, boris, { space: { type: 'group', id: guestsGroup.id } }, 'for-guests.txt');
    await uploadText(t, anna, { space: { type: 'group', id: group.id } }, 'open-group.txt');
    const other = await insertGroup(t, 'open', [{ person: anna }]);
    const elsewhere = await uploadText(t, anna, { space: { type: 'group', id: other.id } }, 'elsewhere.txt');

    expect(names((await page(guest, `/api/v1/libraries/groups/${guestsGroup.id}`)).body)).toContain(
      'file:for-guests.txt',
    );
    expect((await page(guest, `/api/v1/libraries/groups/${group.id}`)).status).toBe(200);
    expect((await page(guest, `/api/v1/libraries/groups/${other.id}`)).status).toBe(404);
    expect((await call(t, guest, { method: 'GET', url: `/api/v1/files/${elsewhere.id}` })).statusCode).toBe(
      404,
    );
    // Non-members of a secret group, admins included, get 404.
    expect((await page(anna, `/api/v1/libraries/groups/${guestsGroup.id}`)).status).toBe(404);
    expect((await page(admin, `/api/v1/libraries/groups/${guestsGroup.id}`)).status).toBe(404);
    expect((await page(anna, '/api/v1/libraries/groups/01900000-0000-7000-8000-00000000beef')).status).toBe(
      404,
    );
    // Leaving the group ends it at once.
    await removeMember(t, guestsGroup.id, guest.id);
    expect((await page(guest, `/api/v1/libraries/groups/${guestsGroup.id}`)).status).toBe(404);
  });
});

describe('GET /libraries/people/{id}', () => {
  it("is its owner's only", async () => {
    await uploadText(t, boris, { space: { type: 'profile' } }, 'mine.txt');
    const own = await page(boris, `/api/v1/libraries/people/${boris.id}`);
    expect(own.status).toBe(200);
    expect(own.body.library).toMatchObject({ name: boris.name, abilities: { read: true, add: true } });
    expect(names(own.body)).toEqual(['file:mine.txt']);
    for (const who of [anna, admin, guest]) {
      expect((await page(who, `/api/v1/libraries/people/${boris.id}`)).status).toBe(404);
    }
    expect((await page(guest, `/api/v1/libraries/people/${guest.id}`)).status).toBe(404);
  });
});

describe('folders', () => {
  it('POST /folders: 401, 400, 404, 403 and 201 with breadcrumbs; recorded', async () => {
    expect(
      (await call(t, null, { method: 'POST', url: '/api/v1/folders', payload: { name: 'x' } })).statusCode,
    ).toBe(401);
    expect(
      (await call(t, anna, { method: 'POST', url: '/api/v1/folders', payload: { name: 'x' } })).statusCode,
    ).toBe(400);
    const blank = await call(t, anna, {
      method: 'POST',
      url: '/api/v1/folders',
      payload: { name: '\u200B', space: { type: 'profile' } },
    });
    expect(blank.json().code).toBe('FILE_NAME_EMPTY');
    const secret = await insertGroup(t, 'secret', [{ person: boris }]);
    const hidden = await call(t, anna, {
      method: 'POST',
      url: '/api/v1/folders',
      payload: { name: 'x', space: { type: 'group', id: secret.id } },
    });
    expect(hidden.statusCode).toBe(404);
    const company = await call(t, anna, {
      method: 'POST',
      url: '/api/v1/folders',
      payload: { name: 'x', space: { type: 'company' } },
    });
    expect(company.statusCode).toBe(403);
    const top = await makeFolder(t, anna, { space: { type: 'group', id: group.id } }, 'Top');
    const mid = await makeFolder(t, anna, { parentId: top.id }, 'Mid');
    const leaf = await makeFolder(t, guest, { parentId: mid.id }, 'Leaf');
    expect(leaf.path.map((p) => p.name)).toEqual(['Top', 'Mid']);
    expect(leaf).toMatchObject({
      parentId: mid.id,
      space: { type: 'group', id: group.id },
      createdBy: { isGuest: true },
    });
    expect((await ledgerOf(t, 'folder.created', leaf.id))[0]?.payload).toMatchObject({ name: 'Leaf' });
    const read = await call(t, boris, { method: 'GET', url: `/api/v1/folders/${leaf.id}` });
    expect(read.json()).toMatchObject({ name: 'Leaf', abilities: { read: true, add: false, edit: false } });
  });

  it('PATCH /folders/{id}: renames, moves with everything inside, never into itself', async () => {
    const a = await makeFolder(t, anna, { space: { type: 'group', id: group.id } }, 'A');
    const b = await makeFolder(t, anna, { parentId: a.id }, 'B');
    const c = await makeFolder(t, anna, { parentId: b.id }, 'C');
    const file = await uploadText(t, anna, { folderId: c.id });
    const target = await makeFolder(t, anna, { space: { type: 'group', id: group.id } }, 'Target');
    const url = `/api/v1/folders/${b.id}`;
    expect((await call(t, boris, { method: 'PATCH', url, payload: { name: 'x' } })).statusCode).toBe(403);
    const loop = await call(t, anna, { method: 'PATCH', url, payload: { parentId: c.id } });
    expect(loop.json().code).toBe('FOLDER_MOVE_INTO_ITSELF');
    expect((await call(t, anna, { method: 'PATCH', url, payload: { parentId: b.id } })).json().code).toBe(
      'FOLDER_MOVE_INTO_ITSELF',
    );
    const moved = await call(t, anna, { method: 'PATCH', url, payload: { parentId: target.id, name: 'B2' } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ name: 'B2', parentId: target.id });
    expect(moved.json().path.map((p: { name: string }) => p.name)).toEqual(['Target']);
    const deep = await call(t, anna, { method: 'GET', url: `/api/v1/folders/${c.id}` });
    expect(deep.json().path.map((p: { name: string }) => p.name)).toEqual(['Target', 'B2']);
    // A share on the new ancestor now reaches the file; one on the old does not.
    await call(t, anna, {
      method: 'POST',
      url: `/api/v1/folders/${target.id}/shares`,
      payload: { granteeType: 'user', granteeId: boris.id, permission: 'edit' },
    });
    const fileView = await call(t, boris, { method: 'GET', url: `/api/v1/files/${file.id}` });
    expect(fileView.json().abilities.edit).toBe(true);
    const toRoot = await call(t, anna, { method: 'PATCH', url, payload: { parentId: null } });
    expect(toRoot.json().path).toEqual([]);
    expect(
      (await call(t, boris, { method: 'GET', url: `/api/v1/files/${file.id}` })).json().abilities.edit,
    ).toBe(false);
    expect(await ledgerOf(t, 'folder.moved', b.id)).toHaveLength(2);
  });

  it('DELETE /folders/{id}: a creator deletes an empty folder; managers delete one with its contents', async () => {
    const member = await signedIn(t);
    const g = await insertGroup(t, 'open', [{ person: anna, role: 'admin' }, { person: member }]);
    const mine = await makeFolder(t, member, { space: { type: 'group', id: g.id } }, 'Mine');
    const inner = await makeFolder(t, member, { parentId: mine.id }, 'Inner');
    const file = await uploadText(t, member, { folderId: inner.id });
    expect((await call(t, null, { method: 'DELETE', url: `/api/v1/folders/${mine.id}` })).statusCode).toBe(
      401,
    );
    expect((await call(t, boris, { method: 'DELETE', url: `/api/v1/folders/${mine.id}` })).statusCode).toBe(
      403,
    );
    const full = await call(t, member, { method: 'DELETE', url: `/api/v1/folders/${mine.id}` });
    expect(full.statusCode).toBe(409);
    expect(full.json().code).toBe('FOLDER_NOT_EMPTY');
    expect((await call(t, anna, { method: 'DELETE', url: `/api/v1/folders/${mine.id}` })).statusCode).toBe(
      204,
    );
    for (const url of [
      `/api/v1/folders/${mine.id}`,
      `/api/v1/folders/${inner.id}`,
      `/api/v1/files/${file.id}`,
    ]) {
      expect((await call(t, anna, { method: 'GET', url })).statusCode).toBe(404);
    }
    expect(names((await page(anna, `/api/v1/libraries/groups/${g.id}`)).body)).toEqual([]);
    const [entry] = await ledgerOf(t, 'folder.deleted', mine.id);
    expect(entry?.payload).toMatchObject({
      folderIds: expect.arrayContaining([mine.id, inner.id]),
      fileIds: [file.id],
    });
    const empty = await makeFolder(t, member, { space: { type: 'group', id: g.id } });
    expect((await call(t, member, { method: 'DELETE', url: `/api/v1/folders/${empty.id}` })).statusCode).toBe(
      204,
    );
  });

  it('refuses nesting deeper than the limit', async () => {
    let parent = await makeFolder(t, boris, { space: { type: 'profile' } }, 'L1');
    for (let level = 2; level <= 20; level++)
      parent = await makeFolder(t, boris, { parentId: parent.id }, `L${level}`);
    const tooDeep = await call(t, boris, {
      method: 'POST',
      url: '/api/v1/folders',
      payload: { parentId: parent.id, name: 'L21' },
    });
    expect(tooDeep.statusCode).toBe(400);
    expect(tooDeep.json().code).toBe('FOLDER_TOO_DEEP');
  });

  it('gives 404 on every folder URL to whoever may not read it', async () => {
    const hidden = await makeFolder(t, boris, { space: { type: 'profile' } }, 'Private');
    for (const who of [anna, admin, guest]) {
      expect((await call(t, who, { method: 'GET', url: `/api/v1/folders/${hidden.id}` })).statusCode).toBe(
        404,
      );
      expect(
        (await call(t, who, { method: 'PATCH', url: `/api/v1/folders/${hidden.id}`, payload: { name: 'x' } }))
          .statusCode,
      ).toBe(404);
      expect((await call(t, who, { method: 'DELETE', url: `/api/v1/folders/${hidden.id}` })).statusCode).toBe(
        404,
      );
      const share = await call(t, who, { method: 'GET', url: `/api/v1/folders/${hidden.id}/shares` });
      expect(share.statusCode).toBe(404);
      const listing = await page(who, `/api/v1/libraries/people/${boris.id}?folderId=${hidden.id}`);
      expect(listing.status).toBe(404);
      const swapped = await page(who, `/api/v1/libraries/people/${who.id}?folderId=${hidden.id}`);
      expect(swapped.status).toBe(404);
    }
  });
});
