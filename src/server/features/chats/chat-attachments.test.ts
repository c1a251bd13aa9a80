import sharp from 'sharp';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import type { MessageAttachment } from '../../../shared/api/chats.js';
import { AppError } from '../../platform/http/errors.js';
import { multipart } from '../files/files.fixtures.js';
import {
  claimAttachments,
  copyAttachments,
  loadAttachments,
  removeAbandonedAttachments,
} from './chat-attachments.service.js';

/**
 * Chat attachments (C4): uploads into a chat's pending area, typed from the bytes, images with
 * their size and a thumbnail; downloads for members only with the safe headers; the claim rules
 * a message relies on, and forwarding copies.
 */

let t: TestApp;
let anna: Person;
let boris: Person;
let olga: Person;
let chatId: string;
let otherChatId: string;
let channelId: string;

const png = (width = 64, height = 40) =>
  sharp({ create: { width, height, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();

/** Chats are inserted directly: their own behaviour is the chats slice's to test. */
async function insertChat(
  kind: 'group' | 'channel',
  members: { person: Person; role?: 'admin' | 'member' }[],
) {
  const db = t.database.handle.db;
  const id = uuidv7();
  const now = new Date().toISOString();
  await db
    .insertInto('chats')
    .values({
      id,
      kind,
      name: `Chat ${id.slice(-6)}`,
      photo_key: null,
      direct_key: null,
      group_id: null,
      department_id: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const m of members) {
    await db
      .insertInto('chat_members')
      .values({
        chat_id: id,
        user_id: m.person.id,
        role: m.role ?? 'member',
        via: 'added',
        joined_at: now,
        pinned_at: null,
        archived_at: null,
        folder_id: null,
      })
      .execute();
  }
  return id;
}

let seq = 0;
async function insertMessage(chat: string, author: Person, deleted = false): Promise<string> {
  const id = uuidv7();
  seq += 1;
  const now = new Date().toISOString();
  await t.database.handle.db
    .insertInto('messages')
    .values({
      id,
      chat_id: chat,
      seq,
      client_id: id,
      author_id: author.id,
      kind: 'text',
      body: 'x',
      html: '<p>x</p>',
      reply_to_id: null,
      thread_root_id: null,
      forwarded_from_id: null,
      sticker_id: null,
      created_at: now,
      edited_at: null,
      deleted_at: deleted ? now : null,
      deleted_by: null,
    })
    .execute();
  return id;
}

function upload(who: Person | null, chat: string, file: { filename: string; content: Buffer }) {
  const { body, contentType } = multipart([{ name: 'file', ...file }]);
  return call(t, who, {
    method: 'POST',
    url: `/api/v1/chats/${chat}/attachments`,
    payload: body,
    headers: { 'content-type': contentType },
  });
}

async function uploaded(who: Person, chat: string, name = 'notes.txt', content = Buffer.from('hello')) {
  const res = await upload(who, chat, { filename: name, content });
  expect(res.statusCode).toBe(201);
  return res.json() as MessageAttachment;
}

const claim = (input: { chatId: string; uploaderId: string; messageId: string; attachmentIds: string[] }) =>
  t.database.handle.db.transaction().execute((tx) => claimAttachments(tx, input));

beforeAll(async () => {
  t = await buildTestApp();
  anna = await signedIn(t);
  boris = await signedIn(t);
  olga = await signedIn(t, 'guest');
  chatId = await insertChat('group', [{ person: anna }, { person: boris }]);
  otherChatId = await insertChat('group', [{ person: anna }]);
  channelId = await insertChat('channel', [{ person: anna, role: 'admin' }, { person: boris }]);
});
afterAll(async () => {
  await t?.close();
});

describe('POST /chats/{id}/attachments', () => {
  it('stores an image with its size and a WebP thumbnail, pending', async () => {
    const a = await uploaded(anna, chatId, 'photo.png', await png(64, 40));
    expect(a).toMatchObject({ name: 'photo.png', mime: 'image/png', kind: 'image', width: 64, height: 40 });
    expect(a.url).toBe(`/api/v1/chats/${chatId}/attachments/${a.id}`);
    expect(a.thumbnailUrl).toBe(`${a.url}/thumbnail`);
    const thumb = await call(t, anna, { method: 'GET', url: a.thumbnailUrl! });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    const bytes = await call(t, anna, { method: 'GET', url: a.url });
    expect(bytes.statusCode).toBe(200);
    expect(bytes.headers['content-disposition']).toMatch(/^inline/);
    expect(bytes.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses HTML and executables (415), an empty file and a missing part (400)', async () => {
    const html = await upload(anna, chatId, {
      filename: 'a.txt',
      content: Buffer.from('<!doctype html><script>x</script>'),
    });
    expect(html.statusCode).toBe(415);
    expect(html.json().code).toBe('FILE_TYPE_NOT_ALLOWED');
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    expect((await upload(anna, chatId, { filename: 'setup.exe', content: exe })).statusCode).toBe(415);
    expect((await upload(anna, chatId, { filename: 'e.txt', content: Buffer.alloc(0) })).statusCode).toBe(
      400,
    );
    const none = multipart([{ name: 'other', value: 'x' }]);
    const missing = await call(t, anna, {
      method: 'POST',
      url: `/api/v1/chats/${chatId}/attachments`,
      payload: none.body,
      headers: { 'content-type': none.contentType },
    });
    expect(missing.statusCode).toBe(400);
  });

  it('hides the chat from non-members (404) and refuses channel members who may not post (403)', async () => {
    const res = await upload(olga, chatId, { filename: 'a.txt', content: Buffer.from('hi') });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('CHAT_NOT_FOUND');
    expect((await upload(null, chatId, { filename: 'a.txt', content: Buffer.from('hi') })).statusCode).toBe(
      401,
    );
    const ro = await upload(boris, channelId, { filename: 'a.txt', content: Buffer.from('hi') });
    expect(ro.statusCode).toBe(403);
  });

  it('serves SVG and text only as attachments', async () => {
    const svg = await uploaded(
      anna,
      chatId,
      'x.svg',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
    );
    const res = await call(t, anna, { method: 'GET', url: svg.url });
    expect(res.headers['content-disposition']).toMatch(/^attachment/);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-security-policy']).toContain('sandbox');
  });
});

describe('GET /chats/{id}/attachments/{attachmentId}', () => {
  it('lets only the uploader fetch a pending upload; members once it is sent; nobody once deleted', async () => {
    const a = await uploaded(anna, chatId);
    expect((await call(t, anna, { method: 'GET', url: a.url })).body).toBe('hello');
    expect((await call(t, boris, { method: 'GET', url: a.url })).statusCode).toBe(404);
    expect((await call(t, olga, { method: 'GET', url: a.url })).json().code).toBe('CHAT_NOT_FOUND');

    const messageId = await insertMessage(chatId, anna);
    await claim({ chatId, uploaderId: anna.id, messageId, attachmentIds: [a.id] });
    expect((await call(t, boris, { method: 'GET', url: a.url })).statusCode).toBe(200);
    expect((await call(t, olga, { method: 'GET', url: a.url })).statusCode).toBe(404);
    // The URL of another chat the person is in does not reach it.
    const elsewhere = `/api/v1/chats/${otherChatId}/attachments/${a.id}`;
    expect((await call(t, anna, { method: 'GET', url: elsewhere })).statusCode).toBe(404);

    const gone = await uploaded(anna, chatId);
    const deletedId = await insertMessage(chatId, anna, true);
    await claim({ chatId, uploaderId: anna.id, messageId: deletedId, attachmentIds: [gone.id] });
    expect((await call(t, anna, { method: 'GET', url: gone.url })).statusCode).toBe(404);
  });
});

describe('claimAttachments, loadAttachments, copyAttachments', () => {
  it('attaches in the given order; refuses someone else’s, another chat’s, sent and repeated ids', async () => {
    const one = await uploaded(anna, chatId, 'one.txt');
    const two = await uploaded(anna, chatId, 'two.txt');
    const borisOwn = await uploaded(boris, chatId, 'b.txt');
    const elsewhere = await uploaded(anna, otherChatId, 'o.txt');
    const m = await insertMessage(chatId, anna);

    const refuses = async (ids: string[]) => {
      const err = await claim({ chatId, uploaderId: anna.id, messageId: m, attachmentIds: ids }).catch(
        (e) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      expect(err.code).toBe('CHAT_ATTACHMENT_NOT_FOUND');
    };
    await refuses([one.id, borisOwn.id]);
    await refuses([elsewhere.id]);
    await refuses([one.id, one.id]);
    await refuses([uuidv7()]);

    await claim({ chatId, uploaderId: anna.id, messageId: m, attachmentIds: [two.id, one.id] });
    await refuses([one.id]);
    const loaded = await loadAttachments(t.database.handle.db, [m, uuidv7()]);
    expect(loaded.get(m)!.map((a) => a.name)).toEqual(['two.txt', 'one.txt']);
    expect(loaded.size).toBe(1);

    // Forwarding: new rows in the other chat over the same bytes.
    const forward = await insertMessage(otherChatId, anna);
    await t.database.handle.db.transaction().execute((tx) =>
      copyAttachments(tx, {
        fromMessageId: m,
        toChatId: otherChatId,
        toMessageId: forward,
        uploaderId: anna.id,
      }),
    );
    const copied = (await loadAttachments(t.database.handle.db, [forward])).get(forward)!;
    expect(copied.map((a) => a.name)).toEqual(['two.txt', 'one.txt']);
    expect(copied[0]!.id).not.toBe(two.id);
    expect(copied[0]!.url).toContain(`/chats/${otherChatId}/`);
    expect((await call(t, anna, { method: 'GET', url: copied[0]!.url })).body).toBe('hello');
  });

  it('removes uploads left unsent for a day, never sent ones', async () => {
    const pending = await uploaded(anna, chatId);
    const removed = await removeAbandonedAttachments(
      t.database.handle.db,
      new Date(Date.now() + 25 * 3600_000),
    );
    expect(removed).toBeGreaterThanOrEqual(1);
    expect((await call(t, anna, { method: 'GET', url: pending.url })).statusCode).toBe(404);
  });
});
