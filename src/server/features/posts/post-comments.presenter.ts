import type { CommentThread, CommentView } from '../../../shared/api/posts.js';
import type { CommentRow } from './post-comments.queries.js';
import { presentPerson } from './posts.presenter.js';
import type { PersonRow } from './posts.queries.js';

export function presentComment(
  row: CommentRow,
  author: PersonRow | undefined,
  abilities: CommentView['abilities'],
): CommentView {
  return {
    id: row.id,
    postId: row.post_id,
    parentId: row.parent_id,
    author: presentPerson(row.author_id, author),
    body: row.body,
    html: row.html,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    version: Number(row.version),
    hidden: row.hidden_at !== null,
    abilities,
  };
}

export function presentThread(comment: CommentView, replies: CommentView[]): CommentThread {
  return { ...comment, replies };
}
