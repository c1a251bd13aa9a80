import type { LightMyRequestResponse } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { jobsIdle, multipart, uploadRaw } from './files.fixtures.js';

/**
 * The storage quota under concurrent uploads (R26): library files, new versions, restored
 * versions and chat uploads of one person all racing for the space left. Each passes the early
 * check before its body is read; only as many as fit may commit, whatever the interleaving —
 * on PostgreSQL, where their transactions run side by side, this needs the uploader's lock.
 */

let t: TestApp;
let admin: Person;
const kb = 1024;
const quotaMb = 1;
const quotaBytes = quotaMb * 1024 * kb;
const size = 300 * kb;

async function setLimits(maxFileMb: number, quotaMb: number) {
  const res = await call(t, admin, {
    method: 'PUT',
    url: '/api/v1/settings/files',
    payload: { maxFileMb, quotaMb },
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function chatWith(owner: Person): Promise<string> {
  const res = await call(t, owner, {
    method: 'POST',
    url: '/api/v1/chats',
    payload: { kind: 'group', name: `Race ${uuidv7().slice(-6)}`, memberIds: [(await signedIn(t)).id] },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** Distinct bytes per upload, so no two share a blob. */
const bytesOf = (seed: number, length = size) => Buffer.alloc(length, `race-${seed}-`);

function chatUpload(who: Person, chatId: string, seed: number) {
  const { body, contentType } = multipart([
    { name: 'file', filename: `chat-${seed}.txt`, content: bytesOf(seed) },
  ]);
  return call(t, who, {
    method: 'POST',
    url: `/api/v1/chats/${chatId}/attachments`,
    payload: body,
    headers: { 'content-type': contentType },
  });
}

const libraryUpload = (who: Person, seed: number) =>
  uploadRaw(t, who, { space: { type: 'profile' } }, { filename: `file-${seed}.txt`, content: bytesOf(seed) });

const versionUpload = (who: Person, fileId: string, seed: number, length = size) =>
  uploadRaw(
    t,
    who,
    {},
    { filename: `version-${seed}.txt`, content: bytesOf(seed, length) },
    { url: `/api/v1/files/${fileId}/versions` },
  );

const restoreFirstVersion = (who: Person, fileId: string) =>
  call(t, who, { method: 'POST', url: `/api/v1/files/${fileId}/versions/1/restore` });

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

describe('the storage quota under concurrent uploads', () => {
  // A few rounds: an unguarded check loses the race on most of them, not necessarily all.
  it.each([1, 2, 3])('lets exactly the uploads that fit commit (round %i)', async (round) => {
    await setLimits(100, 10 * 1024);
    const anna = await signedIn(t);
    const chatId = await chatWith(anna);
    // A document whose first version (300 KB, charged already) can be restored over a small second.
    const draft = await libraryUpload(anna, round * 100);
    expect(draft.statusCode, draft.body).toBe(201);
    const fileId = draft.json().id as string;
    const second = await versionUpload(anna, fileId, round * 100 + 1, kb);
    expect(second.statusCode, second.body).toBe(201);
    const before = await usedBytes(anna);
    expect(before).toBe(size + kb);

    await setLimits(5, quotaMb);
    const fitting = Math.floor((quotaBytes - before) / size);
    expect(fitting).toBe(2);
    const seed = round * 100 + 10;
    const responses: LightMyRequestResponse[] = await Promise.all([
      libraryUpload(anna, seed),
      chatUpload(anna, chatId, seed + 1),
      versionUpload(anna, fileId, seed + 2),
      restoreFirstVersion(anna, fileId),
      libraryUpload(anna, seed + 3),
      chatUpload(anna, chatId, seed + 4),
      versionUpload(anna, fileId, seed + 5),
      restoreFirstVersion(anna, fileId),
    ]);

    // Uploads answer 201, a restored version 200.
    const accepted = responses.filter((res) => res.statusCode < 300);
    const refused = responses.filter((res) => res.statusCode >= 300);
    expect(
      accepted,
      responses.map((res) => `${res.statusCode} ${res.body.slice(0, 80)}`).join('\n'),
    ).toHaveLength(fitting);
    for (const res of refused) {
      expect(res.statusCode, res.body).toBe(413);
      expect(res.json()).toMatchObject({ code: 'FILE_QUOTA_EXCEEDED' });
    }
    const after = await usedBytes(anna);
    expect(after).toBe(before + fitting * size);
    expect(after).toBeLessThanOrEqual(quotaBytes);
  });
});
