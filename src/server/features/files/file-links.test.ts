import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { openSession } from '../../../../tests/support/session.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { insertGroup, jobsIdle, ledgerOf, uploadText } from './files.fixtures.js';

/**
 * Links (G3): read-only, for signed-in active people (guests too), expiring (7 days by default,
 * at most 90), revocable at once; the token is shown once and only its hash is stored; downloads
 * through a link are recorded.
 */

let t: TestApp;
let owner: Person;
let colleague: Person;
let guest: Person;

const dayMs = 86_400_000;

beforeAll(async () => {
  t = await buildTestApp();
  owner = await signedIn(t);
  colleague = await signedIn(t);
  guest = await signedIn(t, 'guest');
});
afterEach(() => {
  vi.useRealTimers();
});
afterAll(async () => {
  await jobsIdle();
  await t?.close();
});

async function makeLink(fileId: string, payload?: Record<string, unknown>) {
  const res = await call(t, owner, {
    method: 'POST',
    url: `/api/v1/files/${fileId}/links`,
    payload: payload ?? {},
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; token: string; expiresAt: string };
}

describe('POST|GET|DELETE /files/{id}/links', () => {
  it('answers 401, 404 to whoever may not read the file, 400, and creates a link shown once', async () => {
    const file = await uploadText(t, owner, { space: { type: 'profile' } }, 'l.txt', 'linked bytes');
    const url = `/api/v1/files/${file.id}/links`;
    expect((await call(t, null, { method: 'POST', url, payload: {} })).statusCode).toBe(401);
    expect((await call(t, guest, { method: 'POST', url, payload: {} })).statusCode).toBe(404);
    expect((await call(t, colleague, { method: 'POST', url, payload: {} })).statusCode).toBe(404);
    const past = new Date(Date.now() - 1000).toISOString();
    const far = new Date(Date.now() + 91 * dayMs).toISOString();
    for (const expiresAt of [past, far]) {
      const res = await call(t, owner, { method: 'POST', url, payload: { expiresAt } });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('FILE_LINK_EXPIRY_INVALID');
    }
    expect(
      (await call(t, owner, { method: 'POST', url, payload: { expiresAt: 'tomorrow' } })).statusCode,
    ).toBe(400);

    const before = Date.now();
    const link = await makeLink(file.id);
    expect(link.token.length).toBeGreaterThanOrEqual(40);
    const expires = Date.parse(link.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 7 * dayMs - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 7 * dayMs);
    // Only the hash is stored; lists never show the token again.
    const stored = await t.database.handle.db
      .selectFrom('file_links')
      .selectAll()
      .where('id', '=', link.id)
      .executeTakeFirst();
    expect(stored?.token_hash).not.toContain(link.token);
    const list = await call(t, owner, { method: 'GET', url });
    expect(list.json().items[0]).toMatchObject({ id: link.id, active: true });
    expect(list.body).not.toContain(link.token);
    expect((await call(t, colleague, { method: 'GET', url })).statusCode).toBe(404);
    expect((await ledgerOf(t, 'file.link_created', file.id))[0]?.payload).toMatchObject({ linkId: link.id });
  });

  it('opens the file for any signed-in person, guests too, read-only; downloads are recorded', async () => {
    const file = await uploadText(t, owner, { space: { type: 'profile' } }, 'l.txt', 'linked bytes');
    const link = await makeLink(file.id);
    expect((await call(t, null, { method: 'GET', url: `/api/v1/file-links/${link.token}` })).statusCode).toBe(
      401,
    );
    for (const who of [colleague, guest]) {
      const view = await call(t, who, { method: 'GET', url: `/api/v1/file-links/${link.token}` });
      expect(view.statusCode, view.body).toBe(200);
      expect(view.json()).toMatchObject({
        id: file.id,
        contentUrl: `/api/v1/file-links/${link.token}/content`,
        abilities: { read: true, edit: false, share: false, delete: false, comment: false },
      });
      const bytes = await call(t, who, { method: 'GET', url: `/api/v1/file-links/${link.token}/content` });
      expect(bytes.statusCode).toBe(200);
      expect(bytes.body).toBe('linked bytes');
      expect(bytes.headers['content-disposition']).toMatch(/^attachment;/);
      expect(bytes.headers['x-content-type-options']).toBe('nosniff');
      // The link does not open the file's own routes.
      expect((await call(t, who, { method: 'GET', url: `/api/v1/files/${file.id}` })).statusCode).toBe(404);
      expect(
        (await call(t, who, { method: 'GET', url: `/api/v1/files/${file.id}/content` })).statusCode,
      ).toBe(404);
    }
    const downloads = await ledgerOf(t, 'file.downloaded', file.id);
    expect(downloads.map((d) => d.actor_id)).toEqual([colleague.id, guest.id]);
    expect(downloads[0]?.payload).toMatchObject({ via: 'link', linkId: link.id });
    const unknown = await call(t, colleague, {
      method: 'GET',
      url: '/api/v1/file-links/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('FILE_LINK_NOT_FOUND');
  });

  it('stops working at its expiry (clock-controlled) and when revoked, at once', async () => {
    const file = await uploadText(t, owner, { space: { type: 'profile' } });
    const expiresAt = new Date(Date.now() + 2 * dayMs).toISOString();
    const link = await makeLink(file.id, { expiresAt });
    // A session opened at each moment: sessions expire too, and that is not what is tested here.
    const open = async () => {
      const session = await openSession(t.database.handle.db, colleague.id);
      return t.app.inject({
        method: 'GET',
        url: `/api/v1/file-links/${link.token}`,
        headers: session.headers,
      });
    };
    expect((await open()).statusCode).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse(expiresAt) - 1000);
    expect((await open()).statusCode).toBe(200);
    vi.setSystemTime(Date.parse(expiresAt) + 1000);
    const expired = await open();
    expect(expired.statusCode).toBe(410);
    expect(expired.json().code).toBe('FILE_LINK_EXPIRED');
    vi.useRealTimers();

    const other = await makeLink(file.id);
    const url = `/api/v1/files/${file.id}/links/${other.id}`;
    expect((await call(t, guest, { method: 'DELETE', url })).statusCode).toBe(404);
    expect((await call(t, colleague, { method: 'DELETE', url })).statusCode).toBe(404);
    expect(
      (
        await call(t, owner, {
          method: 'DELETE',
          url: `/api/v1/files/${file.id}/links/01900000-0000-7000-8000-00000000f00d`,
        })
      ).statusCode,
    ).toBe(404);
    // A link id under another file's URL is not found.
    const second = await uploadText(t, owner, { space: { type: 'profile' } });
    expect(
      (await call(t, owner, { method: 'DELETE', url: `/api/v1/files/${second.id}/links/${other.id}` }))
        .statusCode,
    ).toBe(404);
    expect((await call(t, owner, { method: 'DELETE', url })).statusCode).toBe(204);
    const revoked = await call(t, colleague, {
      method: 'GET',
      url: `/api/v1/file-links/${other.token}/content`,
    });
    expect(revoked.statusCode).toBe(410);
    expect((await ledgerOf(t, 'file.link_revoked', file.id))[0]?.payload).toMatchObject({ linkId: other.id });
    const list = (await call(t, owner, { method: 'GET', url: `/api/v1/files/${file.id}/links` })).json();
    expect(list.items.find((l: { id: string }) => l.id === other.id)).toMatchObject({
      active: false,
      abilities: { revoke: false },
    });
  });

  it('stops working when the file is deleted, and refuses inactive people', async () => {
    const file = await uploadText(t, owner, { space: { type: 'profile' } });
    const link = await makeLink(file.id);
    const gone = await signedIn(t, 'employee', { status: 'deactivated' });
    expect((await call(t, gone, { method: 'GET', url: `/api/v1/file-links/${link.token}` })).statusCode).toBe(
      401,
    );
    await call(t, owner, { method: 'DELETE', url: `/api/v1/files/${file.id}` });
    expect(
      (await call(t, colleague, { method: 'GET', url: `/api/v1/file-links/${link.token}` })).statusCode,
    ).toBe(410);
  });

  it('a group member who may edit shares a group file through a link; a guest member may not', async () => {
    const group = await insertGroup(t, 'open', [{ person: owner }, { person: guest }]);
    const file = await uploadText(t, guest, { space: { type: 'group', id: group.id } });
    expect(file.abilities).toMatchObject({ edit: true, share: false, delete: true });
    expect(
      (await call(t, guest, { method: 'POST', url: `/api/v1/files/${file.id}/links`, payload: {} }))
        .statusCode,
    ).toBe(403);
    const res = await call(t, owner, { method: 'POST', url: `/api/v1/files/${file.id}/links`, payload: {} });
    // A plain member who did not upload it may read but not edit: no links either.
    expect(res.statusCode).toBe(403);
  });
});
