import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import type { ChatMember, ChatView } from '../../../shared/api/chats.js';
import {
  createChat,
  eventsOf,
  expectProblem,
  ledgerActions,
  memberIdsOf,
  missingId,
} from './chats.fixtures.js';

let t: TestApp;
let ann: Person;
let bob: Person;
let cat: Person;

beforeAll(async () => {
  t = await buildTestApp();
  [ann, bob, cat] = await Promise.all([
    signedIn(t, 'employee', { name: 'Ann' }),
    signedIn(t, 'employee', { name: 'Bob' }),
    signedIn(t, 'employee', { name: 'Cat' }),
  ]);
});
afterAll(async () => {
  await t.close();
});

const members = (chatId: string, who: Person = ann) =>
  call(t, who, { method: 'GET', url: `/api/v1/chats/${chatId}/members?limit=100` });
const add = (who: Person, chatId: string, userId: string) =>
  call(t, who, { method: 'POST', url: `/api/v1/chats/${chatId}/members/${userId}` });
const remove = (who: Person, chatId: string, userId: string) =>
  call(t, who, { method: 'DELETE', url: `/api/v1/chats/${chatId}/members/${userId}` });
const setRole = (who: Person, chatId: string, userId: string, role: string) =>
  call(t, who, { method: 'PATCH', url: `/api/v1/chats/${chatId}/members/${userId}`, payload: { role } });

async function memberCount(chatId: string): Promise<number> {
  const row = await t.database.handle.db
    .selectFrom('chats')
    .select('member_count')
    .where('id', '=', chatId)
    .executeTakeFirstOrThrow();
  return Number(row.member_count);
}

describe('members of a group chat', () => {
  it('lists members by name, page by page', async () => {
    const chat = await createChat(t, ann, { kind: 'group', memberIds: [bob.id, cat.id], name: 'Team' });
    const first = (await call(t, bob, { url: `/api/v1/chats/${chat.id}/members?limit=2` })).json();
    expect(first.items.map((m: ChatMember) => m.name)).toEqual(['Ann', 'Bob']);
    expect(first.items[0]).toMatchObject({ id: ann.id, role: 'admin', via: 'creator', isGuest: false });
    const second = (
      await call(t, bob, { url: `/api/v1/chats/${chat.id}/members?limit=2&cursor=${first.nextCursor}` })
    ).json();
    expect(second.items.map((m: ChatMember) => m.name)).toEqual(['Cat']);
    expect(second.nextCursor).toBeNull();
  });

  it('admins add and remove people; members cannot; each change is counted, recorded and announced', async () => {
    const dan = await signedIn(t, 'employee', { name: 'Dan' });
    const chat = await createChat(t, ann, { kind: 'group', memberIds: [bob.id], name: 'Ops' });

    expectProblem(await add(bob, chat.id, cat.id), 403, 'FORBIDDEN');
    const added = await add(ann, chat.id, dan.id);
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toMatchObject({ id: dan.id, role: 'member', via: 'added' });
    expect((await add(ann, chat.id, dan.id)).statusCode).toBe(200);
    expect(await memberCount(chat.id)).toBe(3);
    expectProblem(await add(ann, chat.id, missingId), 404, 'CHAT_MEMBER_NOT_FOUND');
    const guest = await signedIn(t, 'guest');
    expectProblem(await add(ann, chat.id, guest.id), 403, 'CHAT_GUEST_NOT_ALLOWED');

    expectProblem(await remove(bob, chat.id, dan.id), 403, 'FORBIDDEN');
    expect((await remove(ann, chat.id, dan.id)).statusCode).toBe(204);
    expect(await memberIdsOf(t, chat.id)).toEqual([ann.id, bob.id].sort());
    expect(await memberCount(chat.id)).toBe(2);
    expectProblem(await remove(ann, chat.id, dan.id), 404, 'CHAT_MEMBER_NOT_FOUND');
    // Removed: the chat no longer exists for them.
    expectProblem(await call(t, dan, { url: `/api/v1/chats/${chat.id}` }), 404, 'CHAT_NOT_FOUND');

    expect(await ledgerActions(t, chat.id)).toEqual([
      'chat.created',
      'chat.members.changed',
      'chat.members.changed',
    ]);
    expect((await eventsOf(t, `user:${dan.id}`)).map((e) => e.data)).toEqual([
      { chatId: chat.id, reason: 'joined' },
      { chatId: chat.id, reason: 'left' },
    ]);
    expect((await eventsOf(t, `chat:${chat.id}`)).map((e) => e.type)).toEqual([
      'chat.updated',
      'chat.updated',
    ]);
  });

  it('anyone leaves; the last admin first appoints another', async () => {
    const chat = await createChat(t, ann, { kind: 'group', memberIds: [bob.id, cat.id], name: 'Leaving' });
    expect((await remove(cat, chat.id, cat.id)).statusCode).toBe(204);
    expectProblem(await remove(ann, chat.id, ann.id), 409, 'CHAT_LAST_ADMIN');
    expectProblem(await setRole(ann, chat.id, ann.id, 'member'), 409, 'CHAT_LAST_ADMIN');
    const view: ChatView = (await call(t, ann, { url: `/api/v1/chats/${chat.id}` })).json();
    expect(view.abilities.leave).toBe(false);

    const promoted = await setRole(ann, chat.id, bob.id, 'admin');
    expect(promoted.statusCode, promoted.body).toBe(200);
    expect(promoted.json().role).toBe('admin');
    expect((await eventsOf(t, `user:${bob.id}`)).at(-1)?.data).toEqual({
      chatId: chat.id,
      reason: 'settings',
    });
    expect((await call(t, ann, { url: `/api/v1/chats/${chat.id}` })).json().abilities.leave).toBe(true);
    expect((await remove(ann, chat.id, ann.id)).statusCode).toBe(204);
    // Alone in the chat, the last admin may go too.
    expect((await remove(bob, chat.id, bob.id)).statusCode).toBe(204);
    expect(await memberCount(chat.id)).toBe(0);
    expect(await ledgerActions(t, chat.id)).toContain('chat.member.role.changed');
  });

  it('members cannot change roles; bad roles are 400', async () => {
    const chat = await createChat(t, ann, { kind: 'channel', memberIds: [bob.id], name: 'Roles' });
    expectProblem(await setRole(bob, chat.id, bob.id, 'admin'), 403, 'FORBIDDEN');
    expect((await setRole(ann, chat.id, bob.id, 'owner')).statusCode).toBe(400);
    expectProblem(await setRole(ann, chat.id, cat.id, 'admin'), 404, 'CHAT_MEMBER_NOT_FOUND');
  });
});

describe('direct chats', () => {
  it('have fixed members: nobody is added, removed or leaves', async () => {
    const chat = await createChat(t, ann, { kind: 'direct', memberIds: [bob.id] });
    expectProblem(await add(ann, chat.id, cat.id), 409, 'CHAT_MEMBERS_FIXED');
    expectProblem(await remove(ann, chat.id, ann.id), 409, 'CHAT_MEMBERS_FIXED');
    expectProblem(await remove(ann, chat.id, bob.id), 409, 'CHAT_MEMBERS_FIXED');
    expect((await members(chat.id)).json().items).toHaveLength(2);
  });
});
