import {
  type Notification,
  notificationExcerptLength,
  notificationTypeSchema,
} from '../../../shared/api/notifications.js';
import type { NotificationRow } from './notifications.queries.js';

/**
 * The start of a post as one line of plain text: Markdown marks, links' addresses and images
 * are dropped, whitespace collapsed, and the cut falls on a character, never inside a pair.
 */
export function plainExcerpt(markdown: string, length = notificationExcerptLength): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/[*_~`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(text);
  return chars.length <= length
    ? text
    : `${chars
        .slice(0, length - 1)
        .join('')
        .trimEnd()}…`;
}

function parseData(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

export function presentNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    type: notificationTypeSchema.parse(row.type),
    createdAt: row.created_at,
    readAt: row.read_at,
    actor: row.actor_id && row.actor_name !== null ? { id: row.actor_id, name: row.actor_name } : null,
    post:
      row.post_id && row.post_body !== null
        ? { id: row.post_id, excerpt: plainExcerpt(row.post_body) }
        : null,
    commentId: row.comment_id,
    groupId: row.group_id,
    data: parseData(row.data),
  };
}
