import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { insertGroup, jobsIdle, ledgerOf, makeFolder, uploadRaw, uploadText } from './files.fixtures.js';

/**
 * One file: its metadata, rename and move, soft deletion, the version history and restoring —
 * and 404 for everyone who may not read it, whatever id they try.
 */

let t: TestApp;
let admin: Person;
let anna: Person;
let boris: Person;
let guest: Person;
let outsider: Person;
let group: { id: string };
let other: { id: string };

const get = (who: Person | null, url: string, headers: Record<string, string> = {}) =>
  call(t, who, { method: 'GET', url, headers });

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t, 'admin');
  anna = await signedIn(t);
  boris = await signedIn(t);
  guest = await signedIn(t, 'guest');
  outsider = await signedIn(t, 'guest');
  group = await insertGroup(t, 'closed', [
    { person: anna },
    { person: boris, role: 'moderator' },
    { person: guest },
  ]);
  other = await insertGroup(t, 'secret', [{ person: outsider }]);
});
afterAll(async () => {
  await jobsIdle();
  await t?.close();
});

describe('GET /files/{id}', () => {
  it('answers 401, 400, 404 and the view with abilities', async () => {
    const file = await uploadText(t, anna, { space: { type: 'group', id: group.id } });
    expect((await get(null, `/api/v1/files/${file.id}`)).statusCode).toBe(401);
    expect((await get(anna, '/api/v1/files/not-a-uuid')).statusCode).toBe(400);
    expect((await get(anna, '/api/v1/files/01900000-0000-7000-8000-00000000dead')).statusCode).toBe(404);
    const own = await get(anna, `/api/v1/files/${file.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().abilities).toEqual({
      read: true,
      edit: true,
      share: true,
      delete: true,
      comment: true,
    });
    // A group moderator manages the library; a guest member reads and comments only.
    expect((await get(boris, `/api/v1/files/${file.id}`)).json().abilities).toEqual({
      read: true,
      edit: true,
      share: true,
      delete: true,
      comment: true,
    });
    expect((await get(guest, `/api/v1/files/${file.id}`)).json().abilities).toEqual({
      read: true,
      edit: false,
      share: false,
      delete: false,
      comment: true,
    });
    // Closed group: non-members get 404, platform moderators and admins read.
    const employee = await signedIn(t);
    expect((await get(employee, `/api/v1/files/${file.id}`)).statusCode).toBe(404);
    expect((await get(admin, `/api/v1/files/${file.id}`)).json().abilities).toMatchObject({
      read: true,
      edit: true,
    });
    expect((await get(outsider, `/api/v1/files/${file.id}`)).statusCode).toBe(404);
  });

  it('gives 404 on every file URL to whoever may not read the file, whatever the id', async () => {
    const file = await uploadText(
      t,
      outsider,
      { space: { type: 'group', id: other.id } },
      'secret.txt',
      'secret',
    );
    await jobsIdle();
    const urls = [
      `/api/v1/files/${file.id}`,
      `/api/v1/files/${file.id}/content`,
      `/api/v1/files/${file.id}/content?version=1`,
      `/api/v1/files/${file.id}/thumbnail`,
      `/api/v1/files/${file.id}/text`,
      `/api/v1/files/${file.id}/versions`,
      `/api/v1/files/${file.id}/comments`,
    ];
    for (const who of [anna, boris, guest, admin]) {
      for (const url of urls) {
        const res = await get(who, url);
        expect(res.statusCode, `${url} as ${who.role}`).toBe(404);
        expect(res.body).not.toContain('secret');
      }
      const writes = [
        { method: 'PATCH' as const, url: `/api/v1/files/${file.id}`, payload: { name: 'x.txt' } },
        { method: 'DELETE' as const, url: `/api/v1/files/${file.id}` },
        { method: 'POST' as const, url: `/api/v1/files/${file.id}/versions/1/restore` },
        { method: 'POST' as const, url: `/api/v1/files/${file.id}/comments`, payload: { body: 'hi' } },
      ];
      for (const w of writes) expect((await call(t, who, w)).statusCode, `${w.method} ${w.url}`).toBe(404);
    }
    const version = await uploadRaw(
      t,
      anna,
      {},
      { filename: 'x.txt', content: Buffer.from('x') },
      {
        url: `/api/v1/files/${file.id}/versions`,
      },
    );
    expect(version.statusCode).toBe(404);
  });
});

describe('PATCH and DELETE /files/{id}', () => {
  it('renames and moves within the library for editors; records both', async () => {
    const file = await uploadText(t, anna, { space: { type: 'group', id: group.id } }, 'old.txt');
    const folder = await makeFolder(t, anna, { space: { type: 'group', id: group.id } });
    const url = `/api/v1/files/${file.id}`;
    expect((await call(t, null, { method: 'PATCH', url, payload: { name: 'x' } })).statusCode).toBe(401);
    expect((await call(t, anna, { method: 'PATCH', url, payload: {} })).statusCode).toBe(400);
    expect((await call(t, anna, { method: 'PATCH', url, payload: { name: '\u200B ' } })).json().code).toBe(
      'FILE_NAME_EMPTY',
    );
    expect((await call(t, guest, { method: 'PATCH', url, payload: { name: 'mine.txt' } })).statusCode).toBe(
      403,
    );
    const res = await call(t, anna, {
      method: 'PATCH',
      url,
      payload: { name: 'new\u202E.txt', folderId: folder.id },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'new.txt', folderId: folder.id });
    expect((await ledgerOf(t, 'file.renamed', file.id))[0]?.payload).toMatchObject({
      before: 'old.txt',
      after: 'new.txt',
    });
    expect((await ledgerOf(t, 'file.moved', file.id))[0]?.payload).toMatchObject({
      from: null,
      to: folder.id,
    });
    const back = await call(t, boris, { method: 'PATCH', url, payload: { folderId: null } });
    expect(back.json().folderId).toBeNull();

    // Another library's folder is refused; an unknown folder is 404.
    const elsewhere = await makeFolder(t, anna, { space: { type: 'profile' } });
    const cross = await call(t, anna, { method: 'PATCH', url, payload: { folderId: elsewhere.id } });
    expect(cross.statusCode).toBe(400);
    expect(cross.json().code).toBe('FILE_MOVE_OTHER_LIBRARY');
    const hidden = await makeFolder(t, outsider, { space: { type: 'group', id: other.id } });
    expect((await call(t, anna, { method: 'PATCH', url, payload: { folderId: hidden.id } })).statusCode).toBe(
      404,
    );
  });

  it('deletes softly for the uploader and managers: gone from lists and reads, kept in the ledger', async () => {
    const file = await uploadText(t, anna, { space: { type: 'group', id: group.id } }, 'gone.txt', 'bye');
    const url = `/api/v1/files/${file.id}`;
    expect((await call(t, null, { method: 'DELETE', url })).statusCode).toBe(401);
    expect((await call(t, guest, { method: 'DELETE', url })).statusCode).toBe(403);
    expect((await call(t, anna, { method: 'DELETE', url })).statusCode).toBe(204);
    expect((await get(anna, url)).statusCode).toBe(404);
    expect((await get(boris, `${url}/content`)).statusCode).toBe(404);
    const list = await get(anna, `/api/v1/libraries/groups/${group.id}?limit=100`);
    expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(file.id);
    const [entry] = await ledgerOf(t, 'file.deleted', file.id);
    expect(entry).toMatchObject({ actor_id: anna.id, payload: { name: 'gone.txt' } });
    // The row stays for the archive.
    const row = await t.database.handle.db
      .selectFrom('files')
      .select('deleted_at')
      .where('id', '=', file.id)
      .executeTakeFirst();
    expect(row?.deleted_at).not.toBeNull();
    expect((await call(t, anna, { method: 'DELETE', url })).statusCode).toBe(404);
  });
});

describe('versions', () => {
  it('lists versions newest first, paginated', async () => {
    const file = await uploadText(t, anna, { space: { type: 'group', id: group.id } }, 'h.txt', 'v1');
    for (const body of ['v2', 'v3']) {
      await uploadRaw(
        t,
        boris,
        {},
        { filename: 'h.txt', content: Buffer.from(body) },
        {
          url: `/api/v1/files/${file.id}/versions`,
        },
      );
    }
    expect((await get(null, `/api/v1/files/${file.id}/versions`)).statusCode).toBe(401);
    const first = await get(guest, `/api/v1/files/${file.id}/versions?limit=2`);
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.items.map((v: { version: number }) => v.version)).toEqual([3, 2]);
    expect(page.items[0]).toMatchObject({ current: true, uploadedBy: { id: boris.id }, size: 2 });
    const rest = (
      await get(guest, `/api/v1/files/${file.id}/versions?limit=2&cursor=${page.nextCursor}`)
    ).json();
    expect(rest.items.map((v: { version: number }) => v.version)).toEqual([1]);
    expect(rest.nextCursor).toBeNull();
    expect((await get(guest, `/api/v1/files/${file.id}/versions?cursor=bogus!`)).statusCode).toBe(400);
  });

  it('restores an old version as the newest one, for editors; records it', async () => {
    const file = await uploadText(t, anna, { space: { type: 'group', id: group.id } }, 'r.txt', 'original');
    await uploadRaw(
      t,
      anna,
      {},
      { filename: 'r.txt', content: Buffer.from('changed') },
      {
        url: `/api/v1/files/${file.id}/versions`,
      },
    );
    const url = `/api/v1/files/${file.id}/versions/1/restore`;
    expect((await call(t, null, { method: 'POST', url })).statusCode).toBe(401);
    expect((await call(t, guest, { method: 'POST', url })).statusCode).toBe(403);
    expect(
      (await call(t, anna, { method: 'POST', url: `/api/v1/files/${file.id}/versions/7/restore` }))
        .statusCode,
    ).toBe(404);
    expect(
      (await call(t, anna, { method: 'POST', url: `/api/v1/files/${file.id}/versions/2/restore` }))
        .statusCode,
    ).toBe(409);
    const res = await call(t, anna, { method: 'POST', url });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 3, size: 8 });
    expect((await get(anna, `/api/v1/files/${file.id}/content`)).body).toBe('original');
    expect((await ledgerOf(t, 'file.restored_version', file.id))[0]?.payload).toMatchObject({
      restored: 1,
      version: 3,
    });
  });
});
