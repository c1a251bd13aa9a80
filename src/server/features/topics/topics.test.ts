import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { insertGroup } from '../posts/posts.fixtures.js';

/** Topics: the directory and autocomplete, a topic's page, following, priority topics. */

let t: TestApp;
let admin: Person;
let author: Person;
let reader: Person;

async function publish(who: Person, space: Record<string, unknown>, body: string): Promise<string> {
  const res = await call(t, who, { method: 'POST', url: '/api/v1/posts', payload: { space, body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t, 'admin');
  author = await signedIn(t, 'employee');
  reader = await signedIn(t, 'employee');
  await publish(author, { type: 'profile' }, 'Welcome #Onboarding and #onboarding_tips');
  for (let i = 0; i < 5; i++) await publish(author, { type: 'company' }, `Topic #dir${i}`);
});
afterAll(async () => {
  await t.close();
});

describe('the directory', () => {
  it('autocompletes by prefix, case-insensitively and with a leading #, keeping the first spelling', async () => {
    const res = await call(t, reader, {
      method: 'GET',
      url: `/api/v1/topics?q=${encodeURIComponent('#ONB')}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      { tag: 'onboarding', name: 'Onboarding', priority: false, followedByMe: false },
      { tag: 'onboarding_tips', name: 'onboarding_tips', priority: false, followedByMe: false },
    ]);
  });

  it('treats _ in the query literally', async () => {
    const res = await call(t, reader, { method: 'GET', url: '/api/v1/topics?q=onboarding_' });
    expect(res.json().items.map((i: { tag: string }) => i.tag)).toEqual(['onboarding_tips']);
  });

  it('pages by tag without repeats or gaps', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/topics?q=dir&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await call(t, reader, { method: 'GET', url })).json();
      seen.push(...page.items.map((i: { tag: string }) => i.tag));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['dir0', 'dir1', 'dir2', 'dir3', 'dir4']);
  });

  it('answers 400 to a forged cursor and 403 to guests', async () => {
    expect((await call(t, reader, { method: 'GET', url: '/api/v1/topics?cursor=abc' })).statusCode).toBe(400);
    const guest = await signedIn(t, 'guest');
    expect((await call(t, guest, { method: 'GET', url: '/api/v1/topics' })).statusCode).toBe(403);
    expect((await call(t, guest, { method: 'GET', url: '/api/v1/topics/onboarding' })).statusCode).toBe(403);
  });
});

describe('a topic', () => {
  it('follows and unfollows idempotently, counting followers', async () => {
    const url = '/api/v1/topics/Onboarding/follow';
    for (let i = 0; i < 2; i++) {
      const res = await call(t, reader, { method: 'PUT', url });
      expect(res.json()).toEqual({ followedByMe: true, followersCount: 1 });
    }
    const topic = (await call(t, reader, { method: 'GET', url: '/api/v1/topics/onboarding' })).json();
    expect(topic).toMatchObject({
      tag: 'onboarding',
      name: 'Onboarding',
      followedByMe: true,
      followersCount: 1,
    });
    expect(topic.abilities).toEqual({ follow: true, setPriority: false });
    for (let i = 0; i < 2; i++) {
      const res = await call(t, reader, { method: 'DELETE', url });
      expect(res.json()).toEqual({ followedByMe: false, followersCount: 0 });
    }
  });

  it('may be followed before anyone used it, and is then known to its follower only', async () => {
    expect((await call(t, reader, { method: 'GET', url: '/api/v1/topics/brandnew' })).statusCode).toBe(404);
    await call(t, reader, { method: 'PUT', url: '/api/v1/topics/brandnew/follow' });
    const res = await call(t, reader, { method: 'GET', url: '/api/v1/topics/brandnew' });
    expect(res.json()).toMatchObject({ tag: 'brandnew', name: 'brandnew', followedByMe: true });
    expect((await call(t, author, { method: 'GET', url: '/api/v1/topics/brandnew' })).statusCode).toBe(404);
  });

  it('rejects a tag that is not a hashtag', async () => {
    const res = await call(t, reader, { method: 'GET', url: `/api/v1/topics/${encodeURIComponent('a b')}` });
    expect(res.statusCode).toBe(400);
  });

  it('reaches the feed of its followers', async () => {
    const stranger = await signedIn(t, 'employee');
    const post = await publish(stranger, { type: 'profile' }, 'About #gardening');
    const feed = async () =>
      (
        (await call(t, reader, { method: 'GET', url: '/api/v1/feed?limit=50' })).json().items as {
          id: string;
        }[]
      ).map((i) => i.id);
    expect(await feed()).not.toContain(post);
    await call(t, reader, { method: 'PUT', url: '/api/v1/topics/gardening/follow' });
    expect(await feed()).toContain(post);
  });
});

describe('priority topics', () => {
  it('are set by administrators only, recorded in the ledger, and reach every feed', async () => {
    const stranger = await signedIn(t, 'employee');
    const post = await publish(stranger, { type: 'profile' }, 'Safety first #safety');
    const url = '/api/v1/admin/topics/Safety/priority';
    expect((await call(t, reader, { method: 'PUT', url, payload: { priority: true } })).statusCode).toBe(403);
    const res = await call(t, admin, { method: 'PUT', url, payload: { priority: true } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ tag: 'safety', priority: true, abilities: { setPriority: true } });
    // Setting it again changes nothing and records nothing.
    await call(t, admin, { method: 'PUT', url, payload: { priority: true } });
    const entries = await t.database.handle.db
      .selectFrom('ledger')
      .select(['action', 'subject_id', 'actor_id'])
      .where('action', '=', 'topic.priority.changed')
      .execute();
    expect(entries).toEqual([{ action: 'topic.priority.changed', subject_id: 'safety', actor_id: admin.id }]);

    const items = (await call(t, reader, { method: 'GET', url: '/api/v1/feed?limit=50' })).json().items as {
      id: string;
    }[];
    expect(items.map((i) => i.id)).toContain(post);
    const listed = (await call(t, reader, { method: 'GET', url: '/api/v1/topics?q=safety' })).json().items;
    expect(listed[0]).toMatchObject({ tag: 'safety', priority: true });

    await call(t, admin, { method: 'PUT', url, payload: { priority: false } });
    const after = (await call(t, reader, { method: 'GET', url: '/api/v1/feed?limit=50' })).json().items as {
      id: string;
    }[];
    expect(after.map((i) => i.id)).not.toContain(post);
  });

  it('still never show a secret group post to non-members', async () => {
    const member = await signedIn(t, 'employee');
    const group = await insertGroup(t.database.handle.db, {
      visibility: 'secret',
      members: { [member.id]: 'member' },
    });
    await call(t, admin, {
      method: 'PUT',
      url: '/api/v1/admin/topics/allhands/priority',
      payload: { priority: true },
    });
    const post = await publish(member, { type: 'group', id: group.id }, 'Secret #allhands');
    for (const who of [reader, admin]) {
      const items = (await call(t, who, { method: 'GET', url: '/api/v1/feed?limit=50' })).json().items as {
        id: string;
      }[];
      expect(items.map((i) => i.id)).not.toContain(post);
    }
  });
});
