import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../platform/db/database.js';
import type { GroupRole, GroupVisibility, UserRole } from '../../platform/db/schema.js';

/**
 * Test factories and the brute-force oracle of the feed tests: posts written straight into the
 * database (so random worlds are cheap), and the feed computed from first principles in
 * TypeScript — the rules of DESIGN.md "Who may see what" and of the personal feed, spelled out
 * independently of the SQL. Not used by the server.
 */

export interface WorldPost {
  id: string;
  space: 'company' | 'group' | 'profile';
  groupId: string | null;
  profileId: string | null;
  authorId: string;
  audience: string[] | null;
  hidden: boolean;
  pinnedAt: string | null;
  mustRead: boolean;
  tags: string[];
}

/** Inserts a post (and its tags, topics and audience) with a fresh UUIDv7: newer than all before. */
export async function insertPost(db: Db, post: Omit<WorldPost, 'id'>): Promise<WorldPost> {
  const id = uuidv7();
  const now = new Date().toISOString();
  await db
    .insertInto('posts')
    .values({
      id,
      space_type: post.space,
      group_id: post.groupId,
      profile_id: post.profileId,
      author_id: post.authorId,
      kind: post.mustRead ? 'announcement' : 'post',
      body: 'body',
      html: '<p>body</p>',
      shared_post_id: null,
      preview_url: null,
      preview: null,
      has_audience: post.audience ? 1 : 0,
      must_read: post.mustRead ? 1 : 0,
      pinned_at: post.pinnedAt,
      hidden_at: post.hidden ? now : null,
      hidden_by: null,
      created_at: now,
      updated_at: now,
      edited_at: null,
    })
    .execute();
  for (const tag of post.tags) {
    await db
      .insertInto('topics')
      .values({ tag, name: tag, created_at: now })
      .onConflict((oc) => oc.column('tag').doNothing())
      .execute();
    await db.insertInto('post_tags').values({ tag, post_id: id }).execute();
  }
  for (const departmentId of post.audience ?? []) {
    await db.insertInto('post_audiences').values({ post_id: id, department_id: departmentId }).execute();
  }
  return { ...post, id };
}

export interface WorldPerson {
  id: string;
  role: UserRole;
  departmentId: string | null;
}

export interface World {
  people: WorldPerson[];
  groups: { id: string; visibility: GroupVisibility; members: Map<string, GroupRole> }[];
  follows: Set<string>;
  topicFollows: Set<string>;
  priorityTags: Set<string>;
  confirmed: Set<string>;
  posts: WorldPost[];
}

export const followKey = (a: string, b: string) => `${a}>${b}`;

const isModerator = (p: WorldPerson) => p.role === 'admin' || p.role === 'moderator';

/** Whether `viewer` may read `post`: the oracle of `postReadableBy`. */
export function oracleReadable(world: World, viewer: WorldPerson, post: WorldPost): boolean {
  const group = post.groupId ? world.groups.find((g) => g.id === post.groupId) : undefined;
  const role = group?.members.get(viewer.id) ?? null;
  let space: boolean;
  if (post.space === 'group') {
    space =
      role !== null ||
      (viewer.role !== 'guest' &&
        (group?.visibility === 'open' || (group?.visibility === 'closed' && isModerator(viewer))));
  } else if (viewer.role === 'guest') {
    space = false;
  } else if (post.space === 'company' && post.audience) {
    space =
      isModerator(viewer) ||
      post.authorId === viewer.id ||
      (viewer.departmentId !== null && post.audience.includes(viewer.departmentId));
  } else {
    space = true;
  }
  if (!space) return false;
  return (
    !post.hidden ||
    isModerator(viewer) ||
    post.authorId === viewer.id ||
    role === 'admin' ||
    role === 'moderator'
  );
}

function inPersonalSources(world: World, viewer: WorldPerson, post: WorldPost): boolean {
  if (post.space === 'company') return true;
  if (post.groupId && world.groups.find((g) => g.id === post.groupId)?.members.has(viewer.id)) return true;
  if (post.authorId === viewer.id || world.follows.has(followKey(viewer.id, post.authorId))) return true;
  return post.tags.some((t) => world.priorityTags.has(t) || world.topicFollows.has(followKey(viewer.id, t)));
}

/** The personal feed from first principles: its top (first page) and its newest-first part. */
export function oraclePersonalFeed(
  world: World,
  viewer: WorldPerson,
  topLimit: number,
): { top: string[]; newest: string[] } {
  const readable = world.posts.filter((p) => oracleReadable(world, viewer, p));
  const mustRead = readable
    .filter((p) => p.mustRead && !world.confirmed.has(followKey(viewer.id, p.id)))
    .sort((a, b) => (a.id < b.id ? 1 : -1))
    .slice(0, topLimit);
  const pinned = readable
    .filter(
      (p) =>
        p.pinnedAt !== null &&
        (p.space === 'company' ||
          (p.groupId !== null && world.groups.find((g) => g.id === p.groupId)!.members.has(viewer.id))),
    )
    .sort((a, b) => (a.pinnedAt! < b.pinnedAt! ? 1 : a.pinnedAt! > b.pinnedAt! ? -1 : 0))
    .slice(0, topLimit);
  const top = [...new Set([...mustRead, ...pinned].map((p) => p.id))];
  const newest = readable
    .filter((p) => inPersonalSources(world, viewer, p) && !top.includes(p.id))
    .map((p) => p.id)
    .sort()
    .reverse();
  return { top, newest };
}

/** Group, company, topic and author feeds from first principles, newest first (no top). */
export function oracleSourceFeed(
  world: World,
  viewer: WorldPerson,
  match: (post: WorldPost) => boolean,
): string[] {
  return world.posts
    .filter((p) => match(p) && oracleReadable(world, viewer, p))
    .map((p) => p.id)
    .sort()
    .reverse();
}

/** A group written straight into the database. */
export async function insertWorldGroup(
  db: Db,
  visibility: GroupVisibility,
  members: Map<string, GroupRole>,
): Promise<string> {
  const id = uuidv7();
  const now = new Date().toISOString();
  await db
    .insertInto('groups')
    .values({
      id,
      name: `G ${id.slice(-6)}`,
      name_search: `g ${id.slice(-6)}`,
      handle: `g-${id.slice(-12)}`,
      visibility,
      department_id: null,
      photo_key: null,
      member_count: members.size,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const [userId, role] of members) {
    await db
      .insertInto('group_members')
      .values({ group_id: id, user_id: userId, role, created_at: now })
      .execute();
  }
  return id;
}
