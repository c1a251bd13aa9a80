import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Actor } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { Database, ReportStatus } from '../../platform/db/schema.js';
import { postReadableBy } from '../spaces/spaces.service.js';

/**
 * SQL of reports and the review queue. A report always names its post; a comment report also
 * names the comment, so the queue can place every report in its post's space.
 */

/** What a report is about: a post, or one comment of it. */
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
    .where('post_id', '=', subject.postId)
    .where('status', '=', 'open');
  query = subject.commentId
    ? query.where('comment_id', '=', subject.commentId)
    : query.where('comment_id', 'is', null);
  return query.executeTakeFirst();
}

export async function insertReport(
  db: Executor,
  row: { id: string; reporterId: string; subject: ReportSubject; reason: string; at: string },
): Promise<void> {
  await db
    .insertInto('reports')
    .values({
      id: row.id,
      post_id: row.subject.postId,
      comment_id: row.subject.commentId,
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

/** One report, or undefined. */
export function findReport(db: Executor, id: string) {
  return db
    .selectFrom('reports')
    .select(['id', 'post_id', 'comment_id', 'reporter_id', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The open reports on a subject: their ids and reporters. */
export function listOpenReports(db: Executor, subject: ReportSubject) {
  let query = db
    .selectFrom('reports')
    .select(['id', 'reporter_id'])
    .where('post_id', '=', subject.postId)
    .where('status', '=', 'open');
  query = subject.commentId
    ? query.where('comment_id', '=', subject.commentId)
    : query.where('comment_id', 'is', null);
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

type QueueEb = ExpressionBuilder<Database, 'reports' | 'posts'>;

/**
 * The reports `actor` reviews: platform moderators every report on content they can read;
 * group admins and moderators the reports from their groups. Profile owners moderate their
 * profile directly and get no queue; reports on profiles go to platform moderators.
 */
function inQueueOf(eb: QueueEb, actor: Actor): Expression<SqlBool> {
  if (actor.status !== 'active') return eb.lit(false);
  if (actor.role === 'admin' || actor.role === 'moderator') {
    return postReadableBy(eb as unknown as ExpressionBuilder<Database, 'posts'>, actor);
  }
  return eb.and([
    eb('posts.space_type', '=', 'group'),
    eb.exists(
      eb
        .selectFrom('group_members as gm')
        .select(eb.lit(1).as('one'))
        .whereRef('gm.group_id', '=', 'posts.group_id')
        .where('gm.user_id', '=', actor.id)
        .where('gm.role', 'in', ['admin', 'moderator']),
    ),
  ]);
}

function queueQuery(db: Executor, actor: Actor) {
  return db
    .selectFrom('reports')
    .innerJoin('posts', 'posts.id', 'reports.post_id')
    .leftJoin('comments', 'comments.id', 'reports.comment_id')
    .innerJoin('users as reporter', 'reporter.id', 'reports.reporter_id')
    .innerJoin('users as post_author', 'post_author.id', 'posts.author_id')
    .leftJoin('users as comment_author', 'comment_author.id', 'comments.author_id')
    .leftJoin('groups', 'groups.id', 'posts.group_id')
    .select([
      'reports.id',
      'reports.post_id',
      'reports.comment_id',
      'reports.reason',
      'reports.status',
      'reports.created_at',
      'reports.resolved_at',
      'reports.resolved_by',
      'reports.resolution_note',
      'reporter.id as reporter_id',
      'reporter.name as reporter_name',
      'reporter.photo_key as reporter_photo_key',
      'posts.space_type',
      'posts.group_id',
      'posts.profile_id',
      'posts.body as post_body',
      'posts.hidden_at as post_hidden_at',
      'post_author.id as post_author_id',
      'post_author.name as post_author_name',
      'post_author.photo_key as post_author_photo_key',
      'comments.body as comment_body',
      'comments.hidden_at as comment_hidden_at',
      'comment_author.id as comment_author_id',
      'comment_author.name as comment_author_name',
      'comment_author.photo_key as comment_author_photo_key',
      'groups.name as group_name',
    ])
    .select((eb) => [
      eb
        .selectFrom('reports as same')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('same.post_id', '=', 'reports.post_id')
        .where((e) =>
          e(e.fn.coalesce('same.comment_id', e.val('')), '=', e.fn.coalesce('reports.comment_id', e.val(''))),
        )
        .as('subject_total'),
      eb
        .selectFrom('reports as same')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('same.post_id', '=', 'reports.post_id')
        .where((e) =>
          e(e.fn.coalesce('same.comment_id', e.val('')), '=', e.fn.coalesce('reports.comment_id', e.val(''))),
        )
        .where('same.status', '=', 'open')
        .as('subject_open'),
    ])
    .where((eb) => inQueueOf(eb, actor));
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
