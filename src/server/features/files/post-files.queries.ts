import type { Executor } from '../../platform/db/database.js';
import { queryTemplate } from '../../platform/db/query-template.js';

/** SQL of files attached to posts (issue 4: a file attached to a post has the post's visibility). */

/**
 * Attaches to `postId` those of `ids` that are `ownerId`'s own: uploaded by them into their own
 * library, live, and attached to nothing yet. Returns how many were attached.
 */
export async function attachOwnFiles(
  db: Executor,
  postId: string,
  ownerId: string,
  ids: readonly string[],
  at: string,
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('files')
    .set({ post_id: postId, updated_at: at })
    .where('id', 'in', ids)
    .where('created_by', '=', ownerId)
    .where('space_type', '=', 'profile')
    .where('profile_id', '=', ownerId)
    .where('post_id', 'is', null)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface PostFileRow {
  id: string;
  post_id: string;
  name: string;
  mime: string;
  size: number;
}

/**
 * The live files attached to some posts, oldest first. Callers pass only posts the viewer may
 * read: an attached file is readable exactly when its post is.
 */
export function listFilesOfPosts(db: Executor, postIds: readonly string[]): Promise<PostFileRow[]> {
  if (postIds.length === 0) return Promise.resolve([]);
  return filesOfPosts.execute(db, null, { postIds });
}

const filesOfPosts = queryTemplate((db, _: null, { postIds }: { postIds: readonly string[] }) =>
  db
    .selectFrom('files')
    .select(['id', 'post_id as post_id', 'name', 'mime', 'size'])
    .where('post_id', 'in', postIds)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .$narrowType<{ post_id: string }>(),
);
