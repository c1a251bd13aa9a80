import { type Expression, type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Actor } from '../../platform/context.js';
import type { Dialect, Executor } from '../../platform/db/database.js';
import { queryTemplate } from '../../platform/db/query-template.js';
import type { Database } from '../../platform/db/schema.js';
import {
  postReadableBy,
  templateViewer,
  type ViewerShape,
  type ViewerValues,
  viewerShape,
  viewerValues,
} from '../spaces/spaces.service.js';

/**
 * The feed's SQL (DESIGN.md "The feed query"). Every list is "newest first below the cursor",
 * built from *sources*: one index range scan each (company space, one group, one author, one
 * hashtag), every scan filtered by `postReadableBy` so nothing the viewer may not read is ever
 * read. A page is the merge of each source's newest `n` ids below the cursor (any id in the
 * page's top `n` is in the top `n` of some source). How the scans are issued differs per engine
 * (see `scanPersonalLateral` and `scanSources`); docs/ARCHITECTURE.md "Feed strategy" has the
 * measurements.
 */

export type FeedSource =
  | { kind: 'company' }
  | { kind: 'group'; id: string }
  | { kind: 'author'; id: string }
  | { kind: 'tag'; tag: string };

type PostsQuery = SelectQueryBuilder<Database, 'posts', { id: string }>;

/** One source's newest `limit` readable post ids below `before`, as a query. */
function sourceQuery(
  db: Executor,
  actor: Actor,
  source: FeedSource,
  before: string | undefined,
  limit: number,
): PostsQuery {
  if (source.kind === 'tag') {
    let q = db
      .selectFrom('post_tags')
      .innerJoin('posts', 'posts.id', 'post_tags.post_id')
      .select('post_tags.post_id as id')
      .where('post_tags.tag', '=', source.tag)
      .where((eb) => postReadableBy(eb as unknown as ExpressionBuilder<Database, 'posts'>, actor));
    if (before !== undefined) q = q.where('post_tags.post_id', '<', before);
    return q.orderBy('post_tags.post_id', 'desc').limit(limit) as unknown as PostsQuery;
  }
  let q = db.selectFrom('posts').select('posts.id');
  if (source.kind === 'company') q = q.where('posts.space_type', '=', 'company');
  else if (source.kind === 'group') q = q.where('posts.group_id', '=', source.id);
  else q = q.where('posts.author_id', '=', source.id);
  q = q.where((eb) => postReadableBy(eb, actor));
  if (before !== undefined) q = q.where('posts.id', '<', before);
  return q.orderBy('posts.id', 'desc').limit(limit);
}

/** One source's newest `limit` readable post ids below `before`. */
export async function scanSource(
  db: Executor,
  actor: Actor,
  source: FeedSource,
  before: string | undefined,
  limit: number,
): Promise<string[]> {
  const rows = await sourceQuery(db, actor, source, before, limit).execute();
  return rows.map((r) => r.id);
}

/** One source's candidates: its newest ids below the cursor, not yet checked for readability. */
export interface SourceCandidates {
  source: FeedSource;
  ids: string[];
  /**
   * Set when the scan stopped at a lower bound rather than at its limit: every id of the source
   * at or above `floor` is in `ids`, nothing below it was read.
   */
  floor?: string;
}

const idList = (dialect: Dialect, column: string) =>
  dialect === 'postgres'
    ? sql<string | null>`string_agg(${sql.ref(column)}, ',')`
    : sql<string | null>`group_concat(${sql.ref(column)}, ',')`;

/**
 * The personal feed's candidates in one statement of fixed shape: for each source of `userId`
 * (member groups, followed people and oneself, followed and priority topics, the company
 * space) the newest `limit` post ids below `before`, each read from its own covering index
 * (`posts (group_id, id)`, `(author_id, id)`, `post_tags (tag, post_id)`, `posts (space_type,
 * id)`). The sources are read from their tables inside the statement, so no round trip comes
 * first. Nothing here is filtered for the viewer: the caller keeps only what `filterReadable`
 * passes.
 *
 * `bounded` also stops every scan at the company space's `limit`-th newest id below the cursor
 * (its `floor`): the company is usually the busiest source, so a page rarely reaches below it,
 * and a person followed or a topic rarely has anything that recent — most scans read nothing.
 */
export async function listPersonalCandidates(
  db: Executor,
  dialect: Dialect,
  userId: string,
  before: string | undefined,
  limit: number,
  bounded: boolean,
): Promise<SourceCandidates[]> {
  const rows = await personalCandidates.execute(db, { dialect, bounded }, { userId, before, limit });
  const typed = rows as { kind: string; value: string; ids: string | null }[];
  const lowest = bounded ? typed.find((r) => r.kind === 'f')?.ids || undefined : undefined;
  return typed
    .filter((row) => row.kind !== 'f')
    .map((row) => {
      const ids = row.ids ? row.ids.split(',').sort().reverse() : [];
      return {
        source:
          row.kind === 'g'
            ? { kind: 'group', id: row.value }
            : row.kind === 'a'
              ? { kind: 'author', id: row.value }
              : row.kind === 't'
                ? { kind: 'tag', tag: row.value }
                : { kind: 'company' },
        ids,
        ...(lowest !== undefined && ids.length < limit ? { floor: lowest } : {}),
      };
    });
}

const personalCandidates = queryTemplate(
  (
    db,
    { dialect, bounded }: { dialect: Dialect; bounded: boolean },
    { userId, before, limit }: { userId: string; before: string | undefined; limit: number },
  ) => {
    const company = db
      .selectFrom('posts')
      .select('posts.id')
      .where('posts.space_type', '=', 'company')
      .$if(before !== undefined, (q) => q.where('posts.id', '<', before!))
      .orderBy('posts.id', 'desc')
      .limit(limit)
      .as('c');
    // '' when the company space has fewer than `limit` posts: then nothing is bounded.
    const floor = sql<string>`coalesce((${db
      .selectFrom(company)
      .select((eb) => eb.fn.min('c.id').as('floor'))
      .having((eb) => eb.fn.countAll(), '=', limit)}), '')`;
    const newest = (
      column: 'posts.group_id' | 'posts.author_id' | 'posts.space_type',
      ref: Expression<string>,
    ) =>
      sql<string | null>`(${db
        .selectFrom(
          db
            .selectFrom('posts')
            .select('posts.id')
            .where(column, '=', ref)
            .$if(before !== undefined, (q) => q.where('posts.id', '<', before!))
            .$if(bounded, (q) => q.where('posts.id', '>=', floor))
            .orderBy('posts.id', 'desc')
            .limit(limit)
            .as('x'),
        )
        .select(idList(dialect, 'x.id').as('ids'))})`;
    const tagged = (ref: Expression<string>) =>
      sql<string | null>`(${db
        .selectFrom(
          db
            .selectFrom('post_tags')
            .select('post_tags.post_id')
            .where('post_tags.tag', '=', ref)
            .$if(before !== undefined, (q) => q.where('post_tags.post_id', '<', before!))
            .$if(bounded, (q) => q.where('post_tags.post_id', '>=', floor))
            .orderBy('post_tags.post_id', 'desc')
            .limit(limit)
            .as('x'),
        )
        .select(idList(dialect, 'x.post_id').as('ids'))})`;
    const tags = db
      .selectFrom('topic_follows')
      .select('topic_follows.tag')
      .where('topic_follows.user_id', '=', userId)
      .union(db.selectFrom('topics').select('topics.tag').where('topics.priority', '=', 1));
    return db
      .selectFrom('group_members as s')
      .select([
        sql.lit('g').as('kind'),
        's.group_id as value',
        newest('posts.group_id', sql.ref('s.group_id')).as('ids'),
      ])
      .where('s.user_id', '=', userId)
      .unionAll(
        db
          .selectFrom('follows as s')
          .select([
            sql.lit('a').as('kind'),
            's.followee_id as value',
            newest('posts.author_id', sql.ref('s.followee_id')).as('ids'),
          ])
          .where('s.follower_id', '=', userId),
      )
      .unionAll(
        db
          .selectFrom(tags.as('s'))
          .select([sql.lit('t').as('kind'), 's.tag as value', tagged(sql.ref('s.tag')).as('ids')]),
      )
      .unionAll(
        db.selectNoFrom([
          sql.lit('a').as('kind'),
          sql.val(userId).as('value'),
          newest('posts.author_id', sql.val(userId)).as('ids'),
        ]) as never,
      )
      .unionAll(
        db.selectNoFrom([
          sql.lit('c').as('kind'),
          sql.lit('').as('value'),
          newest('posts.space_type', sql.lit('company')).as('ids'),
        ]) as never,
      )
      .unionAll(
        db.selectNoFrom([sql.lit('f').as('kind'), sql.lit('').as('value'), floor.as('ids')]) as never,
      );
  },
);

/** One source's newest `limit` post ids below `before`, unchecked (see `filterReadable`). */
export async function listSourceIds(
  db: Executor,
  source: FeedSource,
  before: string | undefined,
  limit: number,
): Promise<string[]> {
  if (source.kind === 'tag') {
    let q = db
      .selectFrom('post_tags')
      .select('post_tags.post_id as id')
      .where('post_tags.tag', '=', source.tag);
    if (before !== undefined) q = q.where('post_tags.post_id', '<', before);
    return (await q.orderBy('post_tags.post_id', 'desc').limit(limit).execute()).map((r) => r.id);
  }
  let q = db.selectFrom('posts').select('posts.id');
  if (source.kind === 'company') q = q.where('posts.space_type', '=', 'company');
  else if (source.kind === 'group') q = q.where('posts.group_id', '=', source.id);
  else q = q.where('posts.author_id', '=', source.id);
  if (before !== undefined) q = q.where('posts.id', '<', before);
  return (await q.orderBy('posts.id', 'desc').limit(limit).execute()).map((r) => r.id);
}

/** The subset of `ids` that `actor` may read (spaces.service `postReadableBy`). */
export async function filterReadable(
  db: Executor,
  actor: Actor,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await readableIds.execute(db, viewerShape(actor), { ...viewerValues(actor), ids });
  return new Set(rows.map((r) => r.id));
}

const readableIds = queryTemplate(
  (db, viewer: ViewerShape, values: ViewerValues & { ids: readonly string[] }) =>
    db
      .selectFrom('posts')
      .select('posts.id')
      .where('posts.id', 'in', values.ids)
      .where((eb) => postReadableBy(eb, templateViewer(viewer, values))),
);

/** A post that may lead a first page: pinned, or a must-read announcement not yet confirmed. */
export interface TopCandidate {
  id: string;
  reason: 'mustRead' | 'pinned';
  /** When it was pinned (pins), or its id (must-read): newest first within each reason. */
  rank: string;
  space_type: string;
  group_id: string | null;
  /** Whether `userId` is a member of the post's group. */
  member: number;
}

/**
 * Every pinned post (pins are few: a handful per space), and the must-read announcements
 * `userId` has not confirmed, unchecked for readability (see `filterReadable`). The pinned scan
 * is written `pinned_at > ''` (true for every pin time) so that SQLite, which has no statistics,
 * reads the `posts (pinned_at)` index instead of the whole table; must-read posts are found
 * through `posts (must_read, id)`.
 */
export async function listTopCandidates(
  db: Executor,
  userId: string,
  withMustRead: boolean,
): Promise<TopCandidate[]> {
  return (await topCandidates.execute(db, { withMustRead }, { userId })) as TopCandidate[];
}

const topCandidates = queryTemplate(
  (db, { withMustRead }: { withMustRead: boolean }, { userId }: { userId: string }) => {
    const pinned = db
      .selectFrom('posts')
      .leftJoin('group_members', (join) =>
        join.onRef('group_members.group_id', '=', 'posts.group_id').on('group_members.user_id', '=', userId),
      )
      .select([
        'posts.id',
        sql<'pinned'>`'pinned'`.as('reason'),
        sql<string>`${sql.ref('posts.pinned_at')}`.as('rank'),
        'posts.space_type',
        'posts.group_id',
        sql<number>`case when ${sql.ref('group_members.user_id')} is null then 0 else 1 end`.as('member'),
      ])
      .where('posts.pinned_at', '>', '');
    const mustRead = db
      .selectFrom('posts')
      // Only indexed columns: the must-read index answers this without reading the posts.
      .select([
        'posts.id',
        sql<'mustRead'>`'mustRead'`.as('reason'),
        sql<string>`${sql.ref('posts.id')}`.as('rank'),
        sql<string>`''`.as('space_type'),
        sql<string | null>`null`.as('group_id'),
        sql<number>`0`.as('member'),
      ])
      .where('posts.must_read', '=', 1)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('announcement_reads')
              .select(eb.lit(1).as('one'))
              .whereRef('announcement_reads.post_id', '=', 'posts.id')
              .where('announcement_reads.user_id', '=', userId),
          ),
        ),
      );
    return withMustRead ? pinned.unionAll(mustRead as never) : pinned;
  },
);

/** The "new since your last visit" marker of one person. */
export async function findFeedVisit(db: Executor, userId: string) {
  return (await feedVisit.execute(db, null, { userId }))[0];
}

const feedVisit = queryTemplate((db, _: null, { userId }: { userId: string }) =>
  db.selectFrom('feed_visits').select(['last_visit_at', 'previous_visit_at']).where('user_id', '=', userId),
);

/** Records the first visit (no-op when a concurrent request already did). */
export async function insertFeedVisit(db: Executor, userId: string, at: string): Promise<void> {
  await db
    .insertInto('feed_visits')
    .values({ user_id: userId, last_visit_at: at, previous_visit_at: null })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
}

/** Moves the visit forward; `previous` set only when a new sitting begins. */
export async function updateFeedVisit(
  db: Executor,
  userId: string,
  at: string,
  previous?: string,
): Promise<void> {
  await db
    .updateTable('feed_visits')
    .set(previous === undefined ? { last_visit_at: at } : { last_visit_at: at, previous_visit_at: previous })
    .where('user_id', '=', userId)
    .execute();
}

/** A person whose publication history is asked for. */
export function findHistoryOwner(db: Executor, userId: string) {
  return db.selectFrom('users').select(['id', 'status']).where('id', '=', userId).executeTakeFirst();
}
