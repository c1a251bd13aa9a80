import type { Insertable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../src/server/platform/db/database.js';
import type { Database, GroupRole, GroupVisibility, UserRole } from '../src/server/platform/db/schema.js';
import { renderMarkdown } from '../src/server/platform/markdown/render.js';

/**
 * The feed benchmark's company, generated from a seed: the same seed gives the same people,
 * groups, follows, posts, comments and reactions, with the same ids and times (anchored to a
 * fixed date), on either database. Rows are bulk-loaded with multi-row inserts inside
 * transactions, as a migration import would: no ledger entries are written for them (the
 * benchmark's post-creation phase goes through the API, which writes them).
 */

export interface FeedWorldSize {
  people: number;
  groups: number;
  posts: number;
  /** Comments plus reactions. */
  interactions: number;
  groupsPerPerson: number;
  followsPerPerson: number;
  topics: number;
  topicsPerPerson: number;
}

export const fullSize: FeedWorldSize = {
  people: 10_000,
  groups: 300,
  posts: 200_000,
  interactions: 1_000_000,
  groupsPerPerson: 8,
  followsPerPerson: 30,
  topics: 400,
  topicsPerPerson: 5,
};

export const quickSize: FeedWorldSize = {
  people: 1_000,
  groups: 30,
  posts: 20_000,
  interactions: 100_000,
  groupsPerPerson: 8,
  followsPerPerson: 30,
  topics: 100,
  topicsPerPerson: 5,
};

export interface FeedWorld {
  /** Everyone but the administrator who ran setup, in generation order. */
  userIds: string[];
  roles: UserRole[];
  /** The part of each person's e-mail before `@`: how they are mentioned. */
  logins: string[];
  groupIds: string[];
  /** Each group's member indexes (into userIds). */
  members: number[][];
  tags: string[];
  counts: Record<string, number>;
}

/** A small, fast, seeded generator (sfc32). */
export function seededRandom(seed: number): () => number {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 ^ (seed * 7);
  let c = 0xb7e15162 ^ (seed * 13);
  let d = 1 ^ seed;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 20; i++) next();
  return next;
}

/** Picks indexes 0..n-1 with Zipf-like weights 1 / (rank + offset)^s, so a few are popular. */
function zipfPicker(n: number, s: number, offset: number, rnd: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += 1 / (i + offset) ** s;
    cumulative[i] = total;
  }
  return () => {
    const x = rnd() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function distinct(count: number, pick: () => number, exclude = -1): number[] {
  const seen = new Set<number>();
  let guard = count * 20;
  while (seen.size < count && guard-- > 0) {
    const i = pick();
    if (i !== exclude) seen.add(i);
  }
  return [...seen];
}

const words = (
  'update release team plan review launch customer office project meeting quarter idea result ' +
  'design data support sales report travel lunch welcome thanks question answer draft demo ' +
  'roadmap hiring budget security training offsite party milestone feedback survey'
).split(' ');

/** The fixed end of the generated history: ids and times do not depend on when the bench runs. */
const anchor = Date.UTC(2026, 10, 1);
const yearMs = 365 * 24 * 3_600_000;
const emojis = ['👍', '❤️', '🎉', '😂', '🔥', '👀'];

async function insertAll<T extends keyof Database & string>(
  db: Db,
  table: T,
  rows: Insertable<Database[T]>[],
  columns: number,
): Promise<void> {
  // Both engines take ≥ 32,766 bound parameters per statement.
  const batch = Math.max(1, Math.floor(30_000 / columns));
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < rows.length; i += batch) {
      await tx
        .insertInto(table)
        .values(rows.slice(i, i + batch) as never)
        .execute();
    }
  });
}

function v7At(ms: number, rnd: () => number): string {
  const random = new Uint8Array(16);
  for (let i = 0; i < 16; i++) random[i] = Math.floor(rnd() * 256);
  return uuidv7({ msecs: ms, random });
}

/** Generates and bulk-loads the world; `log` receives progress lines. */
export async function generateFeedWorld(
  db: Db,
  size: FeedWorldSize,
  seed: number,
  log: (line: string) => void,
): Promise<FeedWorld> {
  const rnd = seededRandom(seed);
  const started = performance.now();
  const step = (what: string) => log(`  ${what} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const iso = (ms: number) => new Date(ms).toISOString();
  const created = iso(anchor - yearMs - 86_400_000);

  const departments = Array.from({ length: 40 }, (_, i) => ({
    id: v7At(anchor - yearMs - 2 * 86_400_000 + i, rnd),
    name: `Department ${i + 1}`,
    name_search: `department ${i + 1}`,
    parent_id: null,
    head_user_id: null,
    external_id: null,
    created_at: created,
    updated_at: created,
  }));
  await insertAll(db, 'departments', departments, 8);

  const userIds: string[] = [];
  const roles: UserRole[] = [];
  const logins: string[] = [];
  const users: Insertable<Database['users']>[] = [];
  for (let i = 0; i < size.people; i++) {
    const id = v7At(anchor - yearMs - 86_400_000 + i, rnd);
    const r = rnd();
    const role: UserRole = r < 0.005 ? 'admin' : r < 0.02 ? 'moderator' : r < 0.03 ? 'guest' : 'employee';
    const dept = Math.floor(rnd() * departments.length);
    const login = `user${i}`;
    userIds.push(id);
    roles.push(role);
    logins.push(login);
    users.push({
      id,
      email: `${login}@corp.test`,
      name: `Person ${i}`,
      name_search: `person ${i}`,
      password_hash: null,
      password_changed_at: null,
      role,
      status: 'active',
      deactivated_via: null,
      deactivated_at: null,
      email_verified_at: created,
      position: null,
      position_search: null,
      department_id: role === 'guest' ? null : departments[dept]!.id,
      manager_id: null,
      phone: null,
      office: null,
      city: null,
      birthday: null,
      start_date: null,
      about: null,
      interests: '[]',
      contacts: '{}',
      photo_key: null,
      locale: null,
      external_id: null,
      source: 'import',
      locked_until: null,
      created_at: created,
      updated_at: created,
    });
  }
  await insertAll(db, 'users', users, 32);
  step(`${users.length} people`);

  const groupIds: string[] = [];
  const visibilities: GroupVisibility[] = [];
  const members: number[][] = [];
  for (let g = 0; g < size.groups; g++) {
    groupIds.push(v7At(anchor - yearMs - 43_200_000 + g, rnd));
    const r = rnd();
    visibilities.push(r < 0.1 ? 'secret' : r < 0.4 ? 'closed' : 'open');
    members.push([]);
  }
  const pickGroup = zipfPicker(size.groups, 0.8, 3, rnd);
  const membershipRows: Insertable<Database['group_members']>[] = [];
  for (let u = 0; u < size.people; u++) {
    const k = roles[u] === 'guest' ? 2 : size.groupsPerPerson - 2 + Math.floor(rnd() * 5);
    const mine = distinct(k, pickGroup);
    for (const g of mine) members[g]!.push(u);
  }
  const groupRows: Insertable<Database['groups']>[] = [];
  for (let g = 0; g < size.groups; g++) {
    const list = members[g]!;
    list.forEach((u, position) => {
      const role: GroupRole = position === 0 ? 'admin' : position < 3 ? 'moderator' : 'member';
      membershipRows.push({
        group_id: groupIds[g]!,
        user_id: userIds[u]!,
        role,
        via_department: 0,
        created_at: created,
      });
    });
    groupRows.push({
      id: groupIds[g]!,
      name: `Group ${g}`,
      name_search: `group ${g}`,
      handle: `group-${g}`,
      description: '',
      visibility: visibilities[g]!,
      department_id: null,
      photo_key: null,
      member_count: list.length,
      created_by: list[0] === undefined ? null : userIds[list[0]]!,
      created_at: created,
      updated_at: created,
    });
  }
  await insertAll(db, 'groups', groupRows, 12);
  await insertAll(db, 'group_members', membershipRows, 5);
  step(`${groupRows.length} groups, ${membershipRows.length} memberships`);

  const pickPerson = zipfPicker(size.people, 0.7, 10, rnd);
  const followRows: Insertable<Database['follows']>[] = [];
  for (let u = 0; u < size.people; u++) {
    if (roles[u] === 'guest') continue;
    for (const f of distinct(size.followsPerPerson, pickPerson, u)) {
      if (roles[f] === 'guest') continue;
      followRows.push({ follower_id: userIds[u]!, followee_id: userIds[f]!, created_at: created });
    }
  }
  await insertAll(db, 'follows', followRows, 3);
  step(`${followRows.length} follows`);

  const tags = Array.from({ length: size.topics }, (_, i) => `${words[i % words.length]}${i}`);
  // Priority topics are mid-popularity tags: their posts reach every feed.
  const priorityTags = new Set([
    tags[Math.floor(size.topics * 0.1)]!,
    tags[Math.floor(size.topics * 0.3)]!,
    tags[Math.floor(size.topics * 0.6)]!,
  ]);
  await insertAll(
    db,
    'topics',
    tags.map((tag) => ({ tag, name: tag, priority: priorityTags.has(tag) ? 1 : 0, created_at: created })),
    4,
  );
  const pickTag = zipfPicker(size.topics, 0.9, 2, rnd);
  const topicFollowRows: Insertable<Database['topic_follows']>[] = [];
  for (let u = 0; u < size.people; u++) {
    if (roles[u] === 'guest') continue;
    for (const t of distinct(size.topicsPerPerson, pickTag)) {
      topicFollowRows.push({ user_id: userIds[u]!, tag: tags[t]!, created_at: created });
    }
  }
  await insertAll(db, 'topic_follows', topicFollowRows, 3);
  step(`${tags.length} topics, ${topicFollowRows.length} topic follows`);

  // Who comments and reacts where is decided first, so each post is written with its counts.
  const comments = Math.floor(size.interactions / 2);
  const reactions = size.interactions - comments;
  const commentPost = new Int32Array(comments);
  const reactionPost = new Int32Array(reactions);
  const commentCount = new Int32Array(size.posts);
  const reactionCount = new Int32Array(size.posts);
  // Recent posts draw more conversation: the newest posts get about 25 comments and 25
  // reactions each, the average post 2.5 of each.
  const pickPost = () => size.posts - 1 - Math.floor(size.posts * rnd() ** 1.5);
  for (let i = 0; i < comments; i++) {
    const p = pickPost();
    commentPost[i] = p;
    commentCount[p]! += 1;
  }
  const reactionKeys = new Set<string>();
  const reactionRows: { p: number; u: number; e: number }[] = [];
  for (let i = 0; i < reactions; i++) {
    const p = pickPost();
    const u = pickPerson();
    const e = Math.floor(rnd() * emojis.length);
    const key = `${p}:${u}:${e}`;
    if (reactionKeys.has(key)) continue;
    reactionKeys.add(key);
    reactionPost[reactionRows.length] = p;
    reactionRows.push({ p, u, e });
    reactionCount[p]! += 1;
  }
  reactionKeys.clear();

  const postIds: string[] = [];
  const postTimes: number[] = [];
  const moderators = userIds.filter((_, i) => roles[i] === 'admin' || roles[i] === 'moderator');
  const employees = userIds.map((_, i) => i).filter((i) => roles[i] !== 'guest');
  const pickGroupForPost = zipfPicker(size.groups, 0.6, 3, rnd);
  const counts = { posts: 0, company: 0, group: 0, profile: 0, mustRead: 0, pinned: 0, hidden: 0, tagged: 0 };
  let postRows: Insertable<Database['posts']>[] = [];
  let tagRows: Insertable<Database['post_tags']>[] = [];
  let audienceRows: Insertable<Database['post_audiences']>[] = [];
  const flush = async () => {
    await insertAll(db, 'posts', postRows, 24);
    await insertAll(db, 'post_tags', tagRows, 2);
    await insertAll(db, 'post_audiences', audienceRows, 2);
    postRows = [];
    tagRows = [];
    audienceRows = [];
  };
  for (let p = 0; p < size.posts; p++) {
    const ms = Math.floor(anchor - yearMs + ((p + rnd()) * yearMs) / size.posts);
    const id = v7At(ms, rnd);
    postIds.push(id);
    postTimes.push(ms);
    const r = rnd();
    let space: 'company' | 'group' | 'profile';
    let groupId: string | null = null;
    let profileId: string | null = null;
    let author: string;
    let kind: 'post' | 'announcement' = 'post';
    let mustRead = 0;
    let hasAudience = 0;
    if (r < 0.08) {
      space = 'company';
      if (rnd() < 0.3) {
        kind = 'announcement';
        author = moderators[Math.floor(rnd() * moderators.length)]!;
        if (rnd() < 0.01) mustRead = 1;
        if (rnd() < 0.2) {
          hasAudience = 1;
          for (const d of distinct(1 + Math.floor(rnd() * 3), () => Math.floor(rnd() * departments.length))) {
            audienceRows.push({ post_id: id, department_id: departments[d]!.id });
          }
        }
      } else {
        author = userIds[employees[Math.floor(rnd() * employees.length)]!]!;
      }
    } else if (r < 0.7) {
      space = 'group';
      let g = pickGroupForPost();
      while (members[g]!.length === 0) g = (g + 1) % size.groups;
      groupId = groupIds[g]!;
      const list = members[g]!;
      author = userIds[list[Math.floor(rnd() * list.length)]!]!;
    } else {
      space = 'profile';
      let owner = pickPerson();
      while (roles[owner] === 'guest') owner = (owner + 1) % size.people;
      profileId = userIds[owner]!;
      author = profileId;
    }
    const text = Array.from(
      { length: 8 + Math.floor(rnd() * 20) },
      () => words[Math.floor(rnd() * words.length)],
    );
    const postTags = rnd() < 0.4 ? distinct(rnd() < 0.25 ? 2 : 1, pickTag).map((t) => tags[t]!) : [];
    for (const tag of postTags) {
      text.splice(Math.floor(rnd() * text.length), 0, `#${tag}`);
      tagRows.push({ tag, post_id: id });
    }
    if (postTags.length > 0) counts.tagged += 1;
    if (rnd() < 0.2) text.splice(Math.floor(rnd() * text.length), 0, `@${logins[pickPerson()]}`);
    const body = text.join(' ');
    const at = iso(ms);
    const pinned = (space === 'group' && rnd() < 0.0005) || (space === 'company' && rnd() < 0.0002);
    const hidden = rnd() < 0.002;
    postRows.push({
      id,
      space_type: space,
      group_id: groupId,
      profile_id: profileId,
      author_id: author,
      kind,
      body,
      html: renderMarkdown(body),
      version: 1,
      shared_post_id: null,
      preview_url: null,
      preview: null,
      has_audience: hasAudience,
      must_read: mustRead,
      comments_locked: 0,
      pinned_at: pinned ? iso(ms + 3_600_000) : null,
      hidden_at: hidden ? iso(ms + 7_200_000) : null,
      hidden_by: hidden ? moderators[0]! : null,
      comment_count: commentCount[p]!,
      reaction_count: reactionCount[p]!,
      created_at: at,
      updated_at: at,
      edited_at: null,
    });
    counts.posts += 1;
    counts[space] += 1;
    counts.mustRead += mustRead;
    counts.pinned += pinned ? 1 : 0;
    counts.hidden += hidden ? 1 : 0;
    if (postRows.length >= 20_000) await flush();
  }
  await flush();
  step(`${counts.posts} posts`);

  // Most people have confirmed most must-read announcements.
  const readRows: Insertable<Database['announcement_reads']>[] = [];
  const mustReadIds = await db
    .selectFrom('posts')
    .select(['id', 'created_at'])
    .where('must_read', '=', 1)
    .execute();
  for (const post of mustReadIds) {
    for (let u = 0; u < size.people; u++) {
      if (rnd() < 0.9)
        readRows.push({ post_id: post.id, user_id: userIds[u]!, confirmed_at: post.created_at });
    }
  }
  await insertAll(db, 'announcement_reads', readRows, 3);
  step(`${readRows.length} must-read confirmations`);

  let rows: Insertable<Database['comments']>[] = [];
  const lastComment = new Map<number, string>();
  for (let i = 0; i < comments; i++) {
    const p = commentPost[i]!;
    const ms = Math.min(anchor - 1, postTimes[p]! + Math.floor(rnd() * 2 * 86_400_000));
    const id = v7At(ms, rnd);
    const reply = rnd() < 0.2 ? lastComment.get(p) : undefined;
    const text = Array.from(
      { length: 3 + Math.floor(rnd() * 12) },
      () => words[Math.floor(rnd() * words.length)],
    );
    const body = text.join(' ');
    const at = iso(ms);
    rows.push({
      id,
      post_id: postIds[p]!,
      parent_id: reply ?? null,
      author_id: userIds[pickPerson()]!,
      body,
      html: `<p>${body}</p>\n`,
      version: 1,
      hidden_at: null,
      hidden_by: null,
      created_at: at,
      updated_at: at,
      edited_at: null,
    });
    if (!reply) lastComment.set(p, id);
    if (rows.length >= 50_000) {
      await insertAll(db, 'comments', rows, 12);
      rows = [];
    }
  }
  await insertAll(db, 'comments', rows, 12);
  step(`${comments} comments`);

  let reactionBatch: Insertable<Database['reactions']>[] = [];
  for (const r of reactionRows) {
    reactionBatch.push({
      post_id: postIds[r.p]!,
      user_id: userIds[r.u]!,
      emoji: emojis[r.e]!,
      created_at: iso(postTimes[r.p]!),
    });
    if (reactionBatch.length >= 50_000) {
      await insertAll(db, 'reactions', reactionBatch, 4);
      reactionBatch = [];
    }
  }
  await insertAll(db, 'reactions', reactionBatch, 4);
  step(`${reactionRows.length} reactions`);

  return {
    userIds,
    roles,
    logins,
    groupIds,
    members,
    tags,
    counts: {
      ...counts,
      people: size.people,
      groups: size.groups,
      memberships: membershipRows.length,
      follows: followRows.length,
      topicFollows: topicFollowRows.length,
      comments,
      reactions: reactionRows.length,
    },
  };
}
