import { z } from 'zod';
import { type NotificationType, notificationTypes } from '../../../shared/api/notification-types.js';
import type {
  ListNotificationsQuery,
  Notification,
  NotificationSettings,
  NotificationSettingsUpdate,
} from '../../../shared/api/notifications.js';
import type { Page } from '../../../shared/api/pagination.js';
import type { RealtimeEvents } from '../../../shared/realtime/events.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Ctx, transact } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { appendStreamEvent, streams } from '../../platform/events/streams.js';
import { decodeCursor, pageOf } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { presentNotification } from './notifications.presenter.js';
import {
  countUnreadNotifications,
  findVisibleNotification,
  insertNotifications,
  listMutedTypes,
  listNotificationRows,
  listRecipientsWanting,
  type NotificationInput,
  updateAllNotificationsRead,
  updateNotificationRead,
  upsertNotificationSettings,
} from './notifications.queries.js';

export type { NotificationInput };

/**
 * In-app notifications (E5). Every notification belongs to its recipient alone; the list and
 * the count show only those about things the recipient may still read (notifications.queries.ts).
 * Marking read announces `notifications.read` on the person's stream so their other tabs
 * update the count.
 */

/**
 * Notifies people inside the transaction of the change that caused it, so a notification
 * exists if and only if its cause does, and announces each on the person's `user:<id>` stream
 * (the socket then refreshes the list and the unread count). The actor is never notified of
 * their own action; people who switched the type off get nothing.
 *
 * Callers decide who may be told: recipients must be able to read what the notification points
 * at (a secret group's post never notifies a non-member).
 */
export async function notifyPeople(
  tx: Tx,
  userIds: Iterable<string>,
  input: NotificationInput,
): Promise<number> {
  const unique = [...new Set(userIds)].filter((id) => id !== input.actorId);
  const recipients = await listRecipientsWanting(tx, unique, input.type);
  const created = await insertNotifications(tx, recipients, input);
  for (const { id, userId } of created) {
    const data: RealtimeEvents['notification.created'] = { id, type: input.type };
    await appendStreamEvent(tx, streams.user(userId), 'notification.created', data);
  }
  return created.length;
}

const notificationCursor = z.strictObject({ i: z.string().max(100) });

/** `GET /notifications`: newest first; `unread` keeps only the unread ones. */
export async function listNotifications(
  ctx: Ctx,
  query: ListNotificationsQuery,
): Promise<Page<Notification>> {
  const actor = requireActor(ctx);
  const after = decodeCursor(notificationCursor, query.cursor);
  const rows = await listNotificationRows(ctx.db, actor, {
    beforeId: after?.i,
    unread: query.unread,
    limit: query.limit + 1,
  });
  return pageOf(rows, query.limit, (row) => ({ i: row.id }), presentNotification);
}

/** `GET /notifications/unread-count`. */
export async function countUnread(ctx: Ctx): Promise<{ count: number }> {
  const actor = requireActor(ctx);
  return { count: await countUnreadNotifications(ctx.db, actor) };
}

function announceRead(tx: Tx, userId: string, data: RealtimeEvents['notifications.read']) {
  return appendStreamEvent(tx, streams.user(userId), 'notifications.read', data);
}

/** `POST /notifications/{id}/read`: idempotent; 404 for someone else's or a hidden one. */
export async function markNotificationRead(ctx: Ctx, id: string): Promise<{ count: number }> {
  const actor = requireActor(ctx);
  await transact(ctx, async (tx) => {
    const notification = await findVisibleNotification(tx, actor, id);
    if (!notification) throw new AppError('NOTIFICATION_NOT_FOUND');
    if (await updateNotificationRead(tx, actor.id, id, new Date().toISOString())) {
      await announceRead(tx, actor.id, { ids: [id], all: false });
    }
  });
  return countUnread(ctx);
}

/** `POST /notifications/read-all`. */
export async function markAllNotificationsRead(ctx: Ctx): Promise<{ count: number }> {
  const actor = requireActor(ctx);
  await transact(ctx, async (tx) => {
    if ((await updateAllNotificationsRead(tx, actor.id, new Date().toISOString())) > 0) {
      await announceRead(tx, actor.id, { ids: [], all: true });
    }
  });
  return countUnread(ctx);
}

function settingsFrom(muted: readonly string[]): NotificationSettings {
  const off = new Set(muted);
  return Object.fromEntries(notificationTypes.map((type) => [type, !off.has(type)])) as NotificationSettings;
}

/** `GET /notifications/settings`: every type, on unless switched off. */
export async function getNotificationSettings(ctx: Ctx): Promise<NotificationSettings> {
  const actor = requireActor(ctx);
  return settingsFrom(await listMutedTypes(ctx.db, actor.id));
}

/** `PUT /notifications/settings`: changes the given types, keeps the others. */
export async function updateNotificationSettings(
  ctx: Ctx,
  update: NotificationSettingsUpdate,
): Promise<NotificationSettings> {
  const actor = requireActor(ctx);
  const changes = Object.entries(update)
    .filter((entry): entry is [NotificationType, boolean] => typeof entry[1] === 'boolean')
    .map(([type, inApp]) => ({ type, inApp }));
  await transact(ctx, (tx) => upsertNotificationSettings(tx, actor.id, changes));
  return getNotificationSettings(ctx);
}
