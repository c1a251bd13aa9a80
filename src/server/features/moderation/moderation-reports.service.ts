import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type {
  CreateReportBody,
  Report,
  ReportListQuery,
  ResolveReportBody,
  ResolveReportResult,
} from '../../../shared/api/moderation.js';
import type { Page } from '../../../shared/api/pagination.js';
import { cleanText } from '../../../shared/text.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Actor, type Ctx, record, transact } from '../../platform/context.js';
import type { ReportStatus } from '../../platform/db/schema.js';
import { decodeCursor, pageOf } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { notifyPeople } from '../notifications/notifications.service.js';
import { deleteComment } from '../posts/post-comments.service.js';
import { deletePost } from '../posts/posts.service.js';
import { groupSpace, resolvePostSpace, type Space } from '../spaces/spaces.service.js';
import { canReport, canReviewReportsIn } from './moderation.policy.js';
import { excerptOf, presentReport } from './moderation.presenter.js';
import { findCommentFacts, findPostFacts } from './moderation.queries.js';
import {
  applyCommentHidden,
  applyPostAction,
  cleanNote,
  loadReadableComment,
  loadReadablePost,
  reviewsReports,
} from './moderation.service.js';
import {
  findOpenReportBy,
  findQueuedReport,
  insertReport,
  listOpenReports,
  listReportQueue,
  type QueueRow,
  type ReportSubject,
  updateReportsResolved,
} from './moderation-reports.queries.js';

/**
 * Reports and the review queue (P9). Anyone who reads a post or comment may report it once
 * while their report is open; moderators of its space see the report in their queue and decide
 * for every open report on the same subject at once: allow (leave it), hide (restorable) or
 * delete (through the posts slice, so the ledger keeps the full last version). The author hears
 * of a hide or delete (and of an allow that comes with a note); the reporters of the decision.
 *
 * A report outlives its subject: it keeps a snapshot (kind, author, a plain-text excerpt, the
 * group) so decided reports stay in the queue's history after the content is deleted, and a
 * report whose content was deleted meanwhile (by its author, say) can still be closed.
 */

const queueCursor = z.strictObject({ i: z.uuid() });

const statusOf: Record<ResolveReportBody['action'], Exclude<ReportStatus, 'open'>> = {
  allow: 'allowed',
  hide: 'hidden',
  delete: 'deleted',
};

/** `POST /posts/{id}/reports`: report a post or one of its comments. */
export async function createReport(
  ctx: Ctx,
  postId: string,
  body: CreateReportBody,
): Promise<{ id: string; status: 'open'; createdAt: string }> {
  const actor = requireActor(ctx);
  const subject: ReportSubject = { postId, commentId: body.commentId ?? null };
  const { post, comment } = body.commentId
    ? await loadReadableComment(ctx, actor, postId, body.commentId)
    : { ...(await loadReadablePost(ctx, actor, postId)), comment: undefined };
  const target = comment ?? post;
  if (!canReport(actor, target.author_id)) throw new AppError('CANNOT_REPORT_OWN');
  const reason = cleanText(body.reason).trim();
  if (reason === '') throw new AppError('REPORT_REASON_EMPTY');
  const id = uuidv7();
  const at = new Date().toISOString();
  await transact(ctx, async (tx) => {
    if (await findOpenReportBy(tx, actor.id, subject)) throw new AppError('ALREADY_REPORTED');
    await insertReport(tx, {
      id,
      reporterId: actor.id,
      subject,
      authorId: target.author_id,
      excerpt: excerptOf(target.body),
      groupId: post.space_type === 'group' ? post.group_id : null,
      reason,
      at,
    });
    await record(ctx, tx, {
      action: 'report.created',
      subjectType: 'report',
      subjectId: id,
      payload: { postId, commentId: subject.commentId, reason },
    });
  });
  return { id, status: 'open', createdAt: at };
}

/**
 * `GET /moderation/reports`: the reports the viewer reviews, newest first. People who moderate
 * nothing are refused rather than shown an empty queue they could never fill.
 */
export async function listReports(ctx: Ctx, query: ReportListQuery): Promise<Page<Report>> {
  const actor = requireActor(ctx);
  if (!(await reviewsReports(ctx.db, actor))) throw new AppError('FORBIDDEN');
  const rows = await listReportQueue(
    ctx.db,
    actor,
    query.status,
    decodeCursor(queueCursor, query.cursor),
    query.limit + 1,
  );
  return pageOf(rows, query.limit, (r) => ({ i: r.id }), presentReport);
}

/** The live subject of a queued report, or null once its post or comment is deleted. */
function liveSubjectOf(row: QueueRow): ReportSubject | null {
  if (row.post_id === null) return null;
  if (row.subject_type === 'post') return { postId: row.post_id, commentId: null };
  return row.comment_id === null ? null : { postId: row.post_id, commentId: row.comment_id };
}

/**
 * `POST /moderation/reports/{id}/resolve`: applies the decision to the reported content and
 * closes every open report on it. 404 for reports outside the viewer's queue.
 */
export async function resolveReport(
  ctx: Ctx,
  reportId: string,
  body: ResolveReportBody,
): Promise<ResolveReportResult> {
  const actor = requireActor(ctx);
  const queued = await findQueuedReport(ctx.db, actor, reportId);
  if (!queued) throw new AppError('REPORT_NOT_FOUND');
  const subject = liveSubjectOf(queued);
  const post = subject ? await findPostFacts(ctx.db, subject.postId) : undefined;
  const comment =
    post && subject?.commentId ? await findCommentFacts(ctx.db, post.id, subject.commentId) : undefined;
  // Deleted meanwhile (between the queue's read and these): the report is about content gone.
  if (!subject || !post || (subject.commentId && !comment)) {
    return resolveAboutDeleted(ctx, actor, queued, body);
  }
  // The queue's SQL already filtered; the single-object policy must agree.
  if (!canReviewReportsIn(actor, await resolvePostSpace(ctx.db, actor, post))) {
    throw new AppError('REPORT_NOT_FOUND');
  }
  if (queued.status !== 'open') throw new AppError('REPORT_ALREADY_RESOLVED');
  const authorId = comment ? comment.author_id : post.author_id;
  const note = cleanNote(body.note);
  const status = statusOf[body.action];
  const at = new Date().toISOString();

  // Deleting goes through the posts slice (its own transaction, its ledger entry with the full
  // last version). The deletion clears the reports' ids, so the open ones are captured first
  // and closed right after, keeping their snapshot.
  const reportsBefore = body.action === 'delete' ? await listOpenReports(ctx.db, subject) : [];
  if (body.action === 'delete') {
    if (subject.commentId) await deleteComment(ctx, post.id, subject.commentId, note ?? undefined);
    else await deletePost(ctx, post.id, note ?? undefined);
  }

  return transact(ctx, async (tx) => {
    const open = body.action === 'delete' ? reportsBefore : await listOpenReports(tx, subject);
    // Another moderator may have decided meanwhile: the report must still be open (the posts
    // slice refused a second deletion already).
    if (body.action !== 'delete' && !open.some((r) => r.id === reportId)) {
      throw new AppError('REPORT_ALREADY_RESOLVED');
    }
    if (body.action === 'hide') {
      if (comment) {
        const current = await findCommentFacts(tx, post.id, comment.id);
        if (!current) throw new AppError('REPORT_NOT_FOUND');
        await applyCommentHidden(ctx, tx, post, current, true, note);
      } else {
        const current = await findPostFacts(tx, post.id);
        if (!current) throw new AppError('REPORT_NOT_FOUND');
        await applyPostAction(ctx, tx, current, 'hide', note);
      }
    }
    const ids = open.map((r) => r.id);
    const closed = await updateReportsResolved(tx, ids, { status, by: actor.id, note, at });
    if (body.action !== 'delete' && closed === 0) throw new AppError('REPORT_ALREADY_RESOLVED');
    await record(ctx, tx, {
      action: 'report.resolved',
      subjectType: subject.commentId ? 'comment' : 'post',
      subjectId: subject.commentId ?? subject.postId,
      payload: { ...subject, decision: body.action, note, reportIds: ids },
    });
    // Notifications point only at what the recipient can still read: the author keeps seeing
    // hidden content, nobody sees deleted content, reporters see it only if it was allowed.
    const gone = body.action === 'delete';
    const forAuthor = {
      postId: gone && !subject.commentId ? null : subject.postId,
      commentId: gone ? null : subject.commentId,
      groupId: post.group_id,
    };
    // Hiding notified the author already (applyPostAction / applyCommentHidden).
    if (gone || (body.action === 'allow' && note)) {
      await notifyPeople(tx, [authorId], {
        type: 'moderation',
        actorId: actor.id,
        ...forAuthor,
        data: { action: gone ? `${subject.commentId ? 'comment' : 'post'}.deleted` : 'report.allowed', note },
      });
    }
    const allowed = body.action === 'allow';
    await notifyPeople(
      tx,
      open.map((r) => r.reporter_id).filter((id) => id !== authorId),
      {
        type: 'moderation',
        actorId: actor.id,
        postId: allowed ? subject.postId : null,
        commentId: allowed ? subject.commentId : null,
        groupId: null,
        data: { action: 'report.resolved', decision: body.action },
      },
    );
    return { action: body.action, status, resolvedReports: ids.length };
  });
}

/**
 * Where deleted content was, for the single-object check: its group, or (the company and
 * profiles, which only platform moderators review) the company.
 */
async function formerSpaceOf(ctx: Ctx, actor: Actor, row: QueueRow): Promise<Space> {
  if (row.group_id === null || row.group_visibility === null) return { type: 'company' };
  return groupSpace(ctx.db, actor, row.group_id, row.group_visibility);
}

/**
 * Closes one report whose content is already deleted (by its author, or by another moderator
 * meanwhile): there is nothing left to allow, hide or delete, so the report is closed with the
 * moderator's note, as `allowed` when they would have left it and `deleted` otherwise (the
 * content is gone either way), and its reporter is told. Other reports on the same content
 * can no longer be told apart from it and are closed one by one.
 */
async function resolveAboutDeleted(
  ctx: Ctx,
  actor: Actor,
  row: QueueRow,
  body: ResolveReportBody,
): Promise<ResolveReportResult> {
  if (!canReviewReportsIn(actor, await formerSpaceOf(ctx, actor, row))) {
    throw new AppError('REPORT_NOT_FOUND');
  }
  if (row.status !== 'open') throw new AppError('REPORT_ALREADY_RESOLVED');
  const note = cleanNote(body.note);
  const status = body.action === 'allow' ? 'allowed' : 'deleted';
  const at = new Date().toISOString();
  return transact(ctx, async (tx) => {
    const closed = await updateReportsResolved(tx, [row.id], { status, by: actor.id, note, at });
    if (closed === 0) throw new AppError('REPORT_ALREADY_RESOLVED');
    await record(ctx, tx, {
      action: 'report.resolved',
      subjectType: 'report',
      subjectId: row.id,
      payload: {
        subjectType: row.subject_type,
        postId: row.post_id,
        commentId: row.comment_id,
        contentDeleted: true,
        decision: body.action,
        note,
        reportIds: [row.id],
      },
    });
    await notifyPeople(tx, row.author_id === row.reporter_id ? [] : [row.reporter_id], {
      type: 'moderation',
      actorId: actor.id,
      postId: null,
      commentId: null,
      groupId: null,
      data: { action: 'report.resolved', decision: body.action },
    });
    return { action: body.action, status, resolvedReports: 1 };
  });
}
