import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { type ChatFolder, type ChatView, chatLimits } from '../../../shared/api/chats.js';
import { createChat, expectProblem, missingId } from './chats.fixtures.js';

let t: TestApp;
let ann: Person;
let bob: Person;

beforeAll(async () => {
  t = await buildTestApp();
  [ann, bob] = await Promise.all([signedIn(t, 'employee'), signedIn(t, 'employee')]);
});
afterAll(async () => {
  await t.close();
});

const newFolder = (who: Person, name: string) =>
  call(t, who, { method: 'POST', url: '/api/v1/chat-folders', payload: { name } });
const folders = async (who: Person): Promise<ChatFolder[]> =>
  (await call(t, who, { url: '/api/v1/chat-folders' })).json().items;
const settings = (who: Person, chatId: string, payload: Record<string, unknown>) =>
  call(t, who, { method: 'PATCH', url: `/api/v1/chats/${chatId}/me`, payload });

describe('chat folders', () => {
  it('are the person’s own: created in order, renamed, moved, deleted', async () => {
    const a = (await newFolder(ann, ' Project A ')).json();
    expect(a).toMatchObject({ name: 'Project A', position: 0, chatCount: 0 });
    const b = (await newFolder(ann, 'Project B')).json();
    const c = (await newFolder(ann, 'Project C')).json();
    expect((await folders(ann)).map((f) => f.name)).toEqual(['Project A', 'Project B', 'Project C']);
    expect(await folders(bob)).toEqual([]);

    const moved = await call(t, ann, {
      method: 'PATCH',
      url: `/api/v1/chat-folders/${c.id}`,
      payload: { position: 0 },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await folders(ann)).map((f) => [f.name, f.position])).toEqual([
      ['Project C', 0],
      ['Project A', 1],
      ['Project B', 2],
    ]);
    const renamed = await call(t, ann, {
      method: 'PATCH',
      url: `/api/v1/chat-folders/${b.id}`,
      payload: { name: 'Bee' },
    });
    expect(renamed.json()).toMatchObject({ name: 'Bee', position: 2 });

    // Someone else's folder does not exist for them.
    const foreign = [
      { method: 'PATCH', url: `/api/v1/chat-folders/${a.id}`, payload: { name: 'Mine' } },
      { method: 'DELETE', url: `/api/v1/chat-folders/${a.id}` },
      { method: 'DELETE', url: `/api/v1/chat-folders/${missingId}` },
    ] as const;
    for (const request of foreign) expectProblem(await call(t, bob, request), 404, 'CHAT_FOLDER_NOT_FOUND');
    expectProblem(await newFolder(ann, '\u200b'), 400, 'NAME_EMPTY');
    expect((await newFolder(ann, 'x'.repeat(chatLimits.folderName + 1))).statusCode).toBe(400);
  });

  it('file chats; the list filters by folder; deleting a folder leaves its chats unfiled', async () => {
    const work = (await newFolder(bob, 'Work')).json();
    const one = await createChat(t, bob, { kind: 'group', memberIds: [ann.id], name: 'One' });
    const two = await createChat(t, bob, { kind: 'group', memberIds: [], name: 'Two' });
    const filed = await settings(bob, one.id, { folderId: work.id });
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json().viewer.folderId).toBe(work.id);
    // The folder is Bob's: Ann cannot file her side of the chat into it.
    expectProblem(await settings(ann, one.id, { folderId: work.id }), 404, 'CHAT_FOLDER_NOT_FOUND');

    const inFolder = (await call(t, bob, { url: `/api/v1/chats?folder=${work.id}` })).json();
    expect(inFolder.items.map((i: ChatView) => i.id)).toEqual([one.id]);
    expect((await folders(bob)).find((f) => f.id === work.id)?.chatCount).toBe(1);
    expectProblem(
      await call(t, ann, { url: `/api/v1/chats?folder=${work.id}` }),
      404,
      'CHAT_FOLDER_NOT_FOUND',
    );

    expect(
      (await call(t, bob, { method: 'DELETE', url: `/api/v1/chat-folders/${work.id}` })).statusCode,
    ).toBe(204);
    const view: ChatView = (await call(t, bob, { url: `/api/v1/chats/${one.id}` })).json();
    expect(view.viewer.folderId).toBeNull();
    expect(two.viewer.folderId).toBeNull();
  });

  it(`stop at ${chatLimits.folders}`, async () => {
    const cat = await signedIn(t, 'employee');
    const db = t.database.handle.db;
    const now = new Date().toISOString();
    await db
      .insertInto('chat_folders')
      .values(
        Array.from({ length: chatLimits.folders }, (_, i) => ({
          id: `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`,
          user_id: cat.id,
          name: `F${i}`,
          position: i,
          created_at: now,
        })),
      )
      .execute();
    expectProblem(await newFolder(cat, 'One too many'), 409, 'CHAT_FOLDER_LIMIT');
  });
});

describe('the viewer’s settings of a chat', () => {
  it('mute, notify, pin and archive are the viewer’s alone; archived chats list apart', async () => {
    const chat = await createChat(t, ann, { kind: 'group', memberIds: [bob.id], name: 'Settings' });
    const res = await settings(ann, chat.id, {
      muted: true,
      notify: 'mentions',
      pinned: true,
      archived: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().viewer).toMatchObject({
      muted: true,
      notify: 'mentions',
      pinned: true,
      archived: true,
    });
    const bobs: ChatView = (await call(t, bob, { url: `/api/v1/chats/${chat.id}` })).json();
    expect(bobs.viewer).toMatchObject({ muted: false, notify: 'all', pinned: false, archived: false });

    const active = (await call(t, ann, { url: '/api/v1/chats' })).json().items.map((i: ChatView) => i.id);
    const archived = (await call(t, ann, { url: '/api/v1/chats?archived=true' }))
      .json()
      .items.map((i: ChatView) => i.id);
    expect(active).not.toContain(chat.id);
    expect(archived).toEqual([chat.id]);

    expect((await settings(ann, chat.id, { notify: 'loud' })).statusCode).toBe(400);
    expect((await settings(ann, chat.id, { extra: 1 })).statusCode).toBe(400);
    const back = await settings(ann, chat.id, { archived: false, muted: false });
    expect(back.json().viewer).toMatchObject({ muted: false, archived: false, pinned: true });
  });
});
