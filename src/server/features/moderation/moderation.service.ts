import type { CommentModeration, PostModeration } from '../../../shared/api/moderation.js';
import { moderationLimits } from '../../../shared/api/moderation.js';
import { cleanText } from '../../../shared/text.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Actor, type Ctx, record, transact } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { appendStreamEvent, streamOfPost } from '../../platform/events/streams.js';
import { AppError } from '../../platform/http/errors.js';
import { notifyPeople } from '../notifications/notifications.service.js';
import { canModerateSpace, canReadPost, listMemberships, type Space } from '../spaces/spaces.service.js';
import { canModerateIn, canOpenReportQueue } from './moderation.policy.js';
import { presentPostModeration } from './moderation.presenter.js';
import {
  type CommentFacts,
  countPinnedInSpace,
  findCommentFacts,
  findPostFacts,
  type PostFacts,
  updateCommentHidden,
  updateCommentsLocked,
  updatePostHidden,
  updatePostPinned,
} from './moderation.queries.js';
import { deleteReportsOfGroup } from './moderation-reports.queries.js';

/**
 * Moderation actions on posts and comments (P9): hide and restore, lock and unlock comments,
 * pin and unpin. Each change is recorded in the ledger, announced on the post's space stream
 * and notified to the author with the moderator's note, all in one transaction. Repeating an
 * action that is already in effect changes nothing and records nothing.
 *
 * Pins: at most `moderationLimits.pinsPerSpace` per space (the company, a group, a profile);
 * pinning one more answers 409 PIN_LIMIT, so nothing is ever unpinned behind a moderator's back.
 */

export type PostAction = 'hide' | 'unhide' | 'lock' | 'unlock' | 'pin' | 'unpin';

/** The stream a post's changes are announced on. */
export { streamOfPost };

/**
 * For other slices (`GET /me`) and the queue: whether `actor` reviews reports anywhere —
 * platform moderators and admins, and admins and moderators of at least one group.
 */
export async function reviewsReports(db: Executor, actor: Actor | null): Promise<boolean> {
  if (canOpenReportQueue(actor, false)) return true;
  if (actor === null || actor.status !== 'active') return false;
  const memberships = await listMemberships(db, actor.id);
  return canOpenReportQueue(
    actor,
    memberships.some((m) => m.role === 'admin' || m.role === 'moderator'),
  );
}

/**
 * For the groups slice, inside the transaction deleting a group (before its row goes): removes
 * the reports about its content, which the ledger still holds.
 */
export async function deleteGroupReports(tx: Tx, groupId: string): Promise<void> {
  await deleteReportsOfGroup(tx, groupId);
}

/** A moderator's note: normalised (R32), blank means none. */
export function cleanNote(note: string | undefined): string | null {
  const cleaned = cleanText(note ?? '')
    .trim()
    .slice(0, moderationLimits.note);
  return cleaned === '' ? null : cleaned;
}

/**
 * The post `actor` may read, with its space; 404 when it does not exist or is out of sight
 * (a hidden post, a secret group), so nobody learns what they cannot read.
 */
export async function loadReadablePost(ctx: Ctx, actor: Actor, postId: string) {
  const post = await findPostFacts(ctx.db, postId);
  if (!post) throw new AppError('POST_NOT_FOUND');
  const { space, readable } = await canReadPost(ctx, actor, post);
  if (!readable) throw new AppError('POST_NOT_FOUND');
  return { post, space };
}

/** A comment of a readable post, 404 when missing or hidden from `actor`. */
export async function loadReadableComment(ctx: Ctx, actor: Actor, postId: string, commentId: string) {
  const { post, space } = await loadReadablePost(ctx, actor, postId);
  const comment = await findCommentFacts(ctx.db, postId, commentId);
  const visible =
    comment &&
    (comment.hidden_at === null || comment.author_id === actor.id || canModerateSpace(actor, space));
  if (!comment || !visible) throw new AppError('COMMENT_NOT_FOUND');
  return { post, space, comment };
}

/** What one action changes: the facts after it, or null when it is already in effect. */
function nextState(post: PostFacts, action: PostAction, now: string): PostFacts | null {
  switch (action) {
    case 'hide':
      return post.hidden_at ? null : { ...post, hidden_at: now };
    case 'unhide':
      return post.hidden_at ? { ...post, hidden_at: null } : null;
    case 'lock':
      return post.comments_locked ? null : { ...post, comments_locked: 1 };
    case 'unlock':
      return post.comments_locked ? { ...post, comments_locked: 0 } : null;
    case 'pin':
      return post.pinned_at ? null : { ...post, pinned_at: now };
    case 'unpin':
      return post.pinned_at ? { ...post, pinned_at: null } : null;
  }
}

const ledgerActions: Record<PostAction, string> = {
  hide: 'post.hidden',
  unhide: 'post.restored',
  lock: 'post.comments.locked',
  unlock: 'post.comments.unlocked',
  pin: 'post.pinned',
  unpin: 'post.unpinned',
};

/**
 * Applies `action` to a loaded post inside `tx`: the row, the ledger entry, the stream event and
 * the author's notification. Returns the post's facts after it (unchanged if already in effect).
 */
export async function applyPostAction(
  ctx: Ctx,
  tx: Tx,
  post: PostFacts,
  action: PostAction,
  note: string | null,
): Promise<PostFacts> {
  const actor = requireActor(ctx);
  const now = new Date().toISOString();
  const next = nextState(post, action, now);
  if (!next) return post;
  // The stream head row is locked first: it serialises moderators of one space, so two
  // concurrent pins cannot both pass the limit check below.
  await appendStreamEvent(tx, streamOfPost(post), 'post.updated', {
    postId: post.id,
    groupId: post.group_id,
  });
  switch (action) {
    case 'hide':
    case 'unhide':
      await updatePostHidden(tx, post.id, next.hidden_at, next.hidden_at ? actor.id : null);
      break;
    case 'lock':
    case 'unlock':
      await updateCommentsLocked(tx, post.id, next.comments_locked === 1);
      break;
    case 'pin':
      if ((await countPinnedInSpace(tx, post)) >= moderationLimits.pinsPerSpace) {
        throw new AppError('PIN_LIMIT', { max: moderationLimits.pinsPerSpace });
      }
      await updatePostPinned(tx, post.id, now);
      break;
    case 'unpin':
      await updatePostPinned(tx, post.id, null);
      break;
  }
  await record(ctx, tx, {
    action: ledgerActions[action],
    subjectType: 'post',
    subjectId: post.id,
    payload: { postId: post.id, spaceType: post.space_type, groupId: post.group_id, note },
  });
  await notifyPeople(tx, [post.author_id], {
    type: 'moderation',
    actorId: actor.id,
    postId: post.id,
    groupId: post.group_id,
    data: { action: ledgerActions[action], note },
  });
  return next;
}

/**
 * Hides (`hidden` true) or restores a comment inside `tx`, with its ledger entry, stream event
 * and the author's notification. Returns the comment's `hidden_at` after it.
 */
export async function applyCommentHidden(
  ctx: Ctx,
  tx: Tx,
  post: PostFacts,
  comment: CommentFacts,
  hidden: boolean,
  note: string | null,
): Promise<string | null> {
  const actor = requireActor(ctx);
  if ((comment.hidden_at !== null) === hidden) return comment.hidden_at;
  const at = hidden ? new Date().toISOString() : null;
  await appendStreamEvent(tx, streamOfPost(post), 'comment.updated', {
    postId: post.id,
    commentId: comment.id,
  });
  await updateCommentHidden(tx, comment.id, at, at ? actor.id : null);
  const action = hidden ? 'comment.hidden' : 'comment.restored';
  await record(ctx, tx, {
    action,
    subjectType: 'comment',
    subjectId: comment.id,
    payload: { postId: post.id, commentId: comment.id, note },
  });
  await notifyPeople(tx, [comment.author_id], {
    type: 'moderation',
    actorId: actor.id,
    postId: post.id,
    commentId: comment.id,
    groupId: post.group_id,
    data: { action, note },
  });
  return at;
}

function authorize(actor: Actor, space: Space): void {
  if (!canModerateIn(actor, space)) throw new AppError('FORBIDDEN');
}

/**
 * `POST /posts/{id}/hide|unhide|lock-comments|unlock-comments|pin|unpin`: one moderation action
 * on a post by a moderator of its space.
 */
export async function moderatePost(
  ctx: Ctx,
  postId: string,
  action: PostAction,
  body: { note?: string } | null | undefined,
): Promise<PostModeration> {
  const actor = requireActor(ctx);
  const { space } = await loadReadablePost(ctx, actor, postId);
  authorize(actor, space);
  const note = cleanNote(body?.note);
  const after = await transact(ctx, async (tx) => {
    // Read again inside the transaction: another moderator may have acted meanwhile.
    const current = await findPostFacts(tx, postId);
    if (!current) throw new AppError('POST_NOT_FOUND');
    return applyPostAction(ctx, tx, current, action, note);
  });
  return presentPostModeration(after);
}

/** `POST /posts/{id}/comments/{commentId}/hide|unhide` by a moderator of the post's space. */
export async function moderateComment(
  ctx: Ctx,
  postId: string,
  commentId: string,
  hidden: boolean,
  body: { note?: string } | null | undefined,
): Promise<CommentModeration> {
  const actor = requireActor(ctx);
  const { post, space } = await loadReadableComment(ctx, actor, postId, commentId);
  authorize(actor, space);
  const note = cleanNote(body?.note);
  const hiddenAt = await transact(ctx, async (tx) => {
    const current = await findCommentFacts(tx, postId, commentId);
    if (!current) throw new AppError('COMMENT_NOT_FOUND');
    return applyCommentHidden(ctx, tx, post, current, hidden, note);
  });
  return { postId, commentId, hiddenAt };
}
