import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import type { StreamFrame } from '../../platform/realtime/bus.js';
import { createChat, insertMessage } from './chats.fixtures.js';

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

const read = (who: Person, chatId: string, seq: number) =>
  call(t, who, { method: 'POST', url: `/api/v1/chats/${chatId}/read`, payload: { seq } });
const unread = async (who: Person) => (await call(t, who, { url: '/api/v1/chats/unread' })).json();

describe('read state and unread counts', () => {
  it('counts messages from others after the read position, neither deleted nor system', async () => {
    const chat = await createChat(t, ann, { kind: 'group', memberIds: [bob.id], name: 'Counts' });
    await insertMessage(t, chat.id, ann.id);
    await insertMessage(t, chat.id, bob.id);
    await insertMessage(t, chat.id, bob.id, { deleted: true });
    await insertMessage(t, chat.id, null, { kind: 'system', body: 'Bob joined' });
    const last = await insertMessage(t, chat.id, bob.id);

    expect(await unread(ann)).toEqual({ total: 2, chats: { [chat.id]: 2 } });
    expect(await unread(bob)).toEqual({ total: 1, chats: { [chat.id]: 1 } });
    const view = (await call(t, ann, { url: `/api/v1/chats/${chat.id}` })).json();
    expect(view.viewer).toMatchObject({ unread: 2, lastReadSeq: 0 });
    expect(view.lastSeq).toBe(last);

    const frames: StreamFrame[] = [];
    const offChat = t.app.bus.subscribe(`chat:${chat.id}`, (f) => frames.push(f));
    const offUser = t.app.bus.subscribe(`user:${ann.id}`, (f) => frames.push(f));
    try {
      const res = await read(ann, chat.id, 2);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ chatId: chat.id, lastReadSeq: 2, unread: 1 });
      expect(frames).toEqual([
        { type: 'chat.read', stream: `chat:${chat.id}`, data: { chatId: chat.id, userId: ann.id, seq: 2 } },
        { type: 'chats.changed', stream: `user:${ann.id}`, data: { chatId: chat.id, reason: 'read' } },
      ]);
      // Never backwards, and nothing to announce.
      expect((await read(ann, chat.id, 1)).json()).toEqual({ chatId: chat.id, lastReadSeq: 2, unread: 1 });
      expect(frames).toHaveLength(2);
      // Past the newest message: clamped to it.
      expect((await read(ann, chat.id, 1_000_000)).json()).toEqual({
        chatId: chat.id,
        lastReadSeq: last,
        unread: 0,
      });
    } finally {
      offChat();
      offUser();
    }
    expect(await unread(ann)).toEqual({ total: 0, chats: {} });
    expect((await read(ann, chat.id, -1)).statusCode).toBe(400);
  });

  it('leaves muted chats out of the total but still counts them per chat', async () => {
    const cat = await signedIn(t, 'employee');
    const loud = await createChat(t, cat, { kind: 'direct', memberIds: [ann.id] });
    const quiet = await createChat(t, cat, { kind: 'group', memberIds: [ann.id], name: 'Quiet' });
    await insertMessage(t, loud.id, ann.id);
    await insertMessage(t, quiet.id, ann.id);
    await insertMessage(t, quiet.id, ann.id);
    await call(t, cat, { method: 'PATCH', url: `/api/v1/chats/${quiet.id}/me`, payload: { muted: true } });
    expect(await unread(cat)).toEqual({ total: 1, chats: { [loud.id]: 1, [quiet.id]: 2 } });
  });
});
