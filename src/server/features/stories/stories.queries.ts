import type { Insertable } from 'kysely';
import { uploadImageTypes } from '../../../shared/api/posts.js';
import type { Executor } from '../../platform/db/database.js';
import type { StoriesTable } from '../../platform/db/schema.js';

/**
 * SQL of stories. A story is live while `expires_at` (UTC ISO text) is after now; expired rows
 * are never read, whatever the clock of the caller says.
 */

/** The upload, if it is an image `ownerId` uploaded. */
export function findOwnedImageUpload(db: Executor, uploadId: string, ownerId: string) {
  return db
    .selectFrom('uploads')
    .select(['id', 'mime'])
    .where('id', '=', uploadId)
    .where('owner_id', '=', ownerId)
    .where('mime', 'in', uploadImageTypes)
    .executeTakeFirst();
}

/** Live stories of one author. */
export async function countLiveStoriesOf(db: Executor, authorId: string, now: string): Promise<number> {
  const row = await db
    .selectFrom('stories')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('author_id', '=', authorId)
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertStory(db: Executor, row: Insertable<StoriesTable>): Promise<void> {
  await db.insertInto('stories').values(row).execute();
}

function storyQuery(db: Executor) {
  return db
    .selectFrom('stories')
    .leftJoin('uploads', 'uploads.id', 'stories.upload_id')
    .selectAll('stories')
    .select(['uploads.blob_key', 'uploads.mime']);
}
export type StoryRow = Awaited<ReturnType<ReturnType<typeof storyQuery>['executeTakeFirstOrThrow']>>;

/** A live story, or undefined (also once it has expired). */
export function findLiveStory(db: Executor, id: string, now: string): Promise<StoryRow | undefined> {
  return storyQuery(db).where('stories.id', '=', id).where('stories.expires_at', '>', now).executeTakeFirst();
}

export async function deleteStoryRow(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('stories').where('id', '=', id).execute();
}

/**
 * Active people with live stories, the most recent poster first: one page of authors, keyed
 * by (latest story time, author id).
 */
export function listStoryAuthors(
  db: Executor,
  now: string,
  after: { t: string; a: string } | undefined,
  limit: number,
) {
  let query = db
    .selectFrom('stories')
    .innerJoin('users', 'users.id', 'stories.author_id')
    .select(['stories.author_id', 'users.name', 'users.photo_key'])
    .select((eb) => eb.fn.max('stories.created_at').as('latest'))
    .where('stories.expires_at', '>', now)
    .where('users.status', '=', 'active')
    .groupBy(['stories.author_id', 'users.name', 'users.photo_key']);
  if (after) {
    query = query.having((eb) =>
      eb.or([
        eb(eb.fn.max('stories.created_at'), '<', after.t),
        eb.and([eb(eb.fn.max('stories.created_at'), '=', after.t), eb('stories.author_id', '<', after.a)]),
      ]),
    );
  }
  return query.orderBy('latest', 'desc').orderBy('stories.author_id', 'desc').limit(limit).execute();
}
export type StoryAuthorRow = Awaited<ReturnType<typeof listStoryAuthors>>[number];

/** The live stories of the given authors, oldest first. */
export function listLiveStoriesOf(
  db: Executor,
  authorIds: readonly string[],
  now: string,
): Promise<StoryRow[]> {
  if (authorIds.length === 0) return Promise.resolve([]);
  return storyQuery(db)
    .where('stories.author_id', 'in', authorIds)
    .where('stories.expires_at', '>', now)
    .orderBy('stories.created_at', 'asc')
    .orderBy('stories.id', 'asc')
    .execute();
}
