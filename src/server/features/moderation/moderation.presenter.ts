import type { PostModeration, Report } from '../../../shared/api/moderation.js';
import { moderationLimits } from '../../../shared/api/moderation.js';
import { plainExcerpt } from '../notifications/notifications.presenter.js';
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

/** The first characters of a Markdown source as one line of plain text, for the queue. */
export function excerptOf(source: string): string {
  return plainExcerpt(source, moderationLimits.excerpt);
}

function person(id: string, name: string, photoKey: string | null, role: string | null) {
  return { id, name, photoUrl: photoUrlOf({ id, photo_key: photoKey }), isGuest: role === 'guest' };
}

/** Where the reported content is, or was: its group survives its deletion, nothing else does. */
function spaceOf(row: QueueRow): Report['subject']['space'] {
  if (row.space_type !== null) {
    return {
      type: row.space_type,
      groupId: row.group_id,
      groupName: row.group_name,
      profileId: row.profile_id,
    };
  }
  if (row.group_id === null) return null;
  return { type: 'group', groupId: row.group_id, groupName: row.group_name, profileId: null };
}

/**
 * A report as the review queue shows it; every row is one the viewer may resolve. The excerpt
 * and author are the snapshot taken when the report was made, so a report on deleted content
 * still shows what was reported.
 */
export function presentReport(row: QueueRow): Report {
  const onComment = row.subject_type === 'comment';
  const deleted = onComment ? row.comment_id === null : row.post_id === null;
  return {
    id: row.id,
    status: row.status,
    reason: row.reason,
    createdAt: row.created_at,
    reporter: person(row.reporter_id, row.reporter_name, row.reporter_photo_key, row.reporter_role),
    subject: {
      type: row.subject_type,
      postId: row.post_id,
      commentId: row.comment_id,
      deleted,
      excerpt: row.subject_excerpt,
      author:
        row.author_id === null
          ? null
          : person(row.author_id, row.author_name!, row.author_photo_key, row.author_role),
      hidden: !deleted && (onComment ? row.comment_hidden_at : row.post_hidden_at) !== null,
      space: spaceOf(row),
    },
    subjectReports: deleted
      ? null
      : { open: Number(row.subject_open ?? 0), total: Number(row.subject_total ?? 0) },
    resolution:
      row.status === 'open' || row.resolved_at === null
        ? null
        : { resolvedAt: row.resolved_at, resolvedBy: row.resolved_by, note: row.resolution_note },
    abilities: { resolve: row.status === 'open' },
  };
}
