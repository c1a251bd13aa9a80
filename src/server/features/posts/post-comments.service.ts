import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Page, PageQuery } from '../../../shared/api/pagination.js';
import {
  type CommentThread,
  type CommentView,
  type CreateCommentBody,
  postLimits,
} from '../../../shared/api/posts.js';
import { errorMessage } from '../../../shared/errors.js';
import { extractMentions } from '../../../shared/mentions.js';
import { cleanText } from '../../../shared/text.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Ctx, record, transact } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { appendStreamEvent } from '../../platform/events/streams.js';
import { decodeCursor, pageOf } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { renderMarkdown } from '../../platform/markdown/render.js';
import { notifyPeople } from '../notifications/notifications.service.js';
import { canModerateSpace, type Space } from '../spaces/spaces.service.js';
import { authorize } from '../users/users.policy.js';
import { presentComment, presentThread } from './post-comments.presenter.js';
import {
  adjustCommentCount,
  bumpCommentVersion,
  type CommentRow,
  deleteCommentRow,
  findCommentRow,
  insertCommentRow,
  listAllReplies,
  listReplies,
  listTopLevelComments,
} from './post-comments.queries.js';
import { notifyMentions } from './post-mentions.service.js';
import { streamOfPost } from './post-previews.service.js';
import { findReadablePost, listPostReaders } from './post-readers.service.js';
import {
  canCommentOnPost,
  canDeleteComment,
  canEditComment,
  canSeeComment,
  commentAbilities,
} from './posts.policy.js';
import { listPeople, type PostRow } from './posts.queries.js';

/**
 * Comments (P4) with one level of replies: a reply to a reply attaches to the top-level comment.
 * Every create, edit and delete is in the ledger with the full content; `posts.comment_count`
 * stays exact (replies included); hidden comments are seen only by their author and the space's
 * moderators. Locked comments refuse new ones (409 COMMENTS_LOCKED).
 */

function cleanBody(ctx: Ctx, raw: string): string {
  const body = cleanText(raw);
  if (body.length > postLimits.comment) {
    throw new AppError('VALIDATION_FAILED', {}, [
      { field: 'body', code: 'too_big', message: errorMessage('VALIDATION_FAILED', ctx.locale) },
    ]);
  }
  if (body.trim() === '') throw new AppError('COMMENT_BODY_EMPTY');
  return body;
}

function commentPayload(comment: CommentRow) {
  return {
    postId: comment.post_id,
    commentId: comment.id,
    parentId: comment.parent_id,
    authorId: comment.author_id,
    version: Number(comment.version),
    body: comment.body,
  };
}

async function presentOne(ctx: Ctx, post: PostRow, space: Space, comment: CommentRow): Promise<CommentView> {
  const [author] = await listPeople(ctx.db, [comment.author_id]);
  return presentComment(comment, author, commentAbilities(ctx.actor, space, post, comment));
}

/** A comment of the post the viewer may see, or 404. */
async function findVisibleComment(ctx: Ctx, tx: Tx, space: Space, postId: string, id: string) {
  const comment = await findCommentRow(tx, postId, id);
  if (!comment || !canSeeComment(ctx.actor, space, comment)) throw new AppError('COMMENT_NOT_FOUND');
  return comment;
}

/**
 * `POST /posts/{id}/comments`. Notifies the post's author ('comment'), the author of the comment
 * replied to ('reply') and the people mentioned, each only if they can read the post.
 */
export async function createComment(
  ctx: Ctx,
  postId: string,
  input: CreateCommentBody,
): Promise<CommentView> {
  const actor = requireActor(ctx);
  const created = await transact(ctx, async (tx) => {
    const { post, space } = await findReadablePost(ctx, postId, tx);
    if (post.comments_locked) throw new AppError('COMMENTS_LOCKED');
    authorize(canCommentOnPost(actor, space, post));
    const body = cleanBody(ctx, input.body);
    const repliedTo = input.parentId
      ? await findVisibleComment(ctx, tx, space, postId, input.parentId)
      : undefined;
    const now = new Date().toISOString();
    const comment: CommentRow = {
      id: uuidv7(),
      post_id: postId,
      parent_id: repliedTo ? (repliedTo.parent_id ?? repliedTo.id) : null,
      author_id: actor.id,
      body,
      html: renderMarkdown(body),
      version: 1,
      hidden_at: null,
      hidden_by: null,
      created_at: now,
      updated_at: now,
      edited_at: null,
    };
    await insertCommentRow(tx, comment);
    await adjustCommentCount(tx, postId, 1);
    await record(ctx, tx, {
      action: 'comment.created',
      subjectType: 'comment',
      subjectId: comment.id,
      payload: commentPayload(comment),
    });
    await appendStreamEvent(tx, streamOfPost(post), 'comment.created', { postId, commentId: comment.id });

    const base = { actorId: actor.id, postId, commentId: comment.id };
    const told = await notifyMentions(ctx, tx, {
      post,
      commentId: comment.id,
      handles: extractMentions(body),
      mass: false,
    });
    const replyTo = repliedTo && !told.has(repliedTo.author_id) ? repliedTo.author_id : null;
    if (replyTo) {
      await notifyPeople(tx, await listPostReaders(tx, post, [replyTo]), { type: 'reply', ...base });
    }
    if (post.author_id !== replyTo && !told.has(post.author_id)) {
      await notifyPeople(tx, await listPostReaders(tx, post, [post.author_id]), { type: 'comment', ...base });
    }
    return { post, space, comment };
  });
  return presentOne(ctx, created.post, created.space, created.comment);
}

/** `PATCH /posts/{id}/comments/{commentId}` (its author): a new version; new mentions notify. */
export async function updateComment(
  ctx: Ctx,
  postId: string,
  commentId: string,
  input: { body: string },
): Promise<CommentView> {
  const actor = requireActor(ctx);
  const updated = await transact(ctx, async (tx) => {
    const { post, space } = await findReadablePost(ctx, postId, tx);
    const comment = await findVisibleComment(ctx, tx, space, postId, commentId);
    authorize(canEditComment(actor, comment));
    const body = cleanBody(ctx, input.body);
    if (body === comment.body) return { post, space, comment };
    const now = new Date().toISOString();
    const changes = { body, html: renderMarkdown(body), edited_at: now, updated_at: now };
    const version = await bumpCommentVersion(tx, commentId, changes);
    const edited: CommentRow = { ...comment, ...changes, version };
    await record(ctx, tx, {
      action: 'comment.edited',
      subjectType: 'comment',
      subjectId: commentId,
      payload: commentPayload(edited),
    });
    await appendStreamEvent(tx, streamOfPost(post), 'comment.updated', { postId, commentId });
    const before = new Set(extractMentions(comment.body));
    await notifyMentions(ctx, tx, {
      post,
      commentId,
      handles: extractMentions(body).filter((h) => !before.has(h)),
      mass: false,
    });
    return { post, space, comment: edited };
  });
  return presentOne(ctx, updated.post, updated.space, updated.comment);
}

/**
 * Deletes a comment (its author, the space's moderators — a profile's owner on their profile)
 * and its replies; each goes to the ledger with its full last version. The moderation slice calls
 * this too, with the reason.
 */
export async function deleteComment(
  ctx: Ctx,
  postId: string,
  commentId: string,
  reason?: string,
): Promise<void> {
  const actor = requireActor(ctx);
  await transact(ctx, async (tx) => {
    const { post, space } = await findReadablePost(ctx, postId, tx);
    const comment = await findVisibleComment(ctx, tx, space, postId, commentId);
    authorize(canDeleteComment(actor, space, comment));
    const replies = comment.parent_id === null ? await listAllReplies(tx, commentId) : [];
    for (const gone of [comment, ...replies]) {
      await record(ctx, tx, {
        action: 'comment.deleted',
        subjectType: 'comment',
        subjectId: gone.id,
        payload: {
          ...commentPayload(gone),
          reason: reason ?? null,
          withParent: gone.id === comment.id ? null : comment.id,
        },
      });
    }
    await deleteCommentRow(tx, commentId);
    await adjustCommentCount(tx, postId, -(1 + replies.length));
    await appendStreamEvent(tx, streamOfPost(post), 'comment.deleted', { postId, commentId });
  });
}

const commentCursor = z.strictObject({ i: z.uuid() });

/**
 * `GET /posts/{id}/comments`: top-level comments oldest first, each with all its replies (oldest
 * first) embedded; the cursor pages the top-level comments. A hidden top-level comment hides
 * its replies too from those who may not see it.
 */
export async function listComments(ctx: Ctx, postId: string, query: PageQuery): Promise<Page<CommentThread>> {
  const actor = requireActor(ctx);
  const { post, space } = await findReadablePost(ctx, postId);
  const visibility = { viewerId: actor.id, seeHidden: canModerateSpace(actor, space) };
  const top = await listTopLevelComments(
    ctx.db,
    postId,
    visibility,
    decodeCursor(commentCursor, query.cursor)?.i,
    query.limit + 1,
  );
  const shown = top.slice(0, query.limit);
  const replies = await listReplies(
    ctx.db,
    shown.map((c) => c.id),
    visibility,
  );
  const people = new Map(
    (await listPeople(ctx.db, [...new Set([...shown, ...replies].map((c) => c.author_id))])).map((p) => [
      p.id,
      p,
    ]),
  );
  const present = (c: CommentRow) =>
    presentComment(c, people.get(c.author_id), commentAbilities(actor, space, post, c));
  const byParent = new Map<string, CommentView[]>();
  for (const reply of replies) {
    const list = byParent.get(reply.parent_id!) ?? [];
    list.push(present(reply));
    byParent.set(reply.parent_id!, list);
  }
  return pageOf(
    top,
    query.limit,
    (c) => ({ i: c.id }),
    (c) => presentThread(present(c), byParent.get(c.id) ?? []),
  );
}
