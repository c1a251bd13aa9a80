import { v7 as uuidv7 } from 'uuid';
import type { NotificationType } from '../../../shared/api/notification-types.js';
import type { Executor } from '../../platform/db/database.js';

export interface NotificationInput {
  type: NotificationType;
  actorId: string | null;
  postId?: string | null;
  commentId?: string | null;
  groupId?: string | null;
  data?: Record<string, unknown>;
}

/** Of `userIds`, those who have not switched `type` off. */
export async function listRecipientsWanting(
  db: Executor,
  userIds: readonly string[],
  type: NotificationType,
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const off = await db
    .selectFrom('notification_settings')
    .select('user_id')
    .where('type', '=', type)
    .where('in_app', '=', 0)
    .where('user_id', 'in', userIds)
    .execute();
  const muted = new Set(off.map((r) => r.user_id));
  return userIds.filter((id) => !muted.has(id));
}

/** Inserts one notification per recipient; returns their ids by recipient. */
export async function insertNotifications(
  db: Executor,
  userIds: readonly string[],
  input: NotificationInput,
): Promise<{ id: string; userId: string }[]> {
  if (userIds.length === 0) return [];
  const now = new Date().toISOString();
  const rows = userIds.map((userId) => ({
    id: uuidv7(),
    user_id: userId,
    type: input.type,
    actor_id: input.actorId,
    post_id: input.postId ?? null,
    comment_id: input.commentId ?? null,
    group_id: input.groupId ?? null,
    data: JSON.stringify(input.data ?? {}),
    created_at: now,
    read_at: null,
  }));
  // Large audiences (a department mention) go in chunks: SQLite caps bound parameters.
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('notifications')
      .values(rows.slice(i, i + 500))
      .execute();
  }
  return rows.map((r) => ({ id: r.id, userId: r.user_id }));
}
