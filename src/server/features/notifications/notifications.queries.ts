import type { ExpressionBuilder } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { type NotificationType, notificationTypes } from '../../../shared/api/notification-types.js';
import type { Actor } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { postReadableBy } from '../spaces/spaces.service.js';

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
  const muted = new Set<string>();
  // Chunked like the insert: SQLite caps bound parameters.
  for (let i = 0; i < userIds.length; i += 500) {
    const off = await db
      .selectFrom('notification_settings')
      .select('user_id')
      .where('type', '=', type)
      .where('in_app', '=', 0)
      .where('user_id', 'in', userIds.slice(i, i + 500))
      .execute();
    for (const row of off) muted.add(row.user_id);
  }
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

/** A notification with its actor's name and its post's text, as the list shows it. */
export interface NotificationRow {
  id: string;
  type: string;
  created_at: string;
  read_at: string | null;
  actor_id: string | null;
  actor_name: string | null;
  post_id: string | null;
  post_body: string | null;
  comment_id: string | null;
  group_id: string | null;
  data: string;
}

/**
 * The recipient's notifications that `actor` may still see: those about no post, and those
 * whose post `actor` may read now (postReadableBy on the joined post row), so leaving a secret
 * group hides its notifications from the list and from the count alike.
 */
function visibleNotifications(db: Executor, actor: Actor) {
  return db
    .selectFrom('notifications')
    .leftJoin('posts', 'posts.id', 'notifications.post_id')
    .where('notifications.user_id', '=', actor.id)
    .where('notifications.type', 'in', notificationTypes)
    .where((eb) =>
      eb.or([
        eb('notifications.post_id', 'is', null),
        // The joined row is the post itself; the predicate reads it as `posts`.
        postReadableBy(eb as unknown as ExpressionBuilder<Database, 'posts'>, actor),
      ]),
    );
}

/** A page of the viewer's visible notifications, newest first (ids are time-ordered). */
export function listNotificationRows(
  db: Executor,
  actor: Actor,
  options: { beforeId?: string; unread: boolean; limit: number },
): Promise<NotificationRow[]> {
  let query = visibleNotifications(db, actor)
    .leftJoin('users as actors', 'actors.id', 'notifications.actor_id')
    .select([
      'notifications.id',
      'notifications.type',
      'notifications.created_at',
      'notifications.read_at',
      'notifications.actor_id',
      'actors.name as actor_name',
      'notifications.post_id',
      'posts.body as post_body',
      'notifications.comment_id',
      'notifications.group_id',
      'notifications.data',
    ]);
  if (options.beforeId) query = query.where('notifications.id', '<', options.beforeId);
  if (options.unread) query = query.where('notifications.read_at', 'is', null);
  return query.orderBy('notifications.id', 'desc').limit(options.limit).execute();
}

/** One of the viewer's visible notifications, or undefined. */
export function findVisibleNotification(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<{ id: string; read_at: string | null } | undefined> {
  return visibleNotifications(db, actor)
    .select(['notifications.id', 'notifications.read_at'])
    .where('notifications.id', '=', id)
    .executeTakeFirst();
}

/** How many of the viewer's visible notifications are unread. */
export async function countUnreadNotifications(db: Executor, actor: Actor): Promise<number> {
  const row = await visibleNotifications(db, actor)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('notifications.read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Marks one notification read; false if it already was. */
export async function updateNotificationRead(
  db: Executor,
  userId: string,
  id: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Marks every unread notification of a person read; returns how many changed. */
export async function updateAllNotificationsRead(db: Executor, userId: string, at: string): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The types a person switched off. */
export async function listMutedTypes(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('notification_settings')
    .select('type')
    .where('user_id', '=', userId)
    .where('in_app', '=', 0)
    .execute();
  return rows.map((r) => r.type);
}

/** Stores whether each given type shows in the app for a person. */
export async function upsertNotificationSettings(
  db: Executor,
  userId: string,
  settings: readonly { type: NotificationType; inApp: boolean }[],
): Promise<void> {
  for (const { type, inApp } of settings) {
    await db
      .insertInto('notification_settings')
      .values({ user_id: userId, type, in_app: inApp ? 1 : 0 })
      .onConflict((oc) => oc.columns(['user_id', 'type']).doUpdateSet({ in_app: inApp ? 1 : 0 }))
      .execute();
  }
}
