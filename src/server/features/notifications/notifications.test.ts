import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, insertGroup, insertPost, removeMember } from '../../../../tests/realtime/support.js';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, systemCtx, type TestApp } from '../../../../tests/support/test-app.js';
import type { NotificationType } from '../../../shared/api/notification-types.js';
import type { Notification } from '../../../shared/api/notifications.js';
import { transact } from '../../platform/context.js';
import { streams } from '../../platform/events/streams.js';
import { plainExcerpt } from './notifications.presenter.js';
import { type NotificationInput, notifyPeople } from './notifications.service.js';

let t: TestApp;
let author: Person;

beforeAll(async () => {
  t = await buildTestApp();
  author = await signedIn(t, 'employee', { name: 'Ада Лавлейс' });
});
afterAll(async () => {
  await t.close();
});

function notify(userIds: string[], input: Partial<NotificationInput> & { type?: NotificationType } = {}) {
  return transact(systemCtx(t), (tx) =>
    notifyPeople(tx, userIds, { type: 'mention', actorId: author.id, ...input }),
  );
}

async function list(who: Person, query = ''): Promise<{ items: Notification[]; nextCursor: string | null }> {
  const res = await call(t, who, { url: `/api/v1/notifications${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function unread(who: Person): Promise<number> {
  return (await call(t, who, { url: '/api/v1/notifications/unread-count' })).json().count;
}

/** The events on a person's stream, oldest first. */
async function userEvents(userId: string) {
  return t.database.handle.db
    .selectFrom('stream_events')
    .select(['type', 'data'])
    .where('stream', '=', streams.user(userId))
    .orderBy('seq')
    .execute();
}

describe('access', () => {
  const routes = [
    { method: 'GET', url: '/api/v1/notifications' },
    { method: 'GET', url: '/api/v1/notifications/unread-count' },
    { method: 'POST', url: '/api/v1/notifications/01900000-0000-7000-8000-000000000000/read' },
    { method: 'POST', url: '/api/v1/notifications/read-all' },
    { method: 'GET', url: '/api/v1/notifications/settings' },
    { method: 'PUT', url: '/api/v1/notifications/settings', payload: {} },
  ] as const;

  it.each(routes)('$method $url: 401 for the anonymous and the deactivated', async (route) => {
    expect((await call(t, null, route)).statusCode).toBe(401);
    const gone = await signedIn(t, 'employee', { status: 'deactivated' });
    expect((await call(t, gone, route)).statusCode).toBe(401);
  });

  it('403 for an unsafe request without the CSRF token', async () => {
    const me = await signedIn(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/read-all',
      headers: { cookie: me.session.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_TOKEN_INVALID');
  });

  it('guests have notifications too', async () => {
    const guest = await signedIn(t, 'guest');
    await notify([guest.id]);
    expect(await unread(guest)).toBe(1);
  });
});

describe('the list', () => {
  it('shows newest first with the actor, the post excerpt and the data', async () => {
    const me = await signedIn(t);
    const postId = await insertPost(
      t.database.handle.db,
      author.id,
      null,
      '# Привет, **команда**!\n\nСмотрите [отчёт](https://example.com/r) и `код`.',
    );
    await notify([me.id], { type: 'mention', postId });
    await notify([me.id], { type: 'reaction', postId, data: { emoji: '🎉' } });
    const { items, nextCursor } = await list(me);
    expect(nextCursor).toBeNull();
    expect(items).toEqual([
      {
        id: expect.any(String),
        type: 'reaction',
        createdAt: expect.any(String),
        readAt: null,
        actor: { id: author.id, name: 'Ада Лавлейс' },
        post: { id: postId, excerpt: 'Привет, команда! Смотрите отчёт и код.' },
        commentId: null,
        groupId: null,
        data: { emoji: '🎉' },
      },
      expect.objectContaining({ type: 'mention', data: {} }),
    ]);
  });

  it('pages with an opaque cursor, and filters unread', async () => {
    const me = await signedIn(t);
    for (let i = 0; i < 7; i++) await notify([me.id], { data: { i } });
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(me, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((n) => n.data.i as number));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0]);

    const newest = (await list(me, '?limit=1')).items[0]!;
    await call(t, me, { method: 'POST', url: `/api/v1/notifications/${newest.id}/read` });
    const unreadOnly = await list(me, '?unread=true');
    expect(unreadOnly.items.map((n) => n.data.i)).toEqual([5, 4, 3, 2, 1, 0]);
    expect((await list(me, '?unread=false')).items).toHaveLength(7);
  });

  it('answers 400 to a forged cursor and bad parameters', async () => {
    const me = await signedIn(t);
    for (const query of ['?cursor=bm9wZQ', '?cursor=!!', '?limit=0', '?limit=1000', '?unread=maybe']) {
      const res = await call(t, me, { url: `/api/v1/notifications${query}` });
      expect(res.statusCode, query).toBe(400);
    }
    const bad = await call(t, me, { method: 'POST', url: '/api/v1/notifications/not-an-id/read' });
    expect(bad.statusCode).toBe(400);
  });

  it("never shows someone else's notifications", async () => {
    const me = await signedIn(t);
    const other = await signedIn(t);
    await notify([other.id]);
    expect((await list(me)).items).toEqual([]);
    const theirs = (await list(other)).items[0]!;
    const res = await call(t, me, { method: 'POST', url: `/api/v1/notifications/${theirs.id}/read` });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOTIFICATION_NOT_FOUND');
    expect(await unread(other)).toBe(1);
  });

  it("hides a secret group's post notification once the viewer has left the group", async () => {
    const db = t.database.handle.db;
    const me = await signedIn(t);
    const secret = await insertGroup(db, 'secret');
    await addMember(db, secret, me.id);
    await addMember(db, secret, author.id);
    const postId = await insertPost(db, author.id, secret, 'Тайный план');
    await notify([me.id], { postId, groupId: secret });
    await notify([me.id], { type: 'group_invite', groupId: secret, postId: null });
    expect((await list(me)).items.map((n) => n.post?.excerpt ?? null)).toEqual([null, 'Тайный план']);
    const [, secretOne] = (await list(me)).items;
    expect(await unread(me)).toBe(2);

    await removeMember(db, secret, me.id);
    const after = await list(me);
    expect(after.items.map((n) => n.type)).toEqual(['group_invite']);
    expect(JSON.stringify(after)).not.toContain(postId);
    expect(await unread(me)).toBe(1);
    const res = await call(t, me, { method: 'POST', url: `/api/v1/notifications/${secretOne!.id}/read` });
    expect(res.statusCode).toBe(404);
  });
});

describe('marking read', () => {
  it('marks one and all read, idempotently, announcing it on the stream for other tabs', async () => {
    const me = await signedIn(t);
    await notify([me.id, author.id]);
    await notify([me.id]);
    await notify([me.id]);
    expect(await unread(me)).toBe(3);
    const [first] = (await list(me)).items;

    const res = await call(t, me, { method: 'POST', url: `/api/v1/notifications/${first!.id}/read` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ count: 2 });
    expect((await list(me)).items[0]!.readAt).toEqual(expect.any(String));
    // Again: nothing changes, nothing more is announced.
    expect(
      (await call(t, me, { method: 'POST', url: `/api/v1/notifications/${first!.id}/read` })).json(),
    ).toEqual({
      count: 2,
    });

    const all = await call(t, me, { method: 'POST', url: '/api/v1/notifications/read-all' });
    expect(all.json()).toEqual({ count: 0 });
    expect((await call(t, me, { method: 'POST', url: '/api/v1/notifications/read-all' })).json()).toEqual({
      count: 0,
    });

    const events = await userEvents(me.id);
    expect(events.map((e) => e.type)).toEqual([
      'notification.created',
      'notification.created',
      'notification.created',
      'notifications.read',
      'notifications.read',
    ]);
    expect(JSON.parse(events[3]!.data)).toEqual({ ids: [first!.id], all: false });
    expect(JSON.parse(events[4]!.data)).toEqual({ ids: [], all: true });
  });
});

describe('settings', () => {
  it('lists every type on by default, switches one off, and notifyPeople then skips it', async () => {
    const me = await signedIn(t);
    const initial = (await call(t, me, { url: '/api/v1/notifications/settings' })).json();
    expect(Object.values(initial).every((on) => on === true)).toBe(true);
    expect(Object.keys(initial)).toContain('mention');

    const res = await call(t, me, {
      method: 'PUT',
      url: '/api/v1/notifications/settings',
      payload: { reaction: false },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ...initial, reaction: false });

    expect(await notify([me.id], { type: 'reaction' })).toBe(0);
    expect(await notify([me.id], { type: 'mention' })).toBe(1);
    expect((await list(me)).items.map((n) => n.type)).toEqual(['mention']);

    await call(t, me, { method: 'PUT', url: '/api/v1/notifications/settings', payload: { reaction: true } });
    expect(await notify([me.id], { type: 'reaction' })).toBe(1);
  });

  it('refuses unknown types and values that are not booleans', async () => {
    const me = await signedIn(t);
    for (const payload of [{ nonsense: false }, { mention: 'no' }, [true]]) {
      const res = await call(t, me, { method: 'PUT', url: '/api/v1/notifications/settings', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const settings = (await call(t, me, { url: '/api/v1/notifications/settings' })).json();
    expect(Object.values(settings).every((on) => on === true)).toBe(true);
  });
});

describe('notifyPeople', () => {
  it('never notifies the actor, and each recipient once', async () => {
    const me = await signedIn(t);
    expect(await notify([me.id, me.id, author.id])).toBe(1);
    expect(await unread(me)).toBe(1);
  });
});

describe('plainExcerpt', () => {
  it.each([
    ['**bold** and _it_', 'bold and it'],
    ['> quoted\n- item', 'quoted item'],
    ['![alt](https://x/y.png) pic', 'alt pic'],
    ['```\ncode\n```\nafter', 'after'],
  ])('%j → %j', (markdown, excerpt) => {
    expect(plainExcerpt(markdown)).toBe(excerpt);
  });

  it('cuts long text on a character boundary with an ellipsis', () => {
    const text = '😀'.repeat(200);
    const cut = plainExcerpt(text, 10);
    expect(Array.from(cut)).toHaveLength(10);
    expect(cut.endsWith('…')).toBe(true);
  });
});
