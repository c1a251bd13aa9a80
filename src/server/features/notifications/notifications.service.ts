import type { Tx } from '../../platform/db/database.js';
import { appendStreamEvent, streams } from '../../platform/events/streams.js';
import {
  insertNotifications,
  listRecipientsWanting,
  type NotificationInput,
} from './notifications.queries.js';

export type { NotificationInput };

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
    await appendStreamEvent(tx, streams.user(userId), 'notification.created', { id, type: input.type });
  }
  return created.length;
}
