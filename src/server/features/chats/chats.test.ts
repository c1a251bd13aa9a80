import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import type { ChatView } from '../../../shared/api/chats.js';
import {
  createChat,
  eventsOf,
  expectProblem,
  insertMessage,
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

const post = (who: Person, payload: Record<string, unknown>) =>
  call(t, who, { method: 'POST', url: '/api/v1/chats', payload });

describe('creating chats', () => {
  it('opens a direct chat once per pair, named after the other person', async () => {
    const first = await post(ann, { kind: 'direct', memberIds: [bob.id] });
    expect(first.statusCode, first.body).toBe(201);
    const chat: ChatView = first.json();
    expect(chat).toMatchObject({ kind: 'direct', name: 'Bob', memberCount: 2, linkedGroupId: null });
    expect(chat.peer).toMatchObject({ id: bob.id, name: 'Bob', isGuest: false });
    expect(chat.abilities).toMatchObject({ post: true, edit: false, addMembers: false, leave: false });

    // Either side asking again gets the same chat, 200.
    const again = await post(ann, { kind: 'direct', memberIds: [bob.id] });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(chat.id);
    const fromBob = await post(bob, { kind: 'direct', memberIds: [ann.id], name: 'ignored' });
    expect(fromBob.statusCode).toBe(200);
    expect(fromBob.json()).toMatchObject({ id: chat.id, name: 'Ann' });

    expect(await ledgerActions(t, chat.id)).toEqual(['chat.created']);
    expect(await eventsOf(t, `user:${bob.id}`)).toContainEqual({
      type: 'chats.changed',
      data: { chatId: chat.id, reason: 'joined' },
    });
  });

  it('refuses a direct chat with nobody, oneself or two people', async () => {
    for (const memberIds of [[], [ann.id], [bob.id, cat.id]]) {
      expectProblem(await post(ann, { kind: 'direct', memberIds }), 400, 'CHAT_DIRECT_NEEDS_ONE');
    }
  });

  it('creates a group chat with a clean name; the creator is its admin', async () => {
    const res = await post(ann, {
      kind: 'group',
      memberIds: [bob.id, cat.id, bob.id],
      name: '  Launch\u200b  ',
    });
    expect(res.statusCode, res.body).toBe(201);
    const chat: ChatView = res.json();
    expect(chat).toMatchObject({ kind: 'group', name: 'Launch', memberCount: 3, peer: null });
    expect(chat.viewer.role).toBe('admin');
    expect(chat.abilities).toMatchObject({ post: true, edit: true, addMembers: true, leave: false });
    expect(await memberIdsOf(t, chat.id)).toEqual([ann.id, bob.id, cat.id].sort());
  });

  it('validates names and members with clear codes', async () => {
    expectProblem(await post(ann, { kind: 'group', memberIds: [bob.id] }), 400, 'CHAT_NAME_REQUIRED');
    expectProblem(
      await post(ann, { kind: 'channel', memberIds: [], name: '\u200b \t' }),
      400,
      'CHAT_NAME_REQUIRED',
    );
    expectProblem(
      await post(ann, { kind: 'group', memberIds: [missingId], name: 'x' }),
      404,
      'CHAT_MEMBER_NOT_FOUND',
    );
    const gone = await signedIn(t, 'employee', { status: 'deactivated' });
    expectProblem(await post(ann, { kind: 'direct', memberIds: [gone.id] }), 404, 'CHAT_MEMBER_NOT_FOUND');
    const guest = await signedIn(t, 'guest');
    expectProblem(
      await post(ann, { kind: 'group', memberIds: [guest.id], name: 'x' }),
      403,
      'CHAT_GUEST_NOT_ALLOWED',
    );
    expectProblem(await post(guest, { kind: 'direct', memberIds: [ann.id] }), 403, 'CHAT_GUEST_NOT_ALLOWED');
    expect((await post(ann, { kind: 'secret', memberIds: [] })).statusCode).toBe(400);
    expect((await post(ann, { kind: 'group', memberIds: ['nope'], name: 'x' })).statusCode).toBe(400);
  });

  it('in a channel only admins post', async () => {
    const channel = await createChat(t, ann, { kind: 'channel', memberIds: [bob.id], name: 'News' });
    expect(channel.abilities).toMatchObject({ post: true, edit: true, moderate: true });
    const asBob: ChatView = (await call(t, bob, { url: `/api/v1/chats/${channel.id}` })).json();
    expect(asBob.viewer.role).toBe('member');
    expect(asBob.abilities).toEqual({
      post: false,
      edit: false,
      addMembers: false,
      removeMembers: false,
      leave: true,
      moderate: false,
    });
  });
});

describe('renaming', () => {
  it('lets chat admins rename group chats and channels, with a ledger entry and an event', async () => {
    const chat = await createChat(t, ann, { kind: 'group', memberIds: [bob.id], name: 'Old' });
    const res = await call(t, ann, {
      method: 'PATCH',
      url: `/api/v1/chats/${chat.id}`,
      payload: { name: ' New ' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().name).toBe('New');
    expect(await ledgerActions(t, chat.id)).toEqual(['chat.created', 'chat.renamed']);
    expect((await eventsOf(t, `chat:${chat.id}`)).map((e) => e.type)).toEqual(['chat.updated']);

    const byMember = await call(t, bob, {
      method: 'PATCH',
      url: `/api/v1/chats/${chat.id}`,
      payload: { name: 'X' },
    });
    expectProblem(byMember, 403, 'FORBIDDEN');
    const blank = await call(t, ann, {
      method: 'PATCH',
      url: `/api/v1/chats/${chat.id}`,
      payload: { name: '\u200b' },
    });
    expectProblem(blank, 400, 'CHAT_NAME_REQUIRED');
  });

  it('never renames a direct chat', async () => {
    const direct = await createChat(t, cat, { kind: 'direct', memberIds: [bob.id] });
    const res = await call(t, cat, {
      method: 'PATCH',
      url: `/api/v1/chats/${direct.id}`,
      payload: { name: 'X' },
    });
    expectProblem(res, 403, 'FORBIDDEN');
  });
});

describe('the chat list', () => {
  it('lists only the viewer’s chats, pinned first, then by newest activity, page by page', async () => {
    const dan = await signedIn(t, 'employee', { name: 'Dan' });
    const eve = await signedIn(t, 'employee', { name: 'Eve' });
    const a = await createChat(t, dan, { kind: 'group', memberIds: [eve.id], name: 'A' });
    const b = await createChat(t, dan, { kind: 'group', memberIds: [], name: 'B' });
    const c = await createChat(t, dan, { kind: 'direct', memberIds: [eve.id] });
    const d = await createChat(t, dan, { kind: 'channel', memberIds: [], name: 'D' });
    await createChat(t, ann, { kind: 'group', memberIds: [bob.id], name: 'Not Dan’s' });
    await insertMessage(t, b.id, dan.id, { body: '**Hello** there' });
    // Activity is kept to the millisecond: two messages in the same one would tie (then the newer
    // chat, B, comes first), and this test is about the newer activity winning.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await insertMessage(t, a.id, eve.id, { body: 'newest' });
    await call(t, dan, { method: 'PATCH', url: `/api/v1/chats/${d.id}/me`, payload: { pinned: true } });

    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(t, dan, {
        url: `/api/v1/chats?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      ids.push(...page.items.map((i: ChatView) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toEqual([d.id, a.id, b.id, c.id]);

    const first: ChatView = (await call(t, dan, { url: '/api/v1/chats?limit=5' })).json().items[1];
    expect(first.lastMessage).toMatchObject({ excerpt: 'newest', kind: 'text', deleted: false });
    expect(first.lastMessage?.author).toMatchObject({ id: eve.id, name: 'Eve' });
    expect(first.viewer.unread).toBe(1);
    const bView: ChatView = (await call(t, dan, { url: `/api/v1/chats/${b.id}` })).json();
    expect(bView.lastMessage?.excerpt).toBe('Hello there');
    expect(bView.viewer.unread).toBe(0);

    expect((await call(t, dan, { url: '/api/v1/chats?cursor=garbage!' })).statusCode).toBe(400);
  });
});

describe('non-members', () => {
  it('get 404 CHAT_NOT_FOUND on every chat route, exactly as for a missing chat', async () => {
    const chat = await createChat(t, ann, { kind: 'group', memberIds: [bob.id], name: 'Private' });
    const stranger = await signedIn(t, 'admin');
    for (const id of [chat.id, missingId]) {
      const requests = [
        { method: 'GET', url: `/api/v1/chats/${id}` },
        { method: 'PATCH', url: `/api/v1/chats/${id}`, payload: { name: 'Mine' } },
        { method: 'GET', url: `/api/v1/chats/${id}/members` },
        { method: 'POST', url: `/api/v1/chats/${id}/members/${stranger.id}` },
        { method: 'DELETE', url: `/api/v1/chats/${id}/members/${bob.id}` },
        { method: 'DELETE', url: `/api/v1/chats/${id}/members/${stranger.id}` },
        { method: 'PATCH', url: `/api/v1/chats/${id}/members/${bob.id}`, payload: { role: 'admin' } },
        { method: 'POST', url: `/api/v1/chats/${id}/read`, payload: { seq: 1 } },
        { method: 'PATCH', url: `/api/v1/chats/${id}/me`, payload: { muted: true } },
      ] as const;
      for (const request of requests) {
        expectProblem(await call(t, stranger, request), 404, 'CHAT_NOT_FOUND');
      }
    }
    expect(await memberIdsOf(t, chat.id)).toEqual([ann.id, bob.id].sort());
    const list = (await call(t, stranger, { url: '/api/v1/chats' })).json();
    expect(list.items.map((i: ChatView) => i.id)).not.toContain(chat.id);
  });
});
