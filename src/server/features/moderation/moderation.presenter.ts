import type { PostModeration, Report } from '../../../shared/api/moderation.js';
import { moderationLimits } from '../../../shared/api/moderation.js';
import { photoUrlOf } from '../users/users.presenter.js';
import type { PostFacts } from './moderation.queries.js';
import type { QueueRow } from './moderation-reports.queries.js';

/** A post's moderation state. */
export function presentPostModeration(post: PostFacts): PostModeration {
  return {
    postId: post.id,
    hiddenAt: post.hidden_at,
    commentsLocked: post.comments_locked === 1,
    pinnedAt: post.pinned_at,
  };
}

/** The first characters of a Markdown source on one line, for the queue (shown as text). */
export function excerptOf(source: string): string {
  const line = source.replace(/\s+/g, ' ').trim();
  const chars = Array.from(line);
  if (chars.length <= moderationLimits.excerpt) return line;
  return `${chars.slice(0, moderationLimits.excerpt - 1).join('')}…`;
}

function person(id: string, name: string, photoKey: string | null) {
  return { id, name, photoUrl: photoUrlOf({ id, photo_key: photoKey }) };
}

/** A report as the review queue shows it; every row is one the viewer may resolve. */
export function presentReport(row: QueueRow): Report {
  const onComment = row.comment_id !== null && row.comment_author_id !== null;
  const author = onComment
    ? person(row.comment_author_id!, row.comment_author_name!, row.comment_author_photo_key)
    : person(row.post_author_id, row.post_author_name, row.post_author_photo_key);
  return {
    id: row.id,
    status: row.status,
    reason: row.reason,
    createdAt: row.created_at,
    reporter: person(row.reporter_id, row.reporter_name, row.reporter_photo_key),
    subject: {
      type: onComment ? 'comment' : 'post',
      postId: row.post_id!,
      commentId: row.comment_id,
      excerpt: excerptOf((onComment ? row.comment_body : row.post_body) ?? ''),
      author,
      hidden: (onComment ? row.comment_hidden_at : row.post_hidden_at) !== null,
      space: {
        type: row.space_type,
        groupId: row.group_id,
        groupName: row.group_name,
        profileId: row.profile_id,
      },
    },
    subjectReports: { open: Number(row.subject_open ?? 0), total: Number(row.subject_total ?? 0) },
    resolution:
      row.status === 'open' || row.resolved_at === null
        ? null
        : { resolvedAt: row.resolved_at, resolvedBy: row.resolved_by, note: row.resolution_note },
    abilities: { resolve: row.status === 'open' },
  };
}
