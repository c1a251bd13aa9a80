import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '../../../../tests/support/session.js';
import { buildTestApp, systemCtx, type TestApp } from '../../../../tests/support/test-app.js';
import type { Ctx } from '../../platform/context.js';
import type { GroupRole, GroupVisibility, UserRole } from '../../platform/db/schema.js';
import { insertDepartment } from '../posts/posts.fixtures.js';
import {
  followKey,
  insertPost,
  insertWorldGroup,
  oraclePersonalFeed,
  oracleSourceFeed,
  type World,
  type WorldPerson,
  type WorldPost,
} from './feed.fixtures.js';
import { mergeReadable } from './feed.merge.js';
import type { FeedSource } from './feed.queries.js';
import { getCompanyFeed, getTopicFeed, getUserPosts, personalFeedIds } from './feed.service.js';

/**
 * The feed's merge against a brute-force oracle: random small worlds of people, groups,
 * follows, topics and posts in every kind of space; the paged feed must equal the oracle's list
 * (readable, in the viewer's sources, newest first), without duplicates or gaps across pages,
 * even when posts are published between two pages.
 */

const tags = ['a', 'b', 'c'] as const;

const postSpec = fc.record({
  space: fc.constantFrom('company', 'group', 'group', 'profile'),
  group: fc.nat(),
  author: fc.nat(),
  audience: fc.option(fc.subarray([0, 1], { minLength: 1 }), { freq: 2 }),
  hidden: fc.nat(5).map((n) => n === 0),
  pinned: fc.nat(7).map((n) => n === 0),
  mustRead: fc.nat(5).map((n) => n === 0),
  tags: fc.subarray([...tags]),
});
type PostSpec = typeof postSpec extends fc.Arbitrary<infer T> ? T : never;

const worldSpec = fc.record({
  people: fc.array(
    fc.record({
      role: fc.constantFrom<UserRole>('employee', 'employee', 'employee', 'moderator', 'admin', 'guest'),
      department: fc.nat(2),
    }),
    { minLength: 2, maxLength: 5 },
  ),
  groups: fc.array(
    fc.record({
      visibility: fc.constantFrom<GroupVisibility>('open', 'closed', 'secret'),
      members: fc.array(
        fc.record({
          person: fc.nat(),
          role: fc.constantFrom<GroupRole>('member', 'member', 'admin', 'moderator'),
        }),
        { maxLength: 4 },
      ),
    }),
    { maxLength: 3 },
  ),
  follows: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }),
  topicFollows: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...tags)), { maxLength: 4 }),
  priority: fc.subarray([...tags], { maxLength: 1 }),
  posts: fc.array(postSpec, { maxLength: 30 }),
  confirmed: fc.array(fc.nat(), { maxLength: 3 }),
  later: fc.array(postSpec, { maxLength: 4 }),
  viewer: fc.nat(),
  limit: fc.integer({ min: 1, max: 4 }),
});
type WorldSpec = typeof worldSpec extends fc.Arbitrary<infer T> ? T : never;

let t: TestApp;
let departments: string[];

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.handle.db;
  departments = [
    (await insertDepartment(db, { name: 'North' })).id,
    (await insertDepartment(db, { name: 'South' })).id,
  ];
});
afterAll(async () => {
  await t.close();
});

async function clear(): Promise<void> {
  const db = t.database.handle.db;
  await db.deleteFrom('posts').execute();
  await db.deleteFrom('topic_follows').execute();
  await db.deleteFrom('topics').execute();
  await db.deleteFrom('follows').execute();
  await db.deleteFrom('group_members').execute();
  await db.deleteFrom('groups').execute();
}

let pinCounter = 0;

function toPost(world: World, spec: PostSpec, allowTop: boolean): Omit<WorldPost, 'id'> {
  const person = world.people[spec.author % world.people.length]!;
  const group = world.groups.length > 0 ? world.groups[spec.group % world.groups.length]! : null;
  const space = spec.space === 'group' && !group ? 'company' : spec.space;
  const company = space === 'company';
  pinCounter += 1;
  return {
    space,
    groupId: space === 'group' ? group!.id : null,
    profileId: space === 'profile' ? person.id : null,
    authorId: person.id,
    audience: company && spec.audience ? spec.audience.map((d) => departments[d]!) : null,
    hidden: spec.hidden,
    pinnedAt:
      allowTop && spec.pinned ? new Date(Date.UTC(2026, 0, 1) + pinCounter * 1000).toISOString() : null,
    mustRead: allowTop && company && spec.mustRead,
    tags: [...spec.tags],
  };
}

async function build(spec: WorldSpec): Promise<World> {
  await clear();
  const db = t.database.handle.db;
  const people: WorldPerson[] = [];
  for (const p of spec.people) {
    const departmentId = p.role === 'guest' ? null : departments[p.department % 2]!;
    const user = await insertUser(db, { role: p.role, departmentId });
    people.push({ id: user.id, role: p.role, departmentId });
  }
  const world: World = {
    people,
    groups: [],
    follows: new Set(),
    topicFollows: new Set(),
    priorityTags: new Set(spec.priority),
    confirmed: new Set(),
    posts: [],
  };
  for (const g of spec.groups) {
    const members = new Map<string, GroupRole>();
    for (const m of g.members) members.set(people[m.person % people.length]!.id, m.role);
    world.groups.push({
      id: await insertWorldGroup(db, g.visibility, members),
      visibility: g.visibility,
      members,
    });
  }
  const now = new Date().toISOString();
  for (const [a, b] of spec.follows) {
    const key = followKey(people[a % people.length]!.id, people[b % people.length]!.id);
    if (a % people.length === b % people.length || world.follows.has(key)) continue;
    world.follows.add(key);
    await db
      .insertInto('follows')
      .values({
        follower_id: people[a % people.length]!.id,
        followee_id: people[b % people.length]!.id,
        created_at: now,
      })
      .execute();
  }
  for (const [p, tag] of spec.topicFollows) {
    const key = followKey(people[p % people.length]!.id, tag);
    if (world.topicFollows.has(key)) continue;
    world.topicFollows.add(key);
    await db
      .insertInto('topic_follows')
      .values({ user_id: people[p % people.length]!.id, tag, created_at: now })
      .execute();
  }
  for (const tag of tags) {
    await db
      .insertInto('topics')
      .values({ tag, name: tag, priority: world.priorityTags.has(tag) ? 1 : 0, created_at: now })
      .execute();
  }
  for (const p of spec.posts) world.posts.push(await insertPost(db, toPost(world, p, true)));
  const viewer = people[spec.viewer % people.length]!;
  const mustRead = world.posts.filter((p) => p.mustRead);
  for (const c of spec.confirmed) {
    const post = mustRead[c % Math.max(1, mustRead.length)];
    if (!post || world.confirmed.has(followKey(viewer.id, post.id))) continue;
    world.confirmed.add(followKey(viewer.id, post.id));
    await db
      .insertInto('announcement_reads')
      .values({ post_id: post.id, user_id: viewer.id, confirmed_at: now })
      .execute();
  }
  return world;
}

function ctxOf(viewer: WorldPerson): Ctx {
  return {
    ...systemCtx(t),
    actor: { id: viewer.id, role: viewer.role, status: 'active', departmentId: viewer.departmentId },
  };
}

/** Pages through a feed; `between` runs after each page (publishing newer posts). */
async function pageAll(
  limit: number,
  page: (cursor: string | undefined) => Promise<{ ids: string[]; nextCursor: string | null }>,
  between: () => Promise<void>,
): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const result = await page(cursor);
    pages.push(result.ids);
    if (result.nextCursor === null) return pages;
    expect(result.ids).toHaveLength(limit);
    cursor = result.nextCursor;
    await between();
  }
  throw new Error('the feed did not end');
}

describe('mergeReadable', () => {
  it('returns the newest readable ids of the union of sources, however the readable ones are spread', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 60 }), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.func(fc.nat(3)),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 6 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 5 }),
        fc.option(fc.integer({ min: 0, max: 200 })),
        async (sources, unreadable, want, fetched, skipped, bound) => {
          const id = (n: number) => n.toString().padStart(4, '0');
          const lists = sources.map((s) => s.map(id).sort().reverse());
          const readable = (x: string) => unreadable(Number(x)) !== 0;
          const skip = new Set(skipped.map(id));
          const expected = [...new Set(lists.flat())]
            .filter((x) => readable(x) && !skip.has(x))
            .sort()
            .reverse()
            .slice(0, want);
          const io = {
            more: async (source: FeedSource, before: string, limit: number) =>
              lists[Number((source as { id: string }).id)]!.filter((x) => x < before).slice(0, limit),
            readable: async (ids: readonly string[]) => new Set(ids.filter(readable)),
          };
          const scans = (floor?: string) =>
            lists.map((ids, i) => {
              const read = ids.filter((x) => floor === undefined || x >= floor).slice(0, fetched);
              return {
                source: { kind: 'group' as const, id: String(i) },
                ids: read,
                ...(floor !== undefined && read.length < fetched ? { floor } : {}),
              };
            });
          expect(await mergeReadable(scans(), fetched, want, io, skip)).toEqual(expected);
          // Scans stopped at a bound either answer exactly or ask to be read without it.
          const bounded = await mergeReadable(
            scans(bound === null ? undefined : id(bound)),
            fetched,
            want,
            io,
            skip,
          );
          if (bounded !== null) expect(bounded).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('the personal feed merge', () => {
  it('equals the oracle across pages, with posts published between pages', async () => {
    await fc.assert(
      fc.asyncProperty(worldSpec, async (spec) => {
        const world = await build(spec);
        const viewer = world.people[spec.viewer % world.people.length]!;
        const expected = oraclePersonalFeed(world, viewer, 5);
        const ctx = ctxOf(viewer);
        let later = [...spec.later];
        let top: string[] = [];
        const pages = await pageAll(
          spec.limit,
          async (cursor) => {
            const page = await personalFeedIds(ctx, ctx.actor!, { limit: spec.limit, cursor });
            if (cursor === undefined) top = page.top.map((x) => x.id);
            else expect(page.top).toEqual([]);
            return page;
          },
          async () => {
            const next = later.shift();
            if (next) await insertPost(t.database.handle.db, toPost(world, next, false));
          },
        );
        later = [];
        expect(top).toEqual(expected.top);
        const all = pages.flat();
        expect(new Set(all).size).toBe(all.length);
        expect(all).toEqual(expected.newest);
      }),
      { numRuns: 80 },
    );
  }, 60_000);

  it('topic, author and company feeds equal the oracle across pages', async () => {
    await fc.assert(
      fc.asyncProperty(worldSpec, fc.constantFrom(...tags), fc.nat(), async (spec, tag, who) => {
        const world = await build(spec);
        const viewer = world.people[spec.viewer % world.people.length]!;
        const author = world.people[who % world.people.length]!;
        const ctx = ctxOf(viewer);
        const idsOf = (r: {
          items: { id: string; highlight: string | null }[];
          nextCursor: string | null;
        }) => ({
          ids: r.items.filter((i) => i.highlight === null).map((i) => i.id),
          nextCursor: r.nextCursor,
        });
        const none = async () => {};
        const query = (cursor: string | undefined) => ({ limit: spec.limit, cursor });

        const historyOf = viewer.role === 'guest' ? viewer : author;
        const history = await pageAll(
          spec.limit,
          async (c) => idsOf(await getUserPosts(ctx, historyOf.id, query(c))),
          none,
        );
        expect(history.flat()).toEqual(oracleSourceFeed(world, viewer, (p) => p.authorId === historyOf.id));

        if (viewer.role !== 'guest') {
          const topic = await pageAll(
            spec.limit,
            async (c) => idsOf(await getTopicFeed(ctx, tag, query(c))),
            none,
          );
          expect(topic.flat()).toEqual(oracleSourceFeed(world, viewer, (p) => p.tags.includes(tag)));

          const pinned = oracleSourceFeed(world, viewer, (p) => p.space === 'company' && p.pinnedAt !== null);
          const company = await pageAll(
            spec.limit,
            async (c) => idsOf(await getCompanyFeed(ctx, query(c))),
            none,
          );
          expect(company.flat()).toEqual(
            oracleSourceFeed(world, viewer, (p) => p.space === 'company').filter(
              (id) => !pinned.slice(0, 5).includes(id),
            ),
          );
        }
      }),
      { numRuns: 15 },
    );
  }, 60_000);
});
