import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { errorMessage } from '../../../shared/errors.js';
import { jobsIdle, multipart, uploadRaw } from '../files/files.fixtures.js';

/**
 * Chat uploads count in the person's storage quota, shared with the library (R26): refused with
 * the library's 413 and message past it, freed when the message is deleted; forwarded copies
 * are not charged to the forwarder.
 */

let t: TestApp;
let admin: Person;
const kb = 1024;

async function setLimits(maxFileMb: number, quotaMb: number) {
  const res = await call(t, admin, {
    method: 'PUT',
    url: '/api/v1/settings/files',
    payload: { maxFileMb, quotaMb },
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function groupChat(owner: Person, others: Person[]): Promise<string> {
  const res = await call(t, owner, {
    method: 'POST',
    url: '/api/v1/chats',
    payload: { kind: 'group', name: `Quota ${uuidv7().slice(-6)}`, memberIds: others.map((p) => p.id) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

function upload(who: Person, chatId: string, size: number, byte = 0x61) {
  const { body, contentType } = multipart([
    { name: 'file', filename: 'notes.txt', content: Buffer.alloc(size, byte) },
  ]);
  return call(t, who, {
    method: 'POST',
    url: `/api/v1/chats/${chatId}/attachments`,
    payload: body,
    headers: { 'content-type': contentType },
  });
}

async function send(who: Person, chatId: string, attachmentIds: string[]): Promise<string> {
  const res = await call(t, who, {
    method: 'POST',
    url: `/api/v1/chats/${chatId}/messages`,
    payload: { clientId: uuidv7(), body: 'see attached', attachmentIds },
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json().id as string;
}

const usedBytes = async (who: Person) =>
  (await call(t, who, { method: 'GET', url: '/api/v1/files/quota' })).json().usedBytes as number;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t, 'admin');
});
afterAll(async () => {
  await jobsIdle();
  await t?.close();
});

describe('chat uploads and the storage quota', () => {
  it('counts chat uploads with library files and refuses past the quota as the library does', async () => {
    const [anna, boris] = [await signedIn(t), await signedIn(t)];
    const chatId = await groupChat(anna, [boris]);
    await setLimits(5, 1);
    try {
      const first = await upload(anna, chatId, 600 * kb);
      expect(first.statusCode, first.body).toBe(201);
      // Pending uploads count already: their bytes are stored.
      expect(await usedBytes(anna)).toBe(600 * kb);

      const second = await upload(anna, chatId, 600 * kb, 0x62);
      expect(second.statusCode).toBe(413);
      const params = { quotaMb: 1, leftMb: 0 };
      expect(second.json()).toMatchObject({
        code: 'FILE_QUOTA_EXCEEDED',
        detail: errorMessage('FILE_QUOTA_EXCEEDED', 'en', params),
      });

      // The library sees the chat's share too, with the same answer.
      const library = await uploadRaw(
        t,
        anna,
        { space: { type: 'profile' } },
        { filename: 'more.txt', content: Buffer.alloc(600 * kb, 0x63) },
      );
      expect(library.statusCode).toBe(413);
      expect(library.json()).toMatchObject({ code: 'FILE_QUOTA_EXCEEDED', detail: second.json().detail });

      // Someone else's quota is their own.
      expect((await upload(boris, chatId, 600 * kb)).statusCode).toBe(201);
    } finally {
      await setLimits(100, 10 * 1024);
    }
  });

  it('frees the space when the message is deleted; forwarded copies are not charged', async () => {
    const [anna, boris] = [await signedIn(t), await signedIn(t)];
    const chatId = await groupChat(anna, [boris]);
    const otherChatId = await groupChat(boris, [anna]);
    await setLimits(5, 1);
    try {
      const first = await upload(anna, chatId, 600 * kb);
      expect(first.statusCode, first.body).toBe(201);
      const messageId = await send(anna, chatId, [first.json().id]);
      expect(await usedBytes(anna)).toBe(600 * kb);

      const forwarded = await call(t, boris, {
        method: 'POST',
        url: `/api/v1/chats/${chatId}/messages/${messageId}/forward`,
        payload: { toChatId: otherChatId, clientId: uuidv7() },
      });
      expect(forwarded.statusCode, forwarded.body).toBe(201);
      expect(forwarded.json().attachments).toHaveLength(1);
      expect(await usedBytes(boris)).toBe(0);

      expect((await upload(anna, chatId, 600 * kb, 0x62)).statusCode).toBe(413);
      const removed = await call(t, anna, {
        method: 'DELETE',
        url: `/api/v1/chats/${chatId}/messages/${messageId}`,
      });
      expect(removed.statusCode).toBe(204);
      expect(await usedBytes(anna)).toBe(0);
      expect((await upload(anna, chatId, 600 * kb, 0x62)).statusCode).toBe(201);
    } finally {
      await setLimits(100, 10 * 1024);
    }
  });

  it('refuses a file over the per-file limit with the library’s FILE_TOO_LARGE', async () => {
    const anna = await signedIn(t);
    const chatId = await groupChat(anna, [await signedIn(t)]);
    await setLimits(1, 1000);
    try {
      const res = await upload(anna, chatId, 1100 * kb);
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({
        code: 'FILE_TOO_LARGE',
        detail: errorMessage('FILE_TOO_LARGE', 'en', { maxMb: 1 }),
      });
    } finally {
      await setLimits(100, 10 * 1024);
    }
  });
});
