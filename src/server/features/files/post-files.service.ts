import { fileKindOf } from '../../../shared/api/files.js';
import { type PostFile, postLimits } from '../../../shared/api/posts.js';
import type { Actor } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { attachOwnFiles, listFilesOfPosts } from './post-files.queries.js';

/**
 * Documents attached to posts. The composer uploads them to the author's own library ("My
 * files"); publishing attaches them to the post, after which they are readable by exactly those
 * who may read the post (files.access.queries.ts) — a targeted announcement's file reaches its
 * audience and nobody else.
 */

/** Attaches the author's files to a new post, in its transaction; refuses anything else whole. */
export async function attachFilesToPost(
  tx: Tx,
  actor: Actor,
  postId: string,
  fileIds: readonly string[],
  at: string,
): Promise<void> {
  const ids = [...new Set(fileIds)];
  if (ids.length === 0) return;
  if (ids.length > postLimits.files) throw new AppError('POST_FILES_INVALID', { max: postLimits.files });
  const attached = await attachOwnFiles(tx, postId, actor.id, ids, at);
  // All or nothing: the transaction rolls back the ones that did attach.
  if (attached !== ids.length) throw new AppError('POST_FILES_INVALID', { max: postLimits.files });
}

/** The files of a page of posts the viewer may read, by post. */
export async function loadPostFiles(
  db: Executor,
  postIds: readonly string[],
): Promise<Map<string, PostFile[]>> {
  const byPost = new Map<string, PostFile[]>();
  for (const row of await listFilesOfPosts(db, postIds)) {
    const file: PostFile = {
      id: row.id,
      name: row.name,
      mimeType: row.mime,
      kind: fileKindOf(row.mime) ?? 'other',
      size: Number(row.size),
    };
    const list = byPost.get(row.post_id);
    if (list) list.push(file);
    else byPost.set(row.post_id, [file]);
  }
  return byPost;
}
