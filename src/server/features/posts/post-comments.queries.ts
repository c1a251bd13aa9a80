import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { CommentsTable } from '../../platform/db/schema.js';

/** SQL of comments: one level of replies; `posts.comment_count` counts every comment row. */

export type CommentRow = Selectable<CommentsTable>;

/** Which hidden comments a viewer sees: their own, or all of them for the space's moderators. */
export interface CommentVisibility {
  viewerId: string;
  seeHidden: boolean;
}

export async function insertCommentRow(db: Executor, row: Insertable<CommentsTable>): Promise<void> {
  await db.insertInto('comments').values(row).execute();
}

/** A comment of `postId`, or undefined (also when it belongs to another post). */
export function findCommentRow(db: Executor, postId: string, id: string): Promise<CommentRow | undefined> {
  return db
    .selectFrom('comments')
    .selectAll()
    .where('id', '=', id)
    .where('post_id', '=', postId)
    .executeTakeFirst();
}

/** Applies an edit and bumps the version; returns the new version. */
export async function bumpCommentVersion(
  db: Executor,
  id: string,
  patch: Updateable<CommentsTable>,
): Promise<number> {
  const row = await db
    .updateTable('comments')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .returning('version')
    .executeTakeFirstOrThrow();
  return Number(row.version);
}

/** Removes a comment and, through the cascade, its replies. */
export async function deleteCommentRow(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('comments').where('id', '=', id).execute();
}

/** Every reply to a top-level comment, hidden or not (for the ledger when it is deleted). */
export function listAllReplies(db: Executor, parentId: string): Promise<CommentRow[]> {
  return db.selectFrom('comments').selectAll().where('parent_id', '=', parentId).orderBy('id').execute();
}

export async function adjustCommentCount(db: Executor, postId: string, delta: number): Promise<void> {
  await db
    .updateTable('posts')
    .set((eb) => ({ comment_count: eb('comment_count', '+', delta) }))
    .where('id', '=', postId)
    .execute();
}

/** Top-level comments of a post visible to the viewer, oldest first, after the cursor's id. */
export function listTopLevelComments(
  db: Executor,
  postId: string,
  visibility: CommentVisibility,
  afterId: string | undefined,
  limit: number,
): Promise<CommentRow[]> {
  let query = db
    .selectFrom('comments')
    .selectAll()
    .where('post_id', '=', postId)
    .where('parent_id', 'is', null);
  if (!visibility.seeHidden) {
    query = query.where((eb) =>
      eb.or([eb('hidden_at', 'is', null), eb('author_id', '=', visibility.viewerId)]),
    );
  }
  if (afterId !== undefined) query = query.where('id', '>', afterId);
  return query.orderBy('id').limit(limit).execute();
}

/** The replies (visible to the viewer) of some top-level comments, oldest first. */
export function listReplies(
  db: Executor,
  parentIds: readonly string[],
  visibility: CommentVisibility,
): Promise<CommentRow[]> {
  if (parentIds.length === 0) return Promise.resolve([]);
  let query = db.selectFrom('comments').selectAll().where('parent_id', 'in', parentIds);
  if (!visibility.seeHidden) {
    query = query.where((eb) =>
      eb.or([eb('hidden_at', 'is', null), eb('author_id', '=', visibility.viewerId)]),
    );
  }
  return query.orderBy('id').execute();
}
