import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { detectImageType } from './user-photos.service.js';

let t: TestApp;
let owner: Person;

beforeAll(async () => {
  t = await buildTestApp();
  owner = await signedIn(t, 'employee');
});
afterAll(async () => {
  await t.close();
});

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]);
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBP'), Buffer.alloc(32, 3)]);

const upload = (who: Person | null, userId: string, body: Buffer, type = 'application/octet-stream') =>
  call(t, who, {
    method: 'PUT',
    url: `/api/v1/users/${userId}/photo`,
    payload: body,
    headers: { 'content-type': type },
  });

describe('profile photos', () => {
  it('detects the type from the bytes only', () => {
    expect(detectImageType(png)).toBe('image/png');
    expect(detectImageType(jpeg)).toBe('image/jpeg');
    expect(detectImageType(webp)).toBe('image/webp');
    expect(detectImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(detectImageType(Buffer.from('GIF89a'))).toBeUndefined();
  });

  it('stores uploads content-addressed and serves them with their type and nosniff', async () => {
    const res = await upload(owner, owner.id, png);
    expect(res.statusCode).toBe(200);
    const { photoUrl } = res.json();
    expect(photoUrl).toMatch(new RegExp(`^/api/v1/users/${owner.id}/photo\\?v=`));
    const key = (
      await t.database.handle.db
        .selectFrom('users')
        .select('photo_key')
        .where('id', '=', owner.id)
        .executeTakeFirstOrThrow()
    ).photo_key!;
    expect(fs.existsSync(path.join(t.config.dataDir, 'files', key.slice(0, 2), key))).toBe(true);
    const reader = await signedIn(t, 'employee');
    const photo = await call(t, reader, { url: photoUrl });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.headers['x-content-type-options']).toBe('nosniff');
    expect(photo.rawPayload.equals(png)).toBe(true);
    expect((await upload(owner, owner.id, jpeg, 'image/jpeg')).statusCode).toBe(200);
    expect((await call(t, reader, { url: `/api/v1/users/${owner.id}/photo` })).headers['content-type']).toBe(
      'image/jpeg',
    );
    expect((await call(t, reader, { url: `/api/v1/users/${owner.id}` })).json().photoUrl).not.toBe(photoUrl);
  });

  it('refuses other types, empty and oversized bodies, and the wrong content type', async () => {
    const svg = await upload(owner, owner.id, Buffer.from('<svg onload="alert(1)"/>'), 'image/png');
    expect(svg.statusCode).toBe(400);
    expect(svg.json().code).toBe('PHOTO_INVALID');
    expect((await upload(owner, owner.id, Buffer.alloc(0))).statusCode).toBe(400);
    const big = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]);
    expect((await upload(owner, owner.id, big)).statusCode).toBe(413);
    const html = await upload(owner, owner.id, Buffer.from('<html>'), 'text/html');
    expect(html.statusCode).toBe(415);
    const json = await call(t, owner, {
      method: 'PUT',
      url: `/api/v1/users/${owner.id}/photo`,
      payload: { a: 1 },
    });
    expect(json.statusCode).toBe(415);
  });

  it('lets only the person and admins change it, and only members see it', async () => {
    const other = await signedIn(t, 'employee');
    expect((await upload(other, owner.id, png)).statusCode).toBe(403);
    expect((await upload(null, owner.id, png)).statusCode).toBe(401);
    const admin = await signedIn(t, 'admin');
    expect((await upload(admin, owner.id, webp, 'image/webp')).statusCode).toBe(200);
    const guest = await signedIn(t, 'guest');
    expect((await call(t, guest, { url: `/api/v1/users/${owner.id}/photo` })).statusCode).toBe(403);
    expect((await upload(guest, guest.id, png)).statusCode).toBe(200);
    expect((await call(t, guest, { url: `/api/v1/users/${guest.id}/photo` })).statusCode).toBe(200);
    expect((await call(t, null, { url: `/api/v1/users/${owner.id}/photo` })).statusCode).toBe(401);
  });

  it('removes the photo', async () => {
    const person = await signedIn(t, 'employee');
    await upload(person, person.id, png);
    expect(
      (await call(t, person, { method: 'DELETE', url: `/api/v1/users/${person.id}/photo` })).statusCode,
    ).toBe(204);
    expect((await call(t, person, { url: `/api/v1/users/${person.id}` })).json().photoUrl).toBeNull();
    const gone = await call(t, person, { url: `/api/v1/users/${person.id}/photo` });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('PHOTO_NOT_FOUND');
  });
});
