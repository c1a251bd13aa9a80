import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { postLimits } from '../../../shared/api/posts.js';
import { insertGroup } from './posts.fixtures.js';
import { sniffImage } from './uploads.images.js';

let t: TestApp;
let owner: Person;
let colleague: Person;

/** A real 1×1 PNG. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

function gif(width: number, height: number): Buffer {
  const header = Buffer.from('GIF89a\0\0\0\0', 'latin1');
  header.writeUInt16LE(width, 6);
  header.writeUInt16LE(height, 8);
  return Buffer.concat([header, Buffer.from([0, 0, 0, 0x3b])]);
}

function jpeg(width: number, height: number): Buffer {
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof = [0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3];
  return Buffer.from([0xff, 0xd8, ...app0, ...sof, ...Array(9).fill(0), 0xff, 0xd9]);
}

function webpExtended(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(30);
  bytes.write('RIFF', 0, 'latin1');
  bytes.writeUInt32LE(22, 4);
  bytes.write('WEBPVP8X', 8, 'latin1');
  bytes.writeUIntLE(width - 1, 24, 3);
  bytes.writeUIntLE(height - 1, 27, 3);
  return bytes;
}

function multipart(file: Buffer, filename: string, type: string, field = 'file') {
  const boundary = '----atrium-upload-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(who: Person | null, file: Buffer, filename = 'photo.png', type = 'image/png') {
  return call(t, who, { method: 'POST', url: '/api/v1/uploads', ...multipart(file, filename, type) });
}

beforeAll(async () => {
  t = await buildTestApp();
  owner = await signedIn(t, 'employee');
  colleague = await signedIn(t, 'employee');
});
afterAll(async () => {
  await t.close();
});

describe('reading image headers', () => {
  it('tells the type from the bytes and reads the size', () => {
    expect(sniffImage(png)).toEqual({ mime: 'image/png', width: 1, height: 1 });
    expect(sniffImage(gif(300, 200))).toEqual({ mime: 'image/gif', width: 300, height: 200 });
    expect(sniffImage(jpeg(640, 480))).toEqual({ mime: 'image/jpeg', width: 640, height: 480 });
    expect(sniffImage(webpExtended(1920, 1080))).toEqual({ mime: 'image/webp', width: 1920, height: 1080 });
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffImage(Buffer.from('GIF8'))).toBeUndefined();
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff]))).toEqual({
      mime: 'image/jpeg',
      width: null,
      height: null,
    });
  });
});

describe('POST /uploads', () => {
  it('stores a PNG and answers its id, url, type and size', async () => {
    const res = await upload(owner, png, 'Снимок\u202E экрана.png');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      name: 'Снимок экрана.png',
      mime: 'image/png',
      size: png.length,
      width: 1,
      height: 1,
    });
    expect(res.json().url).toBe(`/api/v1/uploads/${res.json().id}`);
    const ledger = await t.database.handle.db
      .selectFrom('ledger')
      .select('action')
      .where('subject_id', '=', res.json().id)
      .execute();
    expect(ledger).toEqual([{ action: 'upload.created' }]);
  });

  it('takes the type from the bytes: text named .png is refused, a GIF sent as text/plain is a GIF', async () => {
    const fake = await upload(owner, Buffer.from('just some text, honestly'), 'evil.png', 'image/png');
    expect(fake.statusCode).toBe(415);
    expect(fake.json().code).toBe('UPLOAD_NOT_IMAGE');
    const html = await upload(owner, Buffer.from('<html><script>alert(1)</script>'), 'x.gif', 'image/gif');
    expect(html.json().code).toBe('UPLOAD_NOT_IMAGE');
    const empty = await upload(owner, Buffer.alloc(0));
    expect(empty.json().code).toBe('UPLOAD_NOT_IMAGE');
    const real = await upload(owner, gif(2, 3), 'notes.txt', 'text/plain');
    expect(real.json()).toMatchObject({ mime: 'image/gif', width: 2, height: 3, name: 'notes.txt' });
  });

  it('refuses oversized files (413), missing files (400), JSON (415) and the anonymous (401)', async () => {
    const large = await upload(owner, Buffer.concat([png, Buffer.alloc(3 * 1024 * 1024)]));
    expect(large.statusCode, large.body).toBe(201);
    const big = Buffer.concat([png, Buffer.alloc(postLimits.uploadBytes)]);
    const tooBig = await upload(owner, big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().code).toBe('UPLOAD_TOO_LARGE');
    const boundary = 'b';
    const noFile = await call(t, owner, {
      method: 'POST',
      url: '/api/v1/uploads',
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(noFile.statusCode).toBe(400);
    const json = await call(t, owner, { method: 'POST', url: '/api/v1/uploads', payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    expect((await upload(null, png)).statusCode).toBe(401);
  });
});

describe('GET /uploads/{id}', () => {
  it('serves the owner and readers of a post it is attached to, with safe headers', async () => {
    const db = t.database.handle.db;
    const stored = (await upload(owner, png)).json();
    const url = `/api/v1/uploads/${stored.id}`;
    const own = await call(t, owner, { url });
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(png)).toBe(true);
    expect(own.headers['content-type']).toBe('image/png');
    expect(own.headers['x-content-type-options']).toBe('nosniff');
    expect(own.headers['content-disposition']).toBe('inline');
    expect(own.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    // Not attached anywhere yet: nobody else may see it.
    expect((await call(t, colleague, { url })).statusCode).toBe(404);

    const outsider = await signedIn(t, 'employee');
    const group = await insertGroup(db, {
      visibility: 'closed',
      members: { [owner.id]: 'member', [colleague.id]: 'member' },
    });
    const post = await call(t, owner, {
      method: 'POST',
      url: '/api/v1/posts',
      payload: { space: { type: 'group', id: group.id }, body: '', attachments: [stored.id] },
    });
    expect(post.statusCode, post.body).toBe(201);
    expect(post.json().attachments).toEqual([
      { id: stored.id, url, name: 'photo.png', mime: 'image/png', width: 1, height: 1 },
    ]);
    expect((await call(t, colleague, { url })).statusCode).toBe(200);
    expect((await call(t, outsider, { url })).statusCode).toBe(404);
    expect((await call(t, null, { url })).statusCode).toBe(401);
    expect(
      (await call(t, owner, { url: '/api/v1/uploads/0190a6f0-0000-7000-8000-000000000000' })).json().code,
    ).toBe('UPLOAD_NOT_FOUND');
  });

  it('attaches only one’s own uploads, at most ten', async () => {
    const theirs = (await upload(colleague, png)).json();
    const res = await call(t, owner, {
      method: 'POST',
      url: '/api/v1/posts',
      payload: { space: { type: 'company' }, body: 'x', attachments: [theirs.id] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('ATTACHMENT_INVALID');
    const many = Array.from({ length: 11 }, () => theirs.id);
    const tooMany = await call(t, owner, {
      method: 'POST',
      url: '/api/v1/posts',
      payload: { space: { type: 'company' }, body: 'x', attachments: many },
    });
    expect(tooMany.statusCode).toBe(400);
  });
});
