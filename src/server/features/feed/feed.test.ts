import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { insertGroup } from '../posts/posts.fixtures.js';

/**
 * The feeds through HTTP: secret groups never leak, pinned and must-read posts lead the first
 * page, the "new since your last visit" marker, cursors, and who may call what.
 */

let t: TestApp;
let admin: Person;
let member: Person;
let outsider: Person;
let moderator: Person;
let guest: Person;
let secretGroup: string;
let openGroup: string;
let secretPost: string;

async function publish(who: Person, space: Record<string, unknown>, body: string): Promise<string> {
  const res = await call(t, who, { method: 'POST', url: '/api/v1/posts', payload: { space, body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function get(who: Person | null, url: string) {
  return call(t, who, { method: 'GET', url });
}

async function ids(who: Person, url: string): Promise<string[]> {
  const res = await get(who, url);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { id: string }[]).map((i) => i.id);
}

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.handle.db;
  admin = await signedIn(t, 'admin');
  moderator = await signedIn(t, 'moderator');
  member = await signedIn(t, 'employee');
  outsider = await signedIn(t, 'employee');
  guest = await signedIn(t, 'guest');
  secretGroup = (await insertGroup(db, { visibility: 'secret', members: { [member.id]: 'admin' } })).id;
  openGroup = (
    await insertGroup(db, { visibility: 'open', members: { [member.id]: 'member', [guest.id]: 'member' } })
  ).id;
  secretPost = await publish(member, { type: 'group', id: secretGroup }, 'Plans for #hushhush');
  // Everyone who could be tempted follows the author and the tag, and the tag is a priority topic.
  for (const who of [outsider, admin, moderator]) {
    expect(
      (await call(t, who, { method: 'POST', url: `/api/v1/users/${member.id}/follow` })).statusCode,
    ).toBe(200);
    expect((await call(t, who, { method: 'PUT', url: '/api/v1/topics/hushhush/follow' })).statusCode).toBe(
      200,
    );
  }
  const priority = await call(t, admin, {
    method: 'PUT',
    url: '/api/v1/admin/topics/hushhush/priority',
    payload: { priority: true },
  });
  expect(priority.statusCode, priority.body).toBe(200);
});
afterAll(async () => {
  await t.close();
});

describe('a secret group post', () => {
  it('reaches its members everywhere', async () => {
    expect(await ids(member, '/api/v1/feed')).toContain(secretPost);
    expect(await ids(member, `/api/v1/groups/${secretGroup}/feed`)).toContain(secretPost);
    expect(await ids(member, '/api/v1/topics/hushhush/feed')).toContain(secretPost);
    expect(await ids(member, `/api/v1/users/${member.id}/posts`)).toContain(secretPost);
  });

  it.each([
    ['an employee', () => outsider],
    ['a platform admin', () => admin],
    ['a platform moderator', () => moderator],
  ])('never reaches %s who is not a member, in any feed, topic page or count', async (_, who) => {
    const viewer = who();
    expect(await ids(viewer, '/api/v1/feed')).not.toContain(secretPost);
    expect(await ids(viewer, '/api/v1/company/feed')).not.toContain(secretPost);
    expect(await ids(viewer, '/api/v1/topics/hushhush/feed')).not.toContain(secretPost);
    expect(await ids(viewer, `/api/v1/users/${member.id}/posts`)).not.toContain(secretPost);
    expect((await get(viewer, `/api/v1/groups/${secretGroup}/feed`)).statusCode).toBe(404);
    // The topic is known to them only because they follow it (and it is a priority topic).
    const topic = await get(viewer, '/api/v1/topics/hushhush');
    expect(topic.statusCode).toBe(200);
    expect(Object.keys(topic.json())).not.toContain('postsCount');
  });

  it('does not make its hashtag known to people outside the group', async () => {
    await publish(member, { type: 'group', id: secretGroup }, 'Only here: #quietplans');
    expect((await get(outsider, '/api/v1/topics/quietplans')).statusCode).toBe(404);
    expect((await get(admin, '/api/v1/topics/quietplans')).statusCode).toBe(404);
    const listed = (await get(outsider, '/api/v1/topics?q=quiet')).json().items as { tag: string }[];
    expect(listed.map((x) => x.tag)).not.toContain('quietplans');
    expect(await ids(outsider, '/api/v1/topics/quietplans/feed')).toEqual([]);
    const own = (await get(member, '/api/v1/topics?q=quiet')).json().items as { tag: string }[];
    expect(own.map((x) => x.tag)).toContain('quietplans');
  });
});

describe('the top of the first page', () => {
  it('puts unconfirmed must-read announcements, then pinned posts, first and never repeats them', async () => {
    const db = t.database.handle.db;
    const pinned = await publish(admin, { type: 'company' }, 'Pinned news');
    const announcement = await publish(admin, { type: 'company' }, 'Read this');
    for (let i = 0; i < 4; i++) await publish(outsider, { type: 'company' }, `Filler ${i}`);
    await db
      .updateTable('posts')
      .set({ pinned_at: new Date().toISOString() })
      .where('id', '=', pinned)
      .execute();
    await db
      .updateTable('posts')
      .set({ must_read: 1, kind: 'announcement' })
      .where('id', '=', announcement)
      .execute();

    const first = (await get(member, '/api/v1/feed?limit=2')).json();
    expect(first.items.slice(0, 2).map((i: { id: string }) => i.id)).toEqual([announcement, pinned]);
    expect(first.items.slice(0, 2).map((i: { highlight: string }) => i.highlight)).toEqual([
      'mustRead',
      'pinned',
    ]);
    expect(first.items).toHaveLength(4);
    const seen: string[] = first.items.map((i: { id: string }) => i.id);
    let cursor: string | null = first.nextCursor;
    while (cursor) {
      const page = (await get(member, `/api/v1/feed?limit=2&cursor=${cursor}`)).json();
      for (const item of page.items) expect(item.highlight).toBeNull();
      seen.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(secretPost);

    // Once confirmed, the announcement takes its place among the newest.
    await db
      .insertInto('announcement_reads')
      .values({ post_id: announcement, user_id: member.id, confirmed_at: new Date().toISOString() })
      .execute();
    const after = (await get(member, '/api/v1/feed?limit=10')).json();
    expect(after.items[0].id).toBe(pinned);
    expect(after.items.find((i: { id: string }) => i.id === announcement).highlight).toBeNull();

    const company = (await get(outsider, '/api/v1/company/feed?limit=3')).json();
    expect(company.items[0]).toMatchObject({ id: pinned, highlight: 'pinned' });
  });
});

describe('new since the last visit', () => {
  it('marks what was published after the previous sitting, and a reload keeps the marker', async () => {
    const db = t.database.handle.db;
    const reader = await signedIn(t, 'employee');
    const old = await publish(outsider, { type: 'company' }, 'Before');
    const firstVisit = (await get(reader, '/api/v1/feed')).json();
    expect(firstVisit.lastVisitAt).toBeNull();
    expect(firstVisit.items.every((i: { isNew: boolean }) => !i.isNew)).toBe(true);

    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000).toISOString();
    await db
      .updateTable('feed_visits')
      .set({ last_visit_at: twoHoursAgo })
      .where('user_id', '=', reader.id)
      .execute();
    await db
      .updateTable('posts')
      .set({ created_at: new Date(Date.now() - 3 * 3_600_000).toISOString() })
      .where('id', '=', old)
      .execute();
    const fresh = await publish(outsider, { type: 'company' }, 'After');

    for (let visit = 0; visit < 2; visit++) {
      const page = (await get(reader, '/api/v1/feed')).json();
      expect(page.lastVisitAt).toBe(twoHoursAgo);
      const byId = new Map(page.items.map((i: { id: string; isNew: boolean }) => [i.id, i.isNew]));
      expect(byId.get(fresh)).toBe(true);
      expect(byId.get(old)).toBe(false);
    }
    const next = (
      await get(
        reader,
        `/api/v1/feed?limit=1&cursor=${(await get(reader, '/api/v1/feed?limit=1')).json().nextCursor}`,
      )
    ).json();
    expect(next.lastVisitAt).toBe(twoHoursAgo);
  });
});

describe('cursors and callers', () => {
  it.each([
    'garbage!',
    Buffer.from('{"i":"not-a-uuid"}').toString('base64url'),
    Buffer.from('{"i":"01900000-0000-7000-8000-000000000000","x":1}').toString('base64url'),
  ])('answers 400 INVALID_CURSOR to a forged cursor %s', async (cursor) => {
    for (const url of ['/api/v1/feed', '/api/v1/company/feed', `/api/v1/users/${member.id}/posts`]) {
      const res = await get(member, `${url}?cursor=${cursor}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toMatch(/INVALID_CURSOR|VALIDATION_FAILED/);
    }
  });

  it('gives guests the feed of their groups only', async () => {
    const inOpen = await publish(member, { type: 'group', id: openGroup }, 'For the team #hushhush');
    const feed = await ids(guest, '/api/v1/feed');
    expect(feed).toContain(inOpen);
    const res = (await get(guest, '/api/v1/feed?limit=50')).json();
    for (const item of res.items) expect(item.space).toMatchObject({ type: 'group', id: openGroup });
    expect(await ids(guest, `/api/v1/groups/${openGroup}/feed`)).toContain(inOpen);
    expect((await get(guest, '/api/v1/company/feed')).statusCode).toBe(403);
    expect((await get(guest, '/api/v1/topics/hushhush/feed')).statusCode).toBe(403);
    expect((await get(guest, `/api/v1/users/${member.id}/posts`)).statusCode).toBe(403);
    expect((await get(guest, `/api/v1/groups/${secretGroup}/feed`)).statusCode).toBe(404);
  });

  it('refuses anonymous callers and answers 404 for unknown people and groups', async () => {
    expect((await get(null, '/api/v1/feed')).statusCode).toBe(401);
    expect((await get(member, '/api/v1/users/01900000-0000-7000-8000-000000000000/posts')).statusCode).toBe(
      404,
    );
    expect((await get(member, '/api/v1/groups/01900000-0000-7000-8000-000000000000/feed')).statusCode).toBe(
      404,
    );
  });
});
