import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { insertGroup, jobsIdle, ledgerOf, uploadText } from './files.fixtures.js';

/**
 * Comments on documents: Markdown rendered safely, mentions that notify only people who may
 * read the file, the uploader told of others' comments, deletion by the author or a manager.
 */

let t: TestApp;
let anna: Person;
let boris: Person;
let carol: Person;
let outsider: Person;
let group: { id: string };

const handleOf = (p: Person) => p.email.slice(0, p.email.indexOf('@'));
const notificationsOf = async (who: Person) =>
  (await call(t, who, { method: 'GET', url: '/api/v1/notifications' })).json().items as {
    type: string;
    data: Record<string, unknown>;
  }[];

beforeAll(async () => {
  t = await buildTestApp();
  anna = await signedIn(t);
  boris = await signedIn(t);
  carol = await signedIn(t);
  outsider = await signedIn(t);
  group = await insertGroup(t, 'secret', [
    { person: anna },
    { person: boris, role: 'admin' },
    { person: carol },
  ]);
});
afterAll(async () => {
  await jobsIdle();
  await t?.close();
});

describe('/files/{id}/comments', () => {
  it('answers 401, 404, 400 and creates a rendered comment; lists oldest first', async () => {
    const file = await uploadText(t, anna, { space: { type: 'group', id: group.id } }, 'doc.txt');
    const url = `/api/v1/files/${file.id}/comments`;
    expect((await call(t, null, { method: 'POST', url, payload: { body: 'hi' } })).statusCode).toBe(401);
    expect((await call(t, outsider, { method: 'POST', url, payload: { body: 'hi' } })).statusCode).toBe(404);
    expect((await call(t, outsider, { method: 'GET', url })).statusCode).toBe(404);
    expect((await call(t, carol, { method: 'POST', url, payload: {} })).statusCode).toBe(400);
    expect((await call(t, carol, { method: 'POST', url, payload: { body: ' \u200B ' } })).json().code).toBe(
      'FILE_COMMENT_EMPTY',
    );
    const res = await call(t, carol, {
      method: 'POST',
      url,
      payload: { body: '**Looks good** <script>alert(1)</script> [x](javascript:alert(1))' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().html).toContain('<strong>Looks good</strong>');
    expect(res.json().html).not.toMatch(/<script|href="javascript:/);
    await call(t, anna, { method: 'POST', url, payload: { body: 'second' } });
    const list = (await call(t, boris, { method: 'GET', url: `${url}?limit=1` })).json();
    expect(list.items[0]).toMatchObject({ author: { id: carol.id }, abilities: { delete: true } });
    const next = (
      await call(t, boris, { method: 'GET', url: `${url}?limit=1&cursor=${list.nextCursor}` })
    ).json();
    expect(next.items[0].body).toBe('second');
    expect((await ledgerOf(t, 'file.comment_created', res.json().id))[0]?.payload).toMatchObject({
      fileId: file.id,
    });
  });

  it('notifies mentioned readers and the uploader, never someone who may not read the file', async () => {
    const file = await uploadText(t, anna, { space: { type: 'group', id: group.id } }, 'spec.txt');
    const res = await call(t, carol, {
      method: 'POST',
      url: `/api/v1/files/${file.id}/comments`,
      payload: { body: `@${handleOf(boris)} and @${handleOf(outsider)}, please look` },
    });
    expect(res.statusCode).toBe(201);
    const toBoris = await notificationsOf(boris);
    expect(toBoris.find((n) => n.type === 'file_mention')?.data).toMatchObject({
      fileId: file.id,
      fileName: 'spec.txt',
    });
    expect((await notificationsOf(outsider)).filter((n) => n.type.startsWith('file_'))).toEqual([]);
    expect((await notificationsOf(anna)).find((n) => n.type === 'file_comment')?.data).toMatchObject({
      fileId: file.id,
    });
    expect((await notificationsOf(carol)).filter((n) => n.type.startsWith('file_'))).toEqual([]);
  });

  it('deletes for its author and the managers only, softly and recorded', async () => {
    const file = await uploadText(t, anna, { space: { type: 'group', id: group.id } });
    const url = `/api/v1/files/${file.id}/comments`;
    const first = (await call(t, carol, { method: 'POST', url, payload: { body: 'one' } })).json();
    const second = (await call(t, carol, { method: 'POST', url, payload: { body: 'two' } })).json();
    expect((await call(t, anna, { method: 'DELETE', url: `${url}/${first.id}` })).statusCode).toBe(403);
    expect((await call(t, outsider, { method: 'DELETE', url: `${url}/${first.id}` })).statusCode).toBe(404);
    expect(
      (await call(t, carol, { method: 'DELETE', url: `${url}/01900000-0000-7000-8000-00000000f00d` }))
        .statusCode,
    ).toBe(404);
    expect((await call(t, carol, { method: 'DELETE', url: `${url}/${first.id}` })).statusCode).toBe(204);
    expect((await call(t, boris, { method: 'DELETE', url: `${url}/${second.id}` })).statusCode).toBe(204);
    expect((await call(t, carol, { method: 'GET', url })).json().items).toEqual([]);
    expect((await ledgerOf(t, 'file.comment_deleted', first.id))[0]?.payload).toMatchObject({ body: 'one' });
    // A comment id of another file is not found under this one.
    const other = await uploadText(t, anna, { space: { type: 'group', id: group.id } });
    const elsewhere = (
      await call(t, carol, {
        method: 'POST',
        url: `/api/v1/files/${other.id}/comments`,
        payload: { body: 'x' },
      })
    ).json();
    expect((await call(t, carol, { method: 'DELETE', url: `${url}/${elsewhere.id}` })).statusCode).toBe(404);
  });
});
