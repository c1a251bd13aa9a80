import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Actor } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { Database, ReportStatus } from '../../platform/db/schema.js';
import { postReadableBy } from '../spaces/spaces.service.js';

/**
 * SQL of reports and the review queue. A report names its post, and for a comment also the
 * comment; both ids go null when the content is deleted, and the report keeps a snapshot taken
 * when it was made: the kind of subject, its author, a plain-text excerpt and its group.
 */

/** What a live report is about: a post, or one comment of it. */
export interface ReportSubject {
  postId: string;
  commentId: string | null;
}

/** The reporter's open report on the subject, if any. */
export function findOpenReportBy(db: Executor, reporterId: string, subject: ReportSubject) {
  let query = db
    .selectFrom('reports')
    .select('id')
    .where('reporter_id', '=', reporterId)
    .where('status', '=', 'open');
  query = subject.commentId
    ? query.where('subject_type', '=', 'comment').where('comment_id', '=', subject.commentId)
    : query.where('subject_type', '=', 'post').where('post_id', '=', subject.postId);
  return query.executeTakeFirst();
}

export async function insertReport(
  db: Executor,
  row: {
    id: string;
    reporterId: string;
    subject: ReportSubject;
    authorId: string;
    excerpt: string;
    groupId: string | null;
    reason: string;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('reports')
    .values({
      id: row.id,
      post_id: row.subject.postId,
      comment_id: row.subject.commentId,
      subject_type: row.subject.commentId ? 'comment' : 'post',
      subject_author_id: row.authorId,
      subject_excerpt: row.excerpt,
      group_id: row.groupId,
      reporter_id: row.reporterId,
      reason: row.reason,
      status: 'open',
      resolved_by: null,
      resolved_at: null,
      resolution_note: null,
      created_at: row.at,
    })
    .execute();
}

/** The open reports on a subject: their ids and reporters. */
export function listOpenReports(db: Executor, subject: ReportSubject) {
  let query = db.selectFrom('reports').select(['id', 'reporter_id']).where('status', '=', 'open');
  query = subject.commentId
    ? query.where('subject_type', '=', 'comment').where('comment_id', '=', subject.commentId)
    : query.where('subject_type', '=', 'post').where('post_id', '=', subject.postId);
  return query.execute();
}

/** Closes those of the given reports still open with a decision; returns how many it closed. */
export async function updateReportsResolved(
  db: Executor,
  ids: readonly string[],
  resolution: { status: Exclude<ReportStatus, 'open'>; by: string; note: string | null; at: string },
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('reports')
    .set({
      status: resolution.status,
      resolved_by: resolution.by,
      resolved_at: resolution.at,
      resolution_note: resolution.note,
    })
    .where('id', 'in', ids)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Removes the reports about a group's content, before the group itself is deleted. */
export async function deleteReportsOfGroup(db: Executor, groupId: string): Promise<number> {
  const result = await db.deleteFrom('reports').where('group_id', '=', groupId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

type QueueEb = ExpressionBuilder<Database, 'reports' | 'posts'>;

/** The report's group is one `actor` moderates (admin or moderator in it). */
function inModeratedGroup(eb: QueueEb, actor: Actor): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('group_members as gm')
      .select(eb.lit(1).as('one'))
      .whereRef('gm.group_id', '=', 'reports.group_id')
      .where('gm.user_id', '=', actor.id)
      .where('gm.role', 'in', ['admin', 'moderator']),
  );
}

/**
 * Where deleted content was, readable by a platform moderator: the company or a profile (no
 * group), an open or closed group, or a secret one they are in.
 */
function formerGroupReadable(eb: QueueEb, actor: Actor): Expression<SqlBool> {
  return eb.or([
    eb('reports.group_id', 'is', null),
    eb.exists(
      eb
        .selectFrom('groups as g')
        .select(eb.lit(1).as('one'))
        .whereRef('g.id', '=', 'reports.group_id')
        .where((e) =>
          e.or([
            e('g.visibility', 'in', ['open', 'closed']),
            e.exists(
              e
                .selectFrom('group_members as gm')
                .select(e.lit(1).as('one'))
                .whereRef('gm.group_id', '=', 'g.id')
                .where('gm.user_id', '=', actor.id),
            ),
          ]),
        ),
    ),
  ]);
}

/**
 * The reports `actor` reviews. Group admins and moderators: the reports from their groups
 * (`reports.group_id`, kept after the content is gone; a secret group's members only, since
 * only members hold a role). Platform moderators and admins: every report on content they can
 * read, and once it is deleted, every report from where they could read. Profile owners
 * moderate their profile directly and get no queue; reports on profiles go to platform
 * moderators.
 */
function inQueueOf(eb: QueueEb, actor: Actor): Expression<SqlBool> {
  if (actor.status !== 'active') return eb.lit(false);
  if (actor.role !== 'admin' && actor.role !== 'moderator') return inModeratedGroup(eb, actor);
  return eb.or([
    eb.and([
      eb('posts.id', 'is not', null),
      postReadableBy(eb as unknown as ExpressionBuilder<Database, 'posts'>, actor),
    ]),
    eb.and([eb('posts.id', 'is', null), formerGroupReadable(eb, actor)]),
  ]);
}

function queueQuery(db: Executor, actor: Actor) {
  return db
    .selectFrom('reports')
    .leftJoin('posts', 'posts.id', 'reports.post_id')
    .leftJoin('comments', 'comments.id', 'reports.comment_id')
    .innerJoin('users as reporter', 'reporter.id', 'reports.reporter_id')
    .leftJoin('users as subject_author', 'subject_author.id', 'reports.subject_author_id')
    .leftJoin('groups', 'groups.id', 'reports.group_id')
    .select([
      'reports.id',
      'reports.post_id',
      'reports.comment_id',
      'reports.subject_type',
      'reports.subject_excerpt',
      'reports.group_id',
      'reports.reason',
      'reports.status',
      'reports.created_at',
      'reports.resolved_at',
      'reports.resolved_by',
      'reports.resolution_note',
      'reporter.id as reporter_id',
      'reporter.name as reporter_name',
      'reporter.photo_key as reporter_photo_key',
      'reporter.role as reporter_role',
      'posts.space_type',
      'posts.profile_id',
      'posts.hidden_at as post_hidden_at',
      'comments.hidden_at as comment_hidden_at',
      'subject_author.id as author_id',
      'subject_author.name as author_name',
      'subject_author.photo_key as author_photo_key',
      'subject_author.role as author_role',
      'groups.name as group_name',
      'groups.visibility as group_visibility',
    ])
    .select((eb) => {
      // Reports on the same live post or comment; none match once it is gone (null ids).
      const sameSubject = () =>
        eb
          .selectFrom('reports as same')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('same.subject_type', '=', 'reports.subject_type')
          .where((e) =>
            e.or([
              e.and([
                e('reports.subject_type', '=', 'post'),
                e('same.post_id', '=', e.ref('reports.post_id')),
              ]),
              e.and([
                e('reports.subject_type', '=', 'comment'),
                e('same.comment_id', '=', e.ref('reports.comment_id')),
              ]),
            ]),
          );
      return [
        sameSubject().as('subject_total'),
        sameSubject().where('same.status', '=', 'open').as('subject_open'),
      ];
    })
    .where((eb) => inQueueOf(eb as unknown as QueueEb, actor));
}
export type QueueRow = Awaited<ReturnType<ReturnType<typeof queueQuery>['executeTakeFirstOrThrow']>>;

/** One page of `actor`'s review queue, newest first, filtered by open or resolved. */
export function listReportQueue(
  db: Executor,
  actor: Actor,
  status: 'open' | 'resolved',
  after: { i: string } | undefined,
  limit: number,
): Promise<QueueRow[]> {
  let query = queueQuery(db, actor);
  query =
    status === 'open'
      ? query.where('reports.status', '=', 'open')
      : query.where('reports.status', '!=', 'open');
  if (after) query = query.where('reports.id', '<', after.i);
  return query.orderBy('reports.id', 'desc').limit(limit).execute();
}

/** One report as it stands in `actor`'s queue, or undefined when it is not theirs to see. */
export function findQueuedReport(db: Executor, actor: Actor, id: string): Promise<QueueRow | undefined> {
  return queueQuery(db, actor).where('reports.id', '=', id).executeTakeFirst();
}
