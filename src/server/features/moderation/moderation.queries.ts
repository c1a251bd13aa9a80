import type { Executor } from '../../platform/db/database.js';
import type { SpaceType } from '../../platform/db/schema.js';

/**
 * SQL of moderation actions on posts and comments. Moderation owns the columns `hidden_at`,
 * `hidden_by`, `comments_locked` and `pinned_at` of posts and comments; everything else about
 * them belongs to the posts slice.
 */

/** What moderation needs to know of a post: its space, author and moderation state. */
export interface PostFacts {
  id: string;
  space_type: SpaceType;
  group_id: string | null;
  profile_id: string | null;
  has_audience: number;
  author_id: string;
  body: string;
  hidden_at: string | null;
  comments_locked: number;
  pinned_at: string | null;
}

const postFactColumns = [
  'id',
  'space_type',
  'group_id',
  'profile_id',
  'has_audience',
  'author_id',
  'body',
  'hidden_at',
  'comments_locked',
  'pinned_at',
] as const;

/** One post's facts, or undefined. */
export function findPostFacts(db: Executor, id: string): Promise<PostFacts | undefined> {
  return db.selectFrom('posts').select(postFactColumns).where('id', '=', id).executeTakeFirst();
}

/** A comment of `postId`, or undefined (also when it belongs to another post). */
export function findCommentFacts(db: Executor, postId: string, commentId: string) {
  return db
    .selectFrom('comments')
    .select(['id', 'post_id', 'author_id', 'body', 'hidden_at'])
    .where('id', '=', commentId)
    .where('post_id', '=', postId)
    .executeTakeFirst();
}
export type CommentFacts = NonNullable<Awaited<ReturnType<typeof findCommentFacts>>>;

/** Hides (`at` set) or restores (`at` null) a post. */
export async function updatePostHidden(
  db: Executor,
  id: string,
  at: string | null,
  by: string | null,
): Promise<void> {
  await db.updateTable('posts').set({ hidden_at: at, hidden_by: by }).where('id', '=', id).execute();
}

/** Hides (`at` set) or restores (`at` null) a comment. */
export async function updateCommentHidden(
  db: Executor,
  id: string,
  at: string | null,
  by: string | null,
): Promise<void> {
  await db.updateTable('comments').set({ hidden_at: at, hidden_by: by }).where('id', '=', id).execute();
}

export async function updateCommentsLocked(db: Executor, id: string, locked: boolean): Promise<void> {
  await db
    .updateTable('posts')
    .set({ comments_locked: locked ? 1 : 0 })
    .where('id', '=', id)
    .execute();
}

export async function updatePostPinned(db: Executor, id: string, at: string | null): Promise<void> {
  await db.updateTable('posts').set({ pinned_at: at }).where('id', '=', id).execute();
}

/** Pinned posts in the space of `post` (the company, one group or one profile). */
export async function countPinnedInSpace(
  db: Executor,
  post: Pick<PostFacts, 'space_type' | 'group_id' | 'profile_id'>,
): Promise<number> {
  let query = db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('pinned_at', 'is not', null)
    .where('space_type', '=', post.space_type);
  if (post.space_type === 'group') query = query.where('group_id', '=', post.group_id);
  if (post.space_type === 'profile') query = query.where('profile_id', '=', post.profile_id);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.count);
}
