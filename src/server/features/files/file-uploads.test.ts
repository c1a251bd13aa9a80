import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { docx, odt, pdf, zip } from '../../platform/files/files.fixtures.js';
import {
  insertGroup,
  jobsIdle,
  ledgerOf,
  makeFolder,
  multipart,
  uploadRaw,
  uploadText,
} from './files.fixtures.js';

/**
 * Uploads (R26): streaming into the store, types from the bytes against the allow-list, names
 * kept as normalised metadata, the per-file limit and the quota — refused before the body is
 * read past them — and where a file may be added.
 */

let t: TestApp;
let admin: Person;
let anna: Person;
let boris: Person;
let guest: Person;
let groupId: string;

const b = (...parts: (string | number[] | Buffer)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const pad = (buf: Buffer, n = 200) => Buffer.concat([buf, Buffer.alloc(Math.max(0, n - buf.length))]);
const image = (format: 'jpeg' | 'png' | 'gif' | 'webp') =>
  sharp({ create: { width: 64, height: 40, channels: 3, background: '#336699' } })
    .toFormat(format)
    .toBuffer();

const tmpFiles = () => {
  const dir = path.join(t.config.dataDir, 'files', 'tmp');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t, 'admin');
  anna = await signedIn(t);
  boris = await signedIn(t);
  guest = await signedIn(t, 'guest');
  groupId = (await insertGroup(t, 'open', [{ person: anna }, { person: guest }])).id;
});
afterAll(async () => {
  await jobsIdle();
  await t?.close();
});

describe('POST /files', () => {
  it('refuses anonymous callers (401) and non-multipart bodies (415)', async () => {
    const anonymous = await uploadRaw(
      t,
      null,
      { space: { type: 'profile' } },
      {
        filename: 'a.txt',
        content: Buffer.from('hi'),
      },
    );
    expect(anonymous.statusCode).toBe(401);
    const json = await call(t, anna, {
      method: 'POST',
      url: '/api/v1/files',
      payload: { space: { type: 'profile' } },
    });
    expect(json.statusCode).toBe(415);
  });

  it('needs a target and a file (400)', async () => {
    const noTarget = await uploadRaw(t, anna, {}, { filename: 'a.txt', content: Buffer.from('hi') });
    expect(noTarget.statusCode).toBe(400);
    expect(noTarget.json().code).toBe('FILE_TARGET_MISSING');
    const badSpace = multipart([
      { name: 'space', value: '{"type":"planet"}' },
      { name: 'file', filename: 'a.txt', content: Buffer.from('hi') },
    ]);
    const res = await call(t, anna, {
      method: 'POST',
      url: '/api/v1/files',
      payload: badSpace.body,
      headers: { 'content-type': badSpace.contentType },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    const notJson = multipart([
      { name: 'space', value: '{type' },
      { name: 'file', filename: 'a.txt', content: Buffer.from('hi') },
    ]);
    const res2 = await call(t, anna, {
      method: 'POST',
      url: '/api/v1/files',
      payload: notJson.body,
      headers: { 'content-type': notJson.contentType },
    });
    expect(res2.statusCode).toBe(400);
    const noFile = multipart([{ name: 'space', value: '{"type":"profile"}' }]);
    const res3 = await call(t, anna, {
      method: 'POST',
      url: '/api/v1/files',
      payload: noFile.body,
      headers: { 'content-type': noFile.contentType },
    });
    expect(res3.statusCode).toBe(400);
    expect(res3.json().code).toBe('FILE_MISSING');
    const empty = await uploadRaw(
      t,
      anna,
      { space: { type: 'profile' } },
      { filename: 'a.txt', content: Buffer.alloc(0) },
    );
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('FILE_EMPTY');
  });

  it('answers 400 to malformed multipart bodies (cut short, no boundary, bad part headers), never hangs', async () => {
    const cut =
      '--x\r\nContent-Disposition: form-data; name="space"\r\n\r\n{"type":"profile"}\r\n' +
      '--x\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello';
    const cases: [string, string][] = [
      [cut, 'multipart/form-data; boundary=x'],
      ['garbage', 'multipart/form-data; boundary=x'],
      ['--x\r\nbad header\r\n\r\nhello\r\n--x--\r\n', 'multipart/form-data; boundary=x'],
      ['x', 'multipart/form-data'],
    ];
    for (const [payload, contentType] of cases) {
      const res = await call(t, anna, {
        method: 'POST',
        url: '/api/v1/files',
        payload,
        headers: { 'content-type': contentType },
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect(tmpFiles()).toEqual([]);
  });

  it('stores a file in a library, with the fields before or after the file, and records it', async () => {
    const before = await uploadRaw(
      t,
      anna,
      { space: { type: 'group', id: groupId } },
      {
        filename: 'plan.txt',
        content: Buffer.from('the plan'),
      },
    );
    expect(before.statusCode, before.body).toBe(201);
    const file = before.json();
    expect(file).toMatchObject({
      name: 'plan.txt',
      mimeType: 'text/plain',
      kind: 'text',
      size: 8,
      version: 1,
      space: { type: 'group', id: groupId },
      folderId: null,
      uploadedBy: { id: anna.id, isGuest: false },
      abilities: { read: true, edit: true, share: true, delete: true, comment: true },
    });
    const [entry] = await ledgerOf(t, 'file.uploaded', file.id);
    expect(entry).toMatchObject({ actor_id: anna.id, payload: { name: 'plan.txt', size: 8 } });

    const after = await uploadRaw(
      t,
      anna,
      { space: { type: 'profile' } },
      { filename: 'mine.txt', content: Buffer.from('mine') },
      { fieldsAfter: true },
    );
    expect(after.statusCode, after.body).toBe(201);
    expect(after.json().space).toMatchObject({ type: 'profile', id: anna.id });
  });

  it('accepts every allowed kind, typed from the bytes whatever the name and the declared type say', async () => {
    const samples: [string, Buffer, string, string][] = [
      ['photo.jpg', await image('jpeg'), 'image/jpeg', 'image'],
      ['photo.png', await image('png'), 'image/png', 'image'],
      ['anim.gif', await image('gif'), 'image/gif', 'image'],
      ['pic.webp', await image('webp'), 'image/webp', 'image'],
      ['report.pdf', pdf(['Quarterly report']), 'application/pdf', 'pdf'],
      [
        'letter.docx',
        docx(['Dear colleagues']),
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'office',
      ],
      ['sheet.odt', odt(), 'application/vnd.oasis.opendocument.text', 'office'],
      ['bundle.zip', zip([{ name: 'a.txt', data: 'hello' }]), 'application/zip', 'archive'],
      ['notes.txt', Buffer.from('Привет, мир!\n'), 'text/plain', 'text'],
      ['table.csv', Buffer.from('a,b\n1,2\n'), 'text/csv', 'text'],
      ['README.md', Buffer.from('# Title\n\nSome *text*.\n'), 'text/markdown', 'markdown'],
      [
        'song.mp3',
        pad(b('ID3', [3, 0, 0, 0, 0, 0, 10], Buffer.alloc(10), [0xff, 0xfb, 0x90, 0x00])),
        'audio/mpeg',
        'media',
      ],
      ['clip.mp4', pad(b([0, 0, 0, 0x18], 'ftypisom', [0, 0, 2, 0], 'isommp41')), 'video/mp4', 'media'],
      ['sound.ogg', pad(b('OggS', Buffer.alloc(24), [0x01], 'vorbis')), 'audio/ogg', 'media'],
      [
        'clip.webm',
        pad(
          b(
            [
              0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81,
              0x04,
            ],
            [0x42, 0xf3, 0x81, 0x08, 0x42, 0x82, 0x84],
            'webm',
            [0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02],
          ),
        ),
        'video/webm',
        'media',
      ],
      [
        'logo.svg',
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>'),
        'image/svg+xml',
        'other',
      ],
    ];
    for (const [filename, content, mimeType, kind] of samples) {
      const res = await uploadRaw(
        t,
        anna,
        { space: { type: 'profile' } },
        { filename, content, type: 'text/html' },
      );
      expect(res.statusCode, `${filename}: ${res.body}`).toBe(201);
      expect(res.json(), filename).toMatchObject({ name: filename, mimeType, kind, size: content.length });
    }
    await jobsIdle();
  });

  it('refuses bytes that lie about their type: an executable named .pdf, HTML named .txt (415)', async () => {
    const refused: [string, Buffer, string][] = [
      ['invoice.pdf', pad(b('MZ', Buffer.alloc(58), [0x40, 0, 0, 0], 'PE\0\0')), 'application/x-msdownload'],
      ['tool.jpg', pad(b([0x7f], 'ELF', [2, 1, 1])), 'application/x-elf'],
      ['notes.txt', Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'), 'text/html'],
      ['page.txt', Buffer.from('<script>alert(document.domain)</script>'), 'text/html'],
      ['data.csv', Buffer.from('hello\0world'), 'application/octet-stream'],
      ['archive.gz', pad(b([0x1f, 0x8b, 8])), 'application/gzip'],
    ];
    for (const [filename, content, type] of refused) {
      const res = await uploadRaw(
        t,
        anna,
        { space: { type: 'profile' } },
        {
          filename,
          content,
          type: 'application/pdf',
        },
      );
      expect(res.statusCode, filename).toBe(415);
      expect(res.json().code).toBe('FILE_TYPE_NOT_ALLOWED');
      expect(res.json().detail, filename).toContain(type);
    }
  });

  it('keeps the original name only as normalised metadata: no controls, bidi characters or paths', async () => {
    const res = await uploadRaw(
      t,
      anna,
      { space: { type: 'profile' } },
      {
        filename: '../../etc/pass\u202Ewd\u0007.txt',
        content: Buffer.from('x'),
      },
    );
    expect(res.statusCode, res.body).toBe(201);
    const name = res.json().name as string;
    for (const bad of ['/', '\\', '\u202E', '\u0007']) expect(name).not.toContain(bad);
    expect(name.endsWith('.txt')).toBe(true);
    const long = await uploadRaw(
      t,
      anna,
      { space: { type: 'profile' } },
      {
        filename: `${'я'.repeat(300)}.txt`,
        content: Buffer.from('x'),
      },
    );
    expect(long.statusCode).toBe(201);
    expect(Buffer.byteLength(long.json().name, 'utf8')).toBeLessThanOrEqual(255);
    expect(long.json().name.endsWith('.txt')).toBe(true);
  });

  it('adds to a library only for those who may (404 for what they cannot read, 403 otherwise)', async () => {
    const text = { filename: 'a.txt', content: Buffer.from('a') };
    const secret = await insertGroup(t, 'secret', [{ person: anna }]);
    expect((await uploadRaw(t, boris, { space: { type: 'group', id: secret.id } }, text)).statusCode).toBe(
      404,
    );
    expect((await uploadRaw(t, boris, { space: { type: 'group', id: groupId } }, text)).statusCode).toBe(403);
    expect((await uploadRaw(t, anna, { space: { type: 'company' } }, text)).statusCode).toBe(403);
    expect((await uploadRaw(t, admin, { space: { type: 'company' } }, text)).statusCode).toBe(201);
    expect((await uploadRaw(t, anna, { space: { type: 'profile', id: boris.id } }, text)).statusCode).toBe(
      404,
    );
    expect((await uploadRaw(t, guest, { space: { type: 'company' } }, text)).statusCode).toBe(404);
    expect((await uploadRaw(t, guest, { space: { type: 'profile' } }, text)).statusCode).toBe(404);
    expect((await uploadRaw(t, guest, { space: { type: 'group', id: groupId } }, text)).statusCode).toBe(201);
    const unknown = '01900000-0000-7000-8000-00000000beef';
    expect((await uploadRaw(t, anna, { space: { type: 'group', id: unknown } }, text)).statusCode).toBe(404);
    expect((await uploadRaw(t, anna, { folderId: unknown }, text)).statusCode).toBe(404);

    const folder = await makeFolder(t, anna, { space: { type: 'group', id: groupId } });
    const inFolder = await uploadRaw(t, anna, { folderId: folder.id }, text);
    expect(inFolder.statusCode).toBe(201);
    expect(inFolder.json().folderId).toBe(folder.id);
    // A folder and another library together: the folder is not in that library.
    const mismatch = await uploadRaw(t, anna, { folderId: folder.id, space: { type: 'profile' } }, text);
    expect(mismatch.statusCode).toBe(404);
    // A refused target with the fields after the file: the bytes were read, the row never written.
    const late = await uploadRaw(t, boris, { space: { type: 'group', id: secret.id } }, text, {
      fieldsAfter: true,
    });
    expect(late.statusCode).toBe(404);
    expect(tmpFiles()).toEqual([]);
  });
});

describe('POST /files/{id}/versions', () => {
  it('adds a version for editors only, refused before the body is read', async () => {
    const file = await uploadText(t, anna, { space: { type: 'group', id: groupId } }, 'draft.txt', 'one');
    const url = `/api/v1/files/${file.id}/versions`;
    const body = { filename: 'draft-2.txt', content: Buffer.from('two two') };
    expect((await uploadRaw(t, null, {}, body, { url })).statusCode).toBe(401);
    expect((await uploadRaw(t, boris, {}, body, { url })).statusCode).toBe(403);
    const stranger = await insertGroup(t, 'secret', [{ person: anna }]);
    const hidden = await uploadText(t, anna, { space: { type: 'group', id: stranger.id } });
    expect(
      (await uploadRaw(t, boris, {}, body, { url: `/api/v1/files/${hidden.id}/versions` })).statusCode,
    ).toBe(404);
    const res = await uploadRaw(t, anna, {}, body, { url });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ id: file.id, version: 2, size: 7, name: 'draft.txt' });
    const bad = await uploadRaw(
      t,
      anna,
      {},
      { filename: 'x.txt', content: Buffer.from('<html><body>') },
      { url },
    );
    expect(bad.statusCode).toBe(415);
    const [entry] = await ledgerOf(t, 'file.version_added', file.id);
    expect(entry?.payload).toMatchObject({ version: 2, size: 7 });
  });
});
