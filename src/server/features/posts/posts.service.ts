import { v7 as uuidv7 } from 'uuid';
import { type CreatePostBody, type PostView, postLimits } from '../../../shared/api/posts.js';
import { errorMessage } from '../../../shared/errors.js';
import { extractMentions } from '../../../shared/mentions.js';
import { cleanText } from '../../../shared/text.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Actor, type Ctx, record, transact } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import type { PostKind, SpaceType } from '../../platform/db/schema.js';
import { appendStreamEvent } from '../../platform/events/streams.js';
import { AppError } from '../../platform/http/errors.js';
import type { RateLimiter } from '../../platform/http/rate-limit.js';
import { renderMarkdown } from '../../platform/markdown/render.js';
import { firstLinkIn } from '../../platform/net/link-preview.js';
import { departmentExists, listDepartmentSubtreeIds } from '../departments/departments.service.js';
import { attachFilesToPost } from '../files/post-files.service.js';
import { findGroupForViewer } from '../groups/groups.service.js';
import { notifyPeople } from '../notifications/notifications.service.js';
import { canWriteSpace, resolvePostSpace, type Space } from '../spaces/spaces.service.js';
import { authorize } from '../users/users.policy.js';
import { notifyMentions } from './post-mentions.service.js';
import { schedulePreview, streamOfPost } from './post-previews.service.js';
import { findReadablePost, listPostReaders } from './post-readers.service.js';
import { topicsOf } from './post-tags.js';
import { loadPostViews } from './post-views.service.js';
import { canDeletePost, canEditPost, canSharePost } from './posts.policy.js';
import {
  bumpPostVersion,
  deletePostRow,
  findPostRow,
  insertAttachments,
  insertAudiences,
  insertPostRow,
  insertTopics,
  listAttachments,
  listOwnedUploadIds,
  type PostRow,
  replacePostTags,
} from './posts.queries.js';

/**
 * Posts (P1, P4, P10): publishing into a space, editing with a visible history, deleting, sharing.
 * Every version and every deletion is written to the ledger in the change's own transaction
 * (X6), with the realtime event of the post's space stream and the notifications it causes.
 */

export { deleteComment } from './post-comments.service.js';
export { findReadablePost, loadPostViews };

/** What a new post is made of; other slices (post kinds) call `createPostInTx` with it. */
export interface CreatePostInput {
  space: { type: SpaceType; id?: string };
  /** Markdown; normalised with `cleanText` before it is stored. */
  body: string;
  kind?: PostKind;
  /** Upload ids (images the author uploaded), in display order. */
  attachments?: string[];
  /** Documents from the author's own library (files feature). */
  files?: string[];
  mustRead?: boolean;
  /** Company posts only: the departments (sub-departments included) that may read the post. */
  audienceDepartmentIds?: string[];
  /** Extra fields for the `post.created` ledger entry (a kind's details). */
  ledgerExtra?: Record<string, unknown>;
  /** A post the author can read, shared into the new post's space. */
  sharedPostId?: string;
  /** The app's limiter for mass mentions; without one, this process counts on its own. */
  rateLimiter?: RateLimiter;
}

function tooLong(ctx: Ctx, field: string): AppError {
  return new AppError('VALIDATION_FAILED', {}, [
    { field, code: 'too_big', message: errorMessage('VALIDATION_FAILED', ctx.locale) },
  ]);
}

/** The space a new post goes to, checked for writing; group spaces the author may not see are 404. */
async function resolveTargetSpace(
  ctx: Ctx,
  tx: Tx,
  actor: Actor,
  ref: CreatePostInput['space'],
): Promise<{ space: Space; group_id: string | null; profile_id: string | null }> {
  switch (ref.type) {
    case 'company':
      authorize(canWriteSpace(actor, { type: 'company' }));
      return { space: { type: 'company' }, group_id: null, profile_id: null };
    case 'profile': {
      const ownerId = ref.id ?? actor.id;
      const space: Space = { type: 'profile', ownerId };
      authorize(canWriteSpace(actor, space));
      return { space, group_id: null, profile_id: ownerId };
    }
    case 'group': {
      if (!ref.id) {
        throw new AppError('VALIDATION_FAILED', {}, [
          { field: 'space.id', code: 'invalid_type', message: errorMessage('VALIDATION_FAILED', ctx.locale) },
        ]);
      }
      // 404 for a group the author may not know of (a secret one they are not in).
      const { group, space } = await findGroupForViewer({ db: tx, actor }, ref.id);
      authorize(canWriteSpace(actor, space));
      return { space, group_id: group.id, profile_id: null };
    }
  }
}

/** The departments a targeted post is for, each with its sub-departments. */
async function expandAudience(tx: Tx, departmentIds: readonly string[]): Promise<string[]> {
  const all = new Set<string>();
  for (const id of new Set(departmentIds)) {
    if (!(await departmentExists(tx, id))) throw new AppError('REFERENCED_DEPARTMENT_NOT_FOUND');
    for (const sub of await listDepartmentSubtreeIds(tx, id)) all.add(sub);
  }
  return [...all];
}

/** Indexes a post's hashtags (`fresh`: a new post): topics are created on first use. */
async function indexTags(tx: Tx, postId: string, body: string, at: string, fresh = false): Promise<void> {
  const topics = topicsOf(body);
  await insertTopics(tx, topics, at);
  await replacePostTags(
    tx,
    postId,
    topics.map((t) => t.tag),
    fresh,
  );
}

/** The full content of a version, as the ledger keeps it. */
function versionPayload(post: PostRow, attachments: readonly string[]) {
  return {
    postId: post.id,
    version: Number(post.version),
    kind: post.kind,
    space: { type: post.space_type, id: post.group_id ?? post.profile_id },
    authorId: post.author_id,
    body: post.body,
    attachments: [...attachments],
    sharedPostId: post.shared_post_id,
  };
}

/**
 * Publishes a post inside the caller's transaction: checks that the actor may write to the space
 * (and may read a shared post and owns the attachments), renders the Markdown, inserts the post,
 * its attachments, audience and hashtags, notifies mentions, records `post.created` in the ledger
 * with the full content and appends `post.created` to the space's stream. A link preview is
 * fetched after commit. Kinds (events, polls, …) call this and add their details in the same
 * transaction.
 */
export async function createPostInTx(ctx: Ctx, tx: Tx, input: CreatePostInput): Promise<{ id: string }> {
  const actor = requireActor(ctx);
  const kind = input.kind ?? 'post';
  const body = cleanText(input.body);
  if (body.length > postLimits.body) throw tooLong(ctx, 'body');
  const attachmentIds = [...new Set(input.attachments ?? [])];
  if (attachmentIds.length > postLimits.attachments) throw new AppError('ATTACHMENT_INVALID');
  const fileIds = input.files ?? [];
  if (
    body.trim() === '' &&
    kind === 'post' &&
    attachmentIds.length === 0 &&
    fileIds.length === 0 &&
    !input.sharedPostId
  ) {
    throw new AppError('POST_BODY_EMPTY');
  }

  const target = await resolveTargetSpace(ctx, tx, actor, input.space);
  const audience = input.audienceDepartmentIds ?? [];
  if (audience.length > 0 && input.space.type !== 'company') {
    throw new AppError('VALIDATION_FAILED', {}, [
      {
        field: 'audienceDepartmentIds',
        code: 'custom',
        message: errorMessage('VALIDATION_FAILED', ctx.locale),
      },
    ]);
  }
  if (attachmentIds.length > 0) {
    const owned = await listOwnedUploadIds(tx, actor.id, attachmentIds);
    if (owned.length !== attachmentIds.length) throw new AppError('ATTACHMENT_INVALID');
  }
  if (input.sharedPostId) {
    const shared = await findPostRow(tx, input.sharedPostId);
    const space = shared ? await resolvePostSpace(tx, actor, shared) : undefined;
    if (!shared || !space || !canSharePost(actor, space, shared)) throw new AppError('SHARED_POST_NOT_FOUND');
  }
  const departments = audience.length > 0 ? await expandAudience(tx, audience) : [];

  const id = uuidv7();
  const now = new Date().toISOString();
  const row: PostRow = {
    id,
    space_type: input.space.type,
    group_id: target.group_id,
    profile_id: target.profile_id,
    author_id: actor.id,
    kind,
    body,
    html: renderMarkdown(body),
    version: 1,
    shared_post_id: input.sharedPostId ?? null,
    preview_url: firstLinkIn(body) ?? null,
    preview: null,
    has_audience: departments.length > 0 ? 1 : 0,
    must_read: input.mustRead ? 1 : 0,
    comments_locked: 0,
    pinned_at: null,
    hidden_at: null,
    hidden_by: null,
    comment_count: 0,
    reaction_count: 0,
    created_at: now,
    updated_at: now,
    edited_at: null,
  };
  await insertPostRow(tx, row);
  await insertAttachments(tx, id, attachmentIds);
  await attachFilesToPost(tx, actor, id, fileIds, now);
  await insertAudiences(tx, id, departments);
  await indexTags(tx, id, body, now, true);
  await notifyMentions(ctx, tx, {
    post: row,
    handles: extractMentions(body),
    mass: true,
    rateLimiter: input.rateLimiter,
  });
  await record(ctx, tx, {
    action: 'post.created',
    subjectType: 'post',
    subjectId: id,
    payload: {
      ...input.ledgerExtra,
      ...versionPayload(row, attachmentIds),
      mustRead: Boolean(row.must_read),
      audienceDepartmentIds: departments,
    },
  });
  await appendStreamEvent(tx, streamOfPost(row), 'post.created', {
    postId: id,
    spaceType: row.space_type,
    ...(row.group_id ? { groupId: row.group_id } : {}),
  });
  if (row.preview_url) schedulePreview(ctx, tx, id, row.preview_url);
  return { id };
}

/** One post as the viewer sees it, or 404. */
export async function getPost(ctx: Ctx, id: string): Promise<PostView> {
  requireActor(ctx);
  const [view] = await loadPostViews(ctx, [id]);
  if (!view) throw new AppError('POST_NOT_FOUND');
  return view;
}

/** `POST /posts`. */
export async function createPost(
  ctx: Ctx,
  body: CreatePostBody,
  rateLimiter: RateLimiter,
): Promise<PostView> {
  const { id } = await transact(ctx, (tx) =>
    createPostInTx(ctx, tx, {
      space: body.space,
      body: body.body,
      attachments: body.attachments,
      files: body.files,
      sharedPostId: body.sharedPostId,
      rateLimiter,
    }),
  );
  return getPost(ctx, id);
}

async function attachmentIdsOf(db: Executor, postId: string): Promise<string[]> {
  return (await listAttachments(db, [postId])).map((a) => a.id);
}

/**
 * `PATCH /posts/{id}` (the author): a new version. Hashtags are re-indexed, newly added mentions
 * notify, and `post.edited` in the ledger carries the full new version.
 */
export async function updatePost(
  ctx: Ctx,
  id: string,
  input: { body: string },
  rateLimiter?: RateLimiter,
): Promise<PostView> {
  const actor = requireActor(ctx);
  await transact(ctx, async (tx) => {
    const { post, space } = await findReadablePost(ctx, id, tx);
    authorize(canEditPost(actor, space, post));
    const body = cleanText(input.body);
    if (body.length > postLimits.body) throw tooLong(ctx, 'body');
    if (body === post.body) return;
    const attachments = await attachmentIdsOf(tx, id);
    if (body.trim() === '' && post.kind === 'post' && attachments.length === 0 && !post.shared_post_id) {
      throw new AppError('POST_BODY_EMPTY');
    }
    const now = new Date().toISOString();
    const previewUrl = firstLinkIn(body) ?? null;
    const changes = {
      body,
      html: renderMarkdown(body),
      edited_at: now,
      updated_at: now,
      preview_url: previewUrl,
      preview: previewUrl === post.preview_url ? post.preview : null,
    };
    const version = await bumpPostVersion(tx, id, changes);
    const edited: PostRow = { ...post, ...changes, version };
    await indexTags(tx, id, body, now);
    const before = new Set(extractMentions(post.body));
    await notifyMentions(ctx, tx, {
      post: edited,
      handles: extractMentions(body).filter((h) => !before.has(h)),
      mass: true,
      rateLimiter,
    });
    await record(ctx, tx, {
      action: 'post.edited',
      subjectType: 'post',
      subjectId: id,
      payload: versionPayload(edited, attachments),
    });
    await appendStreamEvent(tx, streamOfPost(post), 'post.updated', { postId: id });
    if (previewUrl && previewUrl !== post.preview_url) schedulePreview(ctx, tx, id, previewUrl);
  });
  return getPost(ctx, id);
}

/**
 * Deletes a post (its author, or the space's moderators): `post.deleted` in the ledger keeps the
 * full last version; the row goes, and its comments, reactions, tags and kind details with it.
 * The moderation slice calls this too, with the reason.
 */
export async function deletePost(ctx: Ctx, id: string, reason?: string): Promise<void> {
  const actor = requireActor(ctx);
  await transact(ctx, async (tx) => {
    const { post, space } = await findReadablePost(ctx, id, tx);
    authorize(canDeletePost(actor, space, post));
    await record(ctx, tx, {
      action: 'post.deleted',
      subjectType: 'post',
      subjectId: id,
      payload: {
        ...versionPayload(post, await attachmentIdsOf(tx, id)),
        reason: reason ?? null,
        byAuthor: actor.id === post.author_id,
        commentCount: Number(post.comment_count),
        reactionCount: Number(post.reaction_count),
      },
    });
    await appendStreamEvent(tx, streamOfPost(post), 'post.deleted', { postId: id });
    await deletePostRow(tx, id);
  });
}

/**
 * `POST /posts/{id}/share`: tells colleagues about a post ('share' notifications). Only those who
 * can read the post are told; the others are skipped without saying so.
 */
export async function sharePostWithPeople(
  ctx: Ctx,
  id: string,
  userIds: readonly string[],
): Promise<{ notified: number }> {
  const actor = requireActor(ctx);
  return transact(ctx, async (tx) => {
    const { post, space } = await findReadablePost(ctx, id, tx);
    authorize(canSharePost(actor, space, post));
    const readers = await listPostReaders(tx, post, userIds);
    const notified = await notifyPeople(tx, readers, { type: 'share', actorId: actor.id, postId: id });
    return { notified };
  });
}
