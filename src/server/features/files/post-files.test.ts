import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { insertGroup, jobsIdle, uploadText } from './files.fixtures.js';

/**
 * Documents attached to posts: uploaded to the author's own library, attached on publishing, then
 * readable by exactly the post's readers — members of a closed group, not other employees, not
 * guests — and shown on the post.
 */

let t: TestApp;
let author: Person;
let member: Person;
let outsider: Person;
let guest: Person;
let closed: { id: string };

beforeAll(async () => {
  t = await buildTestApp();
  author = await signedIn(t);
  member = await signedIn(t);
  outsider = await signedIn(t);
  guest = await signedIn(t, 'guest');
  closed = await insertGroup(t, 'closed', [{ person: author }, { person: member }]);
});
afterAll(async () => {
  await jobsIdle();
  await t?.close();
});

const publish = (who: Person, payload: Record<string, unknown>) =>
  call(t, who, { method: 'POST', url: '/api/v1/posts', payload });

describe('POST /posts with files', () => {
  it('attaches the author’s own files: the post shows them and its readers, only they, open them', async () => {
    const file = await uploadText(t, author, { space: { type: 'profile' } }, 'Plan Q4.md', '# Plan');
    expect((await call(t, member, { url: `/api/v1/files/${file.id}` })).statusCode).toBe(404);

    const res = await publish(author, {
      space: { type: 'group', id: closed.id },
      body: '',
      files: [file.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().files).toEqual([
      { id: file.id, name: 'Plan Q4.md', mimeType: 'text/markdown', kind: 'markdown', size: 6 },
    ]);
    const postId = res.json().id as string;
    const seen = await call(t, member, { url: `/api/v1/posts/${postId}` });
    expect(seen.json().files.map((f: { id: string }) => f.id)).toEqual([file.id]);

    const opened = await call(t, member, { url: `/api/v1/files/${file.id}` });
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ postId, abilities: { read: true, delete: false } });
    expect((await call(t, member, { url: `/api/v1/files/${file.id}/content` })).body).toBe('# Plan');
    for (const who of [outsider, guest]) {
      expect((await call(t, who, { url: `/api/v1/files/${file.id}` })).statusCode).toBe(404);
      expect((await call(t, who, { url: `/api/v1/files/${file.id}/content` })).statusCode).toBe(404);
    }
  });

  it('refuses, whole, files that are not the author’s own, attached already, or deleted', async () => {
    const theirs = await uploadText(t, member, { space: { type: 'profile' } }, 'theirs.txt');
    const mine = await uploadText(t, author, { space: { type: 'profile' } }, 'mine.txt');
    const inGroup = await uploadText(t, author, { space: { type: 'group', id: closed.id } }, 'group.txt');
    const gone = await uploadText(t, author, { space: { type: 'profile' } }, 'gone.txt');
    await call(t, author, { method: 'DELETE', url: `/api/v1/files/${gone.id}` });
    const space = { type: 'group', id: closed.id };
    for (const files of [
      [mine.id, theirs.id],
      [inGroup.id],
      [gone.id],
      [mine.id, '0193a7c0-0000-7000-8000-000000000000'],
    ]) {
      const res = await publish(author, { space, body: 'With files', files });
      expect(res.statusCode, JSON.stringify(files)).toBe(400);
      expect(res.json().code).toBe('POST_FILES_INVALID');
    }
    // Nothing attached by the refused posts: `mine` still attaches once, then never again.
    expect((await publish(author, { space, body: 'First', files: [mine.id] })).statusCode).toBe(201);
    expect((await publish(author, { space, body: 'Again', files: [mine.id] })).json().code).toBe(
      'POST_FILES_INVALID',
    );
  });

  it('drops a deleted file from the post, and a deleted post takes its files with it', async () => {
    const kept = await uploadText(t, author, { space: { type: 'profile' } }, 'kept.txt');
    const removed = await uploadText(t, author, { space: { type: 'profile' } }, 'removed.txt');
    const res = await publish(author, {
      space: { type: 'company' },
      body: 'Two files',
      files: [kept.id, removed.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    const postId = res.json().id as string;
    expect((await call(t, outsider, { url: `/api/v1/files/${kept.id}` })).statusCode).toBe(200);
    expect((await call(t, author, { method: 'DELETE', url: `/api/v1/files/${removed.id}` })).statusCode).toBe(
      204,
    );
    const after = await call(t, outsider, { url: `/api/v1/posts/${postId}` });
    expect(after.json().files.map((f: { name: string }) => f.name)).toEqual(['kept.txt']);

    expect((await call(t, author, { method: 'DELETE', url: `/api/v1/posts/${postId}` })).statusCode).toBe(
      204,
    );
    expect((await call(t, outsider, { url: `/api/v1/files/${kept.id}` })).statusCode).toBe(404);
    expect((await call(t, author, { url: `/api/v1/files/${kept.id}` })).statusCode).toBe(404);
  });
});
