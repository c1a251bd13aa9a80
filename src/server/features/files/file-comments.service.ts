import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import {
  type CreateFileCommentBody,
  type FileCommentPage,
  type FileCommentView,
  fileLimits,
} from '../../../shared/api/files.js';
import type { PageQuery } from '../../../shared/api/pagination.js';
import { errorMessage } from '../../../shared/errors.js';
import { extractMentions } from '../../../shared/mentions.js';
import { cleanText } from '../../../shared/text.js';
import { type Actor, type Ctx, record, transact } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { renderMarkdown } from '../../platform/markdown/render.js';
import { notifyPeople } from '../notifications/notifications.service.js';
import { resolveMentions } from '../posts/post-mentions.service.js';
import { authorize } from '../users/users.policy.js';
import {
  findFileCommentRow,
  insertFileCommentRow,
  listFileCommentRows,
  softDeleteFileComment,
} from './file-comments.queries.js';
import { canCommentOnFile, canDeleteFileComment, canReadFile } from './files.policy.js';
import { fileFactsOf, presentFileComment } from './files.presenter.js';
import { type FileRow, findFileRow, listPeopleFacts } from './files.queries.js';
import { loadReadableFile } from './files.service.js';

/**
 * Comments on a document (G2): Markdown rendered and sanitised on the server like post
 * comments, oldest first. Mentions (`@login`) notify the people named who may read the file
 * ('file_mention'); the file's uploader is told of comments by others ('file_comment') while
 * they may read it. Creating and deleting are recorded in the ledger with the full text.
 */

const commentCursor = z.strictObject({ i: z.string().max(100) });

/** At most this many people are notified of mentions in one comment. */
const maxMentions = 50;

function cleanBody(ctx: Ctx, raw: string): string {
  const body = cleanText(raw);
  if (body.length > fileLimits.comment) {
    throw new AppError('VALIDATION_FAILED', {}, [
      { field: 'body', code: 'too_big', message: errorMessage('VALIDATION_FAILED', ctx.locale) },
    ]);
  }
  if (body.trim() === '') throw new AppError('FILE_COMMENT_EMPTY');
  return body;
}

/** Of `userIds`, the active people who may read the file (decided person by person by the policy). */
async function listFileReaders(tx: Tx, fileId: string, userIds: readonly string[]): Promise<string[]> {
  const readers: string[] = [];
  for (const person of await listPeopleFacts(tx, userIds)) {
    const actor: Actor = {
      id: person.id,
      role: person.role,
      status: person.status,
      departmentId: person.department_id,
    };
    const row = await findFileRow(tx, actor, fileId);
    if (row && canReadFile(actor, fileFactsOf(row))) readers.push(person.id);
  }
  return readers;
}

async function notifyAboutComment(
  ctx: Ctx,
  tx: Tx,
  file: FileRow,
  commentId: string,
  body: string,
): Promise<void> {
  const actor = ctx.actor!;
  const data = { fileId: file.id, fileName: file.name, commentId };
  const handles = extractMentions(body);
  const targets = await resolveMentions(tx, ctx.dialect, actor, handles);
  const mentioned = [...targets.values()]
    .filter((t) => t.type === 'person')
    .map((t) => t.id)
    .slice(0, maxMentions);
  const told = new Set(await listFileReaders(tx, file.id, mentioned));
  await notifyPeople(tx, told, { type: 'file_mention', actorId: actor.id, data });
  if (file.created_by !== actor.id && !told.has(file.created_by)) {
    const uploader = await listFileReaders(tx, file.id, [file.created_by]);
    await notifyPeople(tx, uploader, { type: 'file_comment', actorId: actor.id, data });
  }
}

/** `GET /files/{id}/comments`: oldest first. */
export async function listFileComments(ctx: Ctx, fileId: string, query: PageQuery): Promise<FileCommentPage> {
  const { facts, actor } = await loadReadableFile(ctx, fileId);
  const after = decodeCursor(commentCursor, query.cursor);
  const rows = await listFileCommentRows(ctx.db, fileId, after?.i, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => presentFileComment(row, canDeleteFileComment(actor, facts, row.author_id))),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ i: last.id }) : null,
  };
}

/** `POST /files/{id}/comments` (whoever may read the file). */
export async function createFileComment(
  ctx: Ctx,
  fileId: string,
  input: CreateFileCommentBody,
): Promise<FileCommentView> {
  const body = cleanBody(ctx, input.body);
  return transact(ctx, async (tx) => {
    const { row: file, facts, actor } = await loadReadableFile(ctx, fileId, tx);
    authorize(canCommentOnFile(actor, facts));
    const now = new Date().toISOString();
    const id = uuidv7();
    await insertFileCommentRow(tx, {
      id,
      file_id: fileId,
      author_id: actor.id,
      body,
      html: renderMarkdown(body),
      created_at: now,
      updated_at: now,
      deleted_at: null,
    });
    await record(ctx, tx, {
      action: 'file.comment_created',
      subjectType: 'file_comment',
      subjectId: id,
      payload: { fileId, body },
    });
    await notifyAboutComment(ctx, tx, file, id, body);
    const row = await findFileCommentRow(tx, fileId, id);
    return presentFileComment(row!, canDeleteFileComment(actor, facts, actor.id));
  });
}

/** `DELETE /files/{id}/comments/{commentId}`: its author and the library's managers; soft. */
export async function deleteFileComment(ctx: Ctx, fileId: string, commentId: string): Promise<void> {
  await transact(ctx, async (tx) => {
    const { facts, actor } = await loadReadableFile(ctx, fileId, tx);
    const comment = await findFileCommentRow(tx, fileId, commentId);
    if (!comment) throw new AppError('FILE_COMMENT_NOT_FOUND');
    authorize(canDeleteFileComment(actor, facts, comment.author_id));
    await softDeleteFileComment(tx, commentId, new Date().toISOString());
    await record(ctx, tx, {
      action: 'file.comment_deleted',
      subjectType: 'file_comment',
      subjectId: commentId,
      payload: { fileId, authorId: comment.author_id, body: comment.body },
    });
  });
}
