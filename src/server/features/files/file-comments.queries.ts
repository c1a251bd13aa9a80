import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { FileCommentsTable, UserRole } from '../../platform/db/schema.js';

export type FileCommentRecord = Selectable<FileCommentsTable>;

/** A comment with its author's display facts. */
export interface FileCommentRow extends FileCommentRecord {
  author_name: string;
  author_photo_key: string | null;
  author_position: string | null;
  author_role: UserRole;
}

function selectComments(db: Executor) {
  return db
    .selectFrom('file_comments as c')
    .innerJoin('users as author', 'author.id', 'c.author_id')
    .selectAll('c')
    .select([
      'author.name as author_name',
      'author.photo_key as author_photo_key',
      'author.position as author_position',
      'author.role as author_role',
    ])
    .where('c.deleted_at', 'is', null);
}

export async function insertFileCommentRow(db: Executor, row: Insertable<FileCommentsTable>): Promise<void> {
  await db.insertInto('file_comments').values(row).execute();
}

/** A page of a file's live comments, oldest first. */
export function listFileCommentRows(
  db: Executor,
  fileId: string,
  afterId: string | undefined,
  limit: number,
): Promise<FileCommentRow[]> {
  let query = selectComments(db).where('c.file_id', '=', fileId);
  if (afterId) query = query.where('c.id', '>', afterId);
  return query.orderBy('c.id').limit(limit).execute();
}

/** One live comment of the file, or undefined. */
export function findFileCommentRow(
  db: Executor,
  fileId: string,
  id: string,
): Promise<FileCommentRow | undefined> {
  return selectComments(db).where('c.file_id', '=', fileId).where('c.id', '=', id).executeTakeFirst();
}

export async function softDeleteFileComment(db: Executor, id: string, now: string): Promise<void> {
  await db
    .updateTable('file_comments')
    .set({ deleted_at: now, updated_at: now })
    .where('id', '=', id)
    .execute();
}
