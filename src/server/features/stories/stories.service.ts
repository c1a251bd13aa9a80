import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Page, PageQuery } from '../../../shared/api/pagination.js';
import type { CreateStoryBody, Story, StoryAuthor } from '../../../shared/api/stories.js';
import { storyLimits } from '../../../shared/api/stories.js';
import { cleanText } from '../../../shared/text.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Ctx, record, transact } from '../../platform/context.js';
import { appendStreamEvent, streams } from '../../platform/events/streams.js';
import { decodeCursor, pageOf } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { readBlob } from '../../platform/storage/blobs.js';
import { canDeleteStory, canPostStory, canSeeStories } from './stories.policy.js';
import { presentStory, presentStoryAuthor } from './stories.presenter.js';
import {
  countLiveStoriesOf,
  deleteStoryRow,
  findLiveStory,
  findOwnedImageUpload,
  insertStory,
  listLiveStoriesOf,
  listStoryAuthors,
} from './stories.queries.js';

/**
 * Stories (P7): short text or picture cards shown to employees for 24 hours across the top of
 * the feed. Text is plain (never rendered as HTML) and stored as sent after the R32
 * normalisation. Expiry is a filter on `expires_at` in every query; expired rows are simply
 * never read again. Creation and deletion go to the ledger with the full story.
 */

const authorCursor = z.strictObject({ t: z.string().max(40), a: z.uuid() });
const lifetimeMs = storyLimits.lifetimeHours * 3_600_000;

/** `POST /stories`: text, a picture the author uploaded, or both. */
export async function createStory(ctx: Ctx, body: CreateStoryBody): Promise<Story> {
  const actor = requireActor(ctx);
  if (!canPostStory(actor)) throw new AppError('FORBIDDEN');
  const cleaned = cleanText(body.text ?? '');
  const text = cleaned.trim() === '' ? '' : cleaned;
  if (text === '' && !body.uploadId) throw new AppError('STORY_EMPTY');
  if (body.uploadId && !(await findOwnedImageUpload(ctx.db, body.uploadId, actor.id))) {
    throw new AppError('STORY_UPLOAD_INVALID');
  }
  const created = new Date();
  const row = {
    id: uuidv7(),
    author_id: actor.id,
    text,
    upload_id: body.uploadId ?? null,
    background: body.background ?? null,
    created_at: created.toISOString(),
    expires_at: new Date(created.getTime() + lifetimeMs).toISOString(),
  };
  await transact(ctx, async (tx) => {
    if ((await countLiveStoriesOf(tx, actor.id, row.created_at)) >= storyLimits.activePerAuthor) {
      throw new AppError('STORY_LIMIT', { max: storyLimits.activePerAuthor });
    }
    await insertStory(tx, row);
    await record(ctx, tx, {
      action: 'story.created',
      subjectType: 'story',
      subjectId: row.id,
      payload: { text, uploadId: row.upload_id, background: row.background, expiresAt: row.expires_at },
    });
    await appendStreamEvent(tx, streams.company, 'story.created', { storyId: row.id, authorId: actor.id });
  });
  const story = await findLiveStory(ctx.db, row.id, row.created_at);
  if (!story) throw new AppError('STORY_NOT_FOUND');
  return presentStory(story, actor);
}

/**
 * `GET /stories`: people with live stories, the most recent poster first, each with their live
 * stories oldest first. Guests see none.
 */
export async function listStories(ctx: Ctx, query: PageQuery): Promise<Page<StoryAuthor>> {
  const actor = requireActor(ctx);
  if (!canSeeStories(actor)) return { items: [], nextCursor: null };
  const now = new Date().toISOString();
  const authors = await listStoryAuthors(
    ctx.db,
    now,
    decodeCursor(authorCursor, query.cursor),
    query.limit + 1,
  );
  const page = authors.slice(0, query.limit);
  const stories = await listLiveStoriesOf(
    ctx.db,
    page.map((a) => a.author_id),
    now,
  );
  const byAuthor = new Map<string, typeof stories>();
  for (const story of stories)
    byAuthor.set(story.author_id, [...(byAuthor.get(story.author_id) ?? []), story]);
  return pageOf(
    authors,
    query.limit,
    (a) => ({ t: a.latest, a: a.author_id }),
    (a) => presentStoryAuthor(a, byAuthor.get(a.author_id) ?? [], actor),
  );
}

/** `DELETE /stories/{id}`: by its author or a platform moderator, while it is live. */
export async function deleteStory(ctx: Ctx, id: string): Promise<void> {
  const actor = requireActor(ctx);
  const now = new Date().toISOString();
  const story = canSeeStories(actor) ? await findLiveStory(ctx.db, id, now) : undefined;
  if (!story) throw new AppError('STORY_NOT_FOUND');
  if (!canDeleteStory(actor, story)) throw new AppError('FORBIDDEN');
  await transact(ctx, async (tx) => {
    await deleteStoryRow(tx, id);
    await record(ctx, tx, {
      action: 'story.deleted',
      subjectType: 'story',
      subjectId: id,
      payload: {
        authorId: story.author_id,
        text: story.text,
        uploadId: story.upload_id,
        background: story.background,
        createdAt: story.created_at,
        expiresAt: story.expires_at,
      },
    });
    await appendStreamEvent(tx, streams.company, 'story.deleted', { storyId: id, authorId: story.author_id });
  });
}

/** `GET /stories/{id}/image`: the picture of a live story, for employees. */
export async function readStoryImage(ctx: Ctx, id: string): Promise<{ bytes: Buffer; type: string }> {
  const actor = requireActor(ctx);
  const story = canSeeStories(actor) ? await findLiveStory(ctx.db, id, new Date().toISOString()) : undefined;
  const bytes = story?.blob_key ? await readBlob(ctx.config.dataDir, story.blob_key) : undefined;
  if (!story || !bytes || !story.mime) throw new AppError('STORY_NOT_FOUND');
  return { bytes, type: story.mime };
}
