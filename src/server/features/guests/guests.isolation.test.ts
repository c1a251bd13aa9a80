import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupThroughApi } from '../../../../tests/support/auth-helpers.js';
import { call, type Person } from '../../../../tests/support/people.js';
import { insertUser, openSession } from '../../../../tests/support/session.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { acceptedGuest, createGroup } from './guests.fixtures.js';

/**
 * Guest isolation (R22, R04): a guest who accepted an invitation sees the groups they are in,
 * those groups' posts and members, and nothing else of the company — no directory, departments,
 * org chart, company feed, topics, other groups, stories or banners, no one outside their groups
 * (not even as a mention). Everything else answers 403 (whole features) or 404 (objects).
 * And wherever people are shown, a guest is marked as one.
 */

let t: TestApp;
let admin: Person;
let owner: Person;
let colleague: Person;
let outsider: Person;
let guest: Person;
let department: { id: string; name: string };
let joint: { id: string };
let open: { id: string };
let secret: { id: string };
const posts: Record<string, string> = {};

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);

async function person(email: string, name: string, departmentId: string | null = null): Promise<Person> {
  const user = await insertUser(t.database.handle.db, { email, name, departmentId });
  return { ...user, session: await openSession(t.database.handle.db, user.id) };
}

async function publish(who: Person, space: Record<string, unknown>, body: string): Promise<string> {
  const res = await call(t, who, { method: 'POST', url: '/api/v1/posts', payload: { space, body } });
  if (res.statusCode !== 201) throw new Error(`post: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

const get = (who: Person, url: string) => call(t, who, { url });

beforeAll(async () => {
  t = await buildTestApp();
  const setup = await setupThroughApi(t, { companyName: 'Northwind Trading', allowedDomains: ['corp.test'] });
  admin = {
    id: setup.userId,
    email: setup.email,
    name: 'Founding Admin',
    role: 'admin',
    session: setup.session,
  };
  const dep = await call(t, admin, {
    method: 'POST',
    url: '/api/v1/departments',
    payload: { name: 'Sales' },
  });
  department = { id: dep.json().id, name: 'Sales' };
  owner = await person('olga.owner@corp.test', 'Olga Owner', department.id);
  colleague = await person('cora.colleague@corp.test', 'Cora Colleague', department.id);
  outsider = await person('oscar.outsider@corp.test', 'Oscar Outsider');
  for (const who of [colleague, outsider]) {
    const res = await call(t, who, {
      method: 'PUT',
      url: `/api/v1/users/${who.id}/photo`,
      payload: png,
      headers: { 'content-type': 'application/octet-stream' },
    });
    if (res.statusCode !== 200) throw new Error(`photo: ${res.statusCode} ${res.body}`);
  }

  // The guest's group follows the Sales department; other groups they are not in.
  joint = await createGroup(t, admin, 'Joint venture', 'closed', { departmentId: department.id });
  open = await createGroup(t, outsider, 'Open lounge', 'open');
  secret = await createGroup(t, outsider, 'Secret plans', 'secret');
  guest = await acceptedGuest(t, admin, joint.id, { name: 'Gina Guest' });

  posts.company = await publish(outsider, { type: 'company' }, 'Company news #launch');
  posts.profile = await publish(outsider, { type: 'profile', id: outsider.id }, 'On my profile');
  posts.open = await publish(outsider, { type: 'group', id: open.id }, 'Open group talk');
  posts.secret = await publish(outsider, { type: 'group', id: secret.id }, 'Secret group talk');
  posts.joint = await publish(
    colleague,
    { type: 'group', id: joint.id },
    'Hello @cora.colleague, ask @oscar.outsider or @sales about it',
  );
  posts.byGuest = await publish(guest, { type: 'group', id: joint.id }, 'Thanks! cc @oscar.outsider');

  await call(t, outsider, { method: 'POST', url: '/api/v1/stories', payload: { text: 'Coffee time' } });
  await call(t, admin, {
    method: 'POST',
    url: '/api/v1/banners',
    payload: { title: 'Office closed Friday', endsAt: new Date(Date.now() + 86_400_000).toISOString() },
  });
});
afterAll(async () => {
  await t.close();
});

describe('what a guest may not see', () => {
  it('no directory, profiles of others, departments, org chart, skills or follows (403)', async () => {
    for (const url of [
      '/api/v1/users',
      `/api/v1/users/${outsider.id}`,
      `/api/v1/users/${colleague.id}`,
      `/api/v1/users/${outsider.id}/posts`,
      `/api/v1/users/${colleague.id}/followers`,
      '/api/v1/departments',
      '/api/v1/org-chart/managers',
      '/api/v1/skills',
    ]) {
      expect((await get(guest, url)).statusCode, url).toBe(403);
    }
    const self = await get(guest, `/api/v1/users/${guest.id}`);
    expect(self.statusCode).toBe(200);
    expect(self.json()).toMatchObject({ role: 'guest', isGuest: true, department: null });
  });

  it('no company feed, topics, stories or banners', async () => {
    for (const url of [
      '/api/v1/company/feed',
      '/api/v1/topics',
      '/api/v1/topics/launch',
      '/api/v1/topics/launch/feed',
    ]) {
      expect((await get(guest, url)).statusCode, url).toBe(403);
    }
    expect((await get(guest, '/api/v1/stories')).json().items).toEqual([]);
    expect((await get(guest, '/api/v1/banners')).json().items).toEqual([]);
    // The employees do see them: the fixtures are real.
    expect((await get(owner, '/api/v1/stories')).json().items).not.toEqual([]);
    expect((await get(owner, '/api/v1/banners')).json().items).not.toEqual([]);
  });

  it('no other groups, not even by id (404)', async () => {
    const list = await get(guest, '/api/v1/groups?limit=100');
    expect(list.json().items.map((g: { id: string }) => g.id)).toEqual([joint.id]);
    for (const id of [open.id, secret.id]) {
      for (const url of [
        `/api/v1/groups/${id}`,
        `/api/v1/groups/${id}/feed`,
        `/api/v1/groups/${id}/members`,
      ]) {
        const res = await get(guest, url);
        expect(res.statusCode, url).toBe(404);
      }
    }
    const search = await get(guest, '/api/v1/groups?q=lounge');
    expect(search.json().items).toEqual([]);
  });

  it('no posts outside their groups, by id or in any feed', async () => {
    for (const key of ['company', 'profile', 'open', 'secret']) {
      const res = await get(guest, `/api/v1/posts/${posts[key]}`);
      expect(res.statusCode, key).toBe(404);
      expect((await get(guest, `/api/v1/posts/${posts[key]}/comments`)).statusCode, key).toBe(404);
    }
    expect((await get(guest, `/api/v1/posts/${posts.joint}`)).statusCode).toBe(200);
    const feed = await get(guest, '/api/v1/feed');
    const ids = feed.json().items.map((i: { id: string }) => i.id);
    expect(ids.sort()).toEqual([posts.joint, posts.byGuest].sort());
    const denied = await call(t, guest, {
      method: 'POST',
      url: '/api/v1/posts',
      payload: { space: { type: 'company' }, body: 'Hello company' },
    });
    expect(denied.statusCode).toBe(403);
  });

  it("no department behind their group's name", async () => {
    const forGuest = (await get(guest, `/api/v1/groups/${joint.id}`)).json();
    expect(forGuest.department).toBeNull();
    const forOwner = (await get(owner, `/api/v1/groups/${joint.id}`)).json();
    expect(forOwner.department).toEqual({ id: department.id, name: 'Sales' });
    const listed = (await get(guest, '/api/v1/groups')).json().items[0];
    expect(listed.department).toBeNull();
  });

  it('no one outside their groups: mentions resolve and autocomplete only among co-members', async () => {
    const forGuest = (await get(guest, `/api/v1/posts/${posts.joint}`)).json();
    expect(forGuest.mentions.map((m: { handle: string }) => m.handle)).toEqual(['cora.colleague']);
    const forOwner = (await get(owner, `/api/v1/posts/${posts.joint}`)).json();
    expect(forOwner.mentions.map((m: { handle: string }) => m.handle).sort()).toEqual(
      ['cora.colleague', 'oscar.outsider', 'sales'].sort(),
    );

    const suggestions = (await get(guest, '/api/v1/mentions?q=o')).json();
    const names = suggestions.people.map((p: { name: string }) => p.name);
    expect(names).toContain('Olga Owner');
    expect(names).not.toContain('Oscar Outsider');
    expect(suggestions.departments).toEqual([]);

    // A guest mentioning someone outside their groups notifies nobody.
    const notes = await t.database.handle.db
      .selectFrom('notifications')
      .select('post_id')
      .where('user_id', '=', outsider.id)
      .where('post_id', '=', posts.byGuest!)
      .execute();
    expect(notes).toEqual([]);
  });

  it("sees the faces of their groups' people, nobody else's", async () => {
    expect((await get(guest, `/api/v1/users/${colleague.id}/photo`)).statusCode).toBe(200);
    expect((await get(guest, `/api/v1/users/${outsider.id}/photo`)).statusCode).toBe(403);
  });
});

describe('a guest is marked wherever people are shown', () => {
  it('in member lists, post and comment authors, mentions and the directory', async () => {
    const members = (await get(owner, `/api/v1/groups/${joint.id}/members?limit=100`)).json().items;
    const byId = new Map(members.map((m: { user: { id: string; isGuest: boolean } }) => [m.user.id, m.user]));
    expect(byId.get(guest.id)).toMatchObject({ isGuest: true, platformRole: 'guest' });
    expect(byId.get(colleague.id)).toMatchObject({ isGuest: false });
    // The guest sees their group's members too.
    expect((await get(guest, `/api/v1/groups/${joint.id}/members`)).statusCode).toBe(200);

    const post = (await get(owner, `/api/v1/posts/${posts.byGuest}`)).json();
    expect(post.author).toMatchObject({ id: guest.id, isGuest: true });
    expect((await get(owner, `/api/v1/posts/${posts.joint}`)).json().author.isGuest).toBe(false);

    const comment = await call(t, guest, {
      method: 'POST',
      url: `/api/v1/posts/${posts.joint}/comments`,
      payload: { body: 'Noted' },
    });
    expect(comment.statusCode, comment.body).toBe(201);
    expect(comment.json().author.isGuest).toBe(true);

    const suggestions = (await get(owner, '/api/v1/mentions?q=gina')).json();
    expect(suggestions.people).toEqual([expect.objectContaining({ id: guest.id, isGuest: true })]);

    const profile = (await get(admin, `/api/v1/users/${guest.id}`)).json();
    expect(profile.isGuest).toBe(true);
    expect((await get(admin, `/api/v1/users/${owner.id}`)).json().isGuest).toBe(false);
  });
});
