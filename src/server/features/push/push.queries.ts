import type { Executor } from '../../platform/db/database.js';
import { queryTemplate } from '../../platform/db/query-template.js';
import type { ChatKind } from '../../platform/db/schema.js';

export interface PushSubscriptionRow {
  id: string;
  user_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** One person a chat message should reach by push, with what their notification needs. */
export interface PushRecipientRow {
  user_id: string;
  locale: string | null;
}

/** What the notification of a message shows: the chat, the author, the message. */
export interface PushMessageRow {
  chat_kind: ChatKind;
  chat_name: string | null;
  author_name: string | null;
  body: string;
  sticker_id: string | null;
  deleted_at: string | null;
}

/**
 * The members of a chat a new message should be pushed to, by their own settings: never the
 * author, only active people, never a muted chat or one set to "none"; in a direct chat the
 * other member (unless they asked for mentions only), elsewhere only the people mentioned.
 */
export async function selectPushRecipients(
  db: Executor,
  input: { chatId: string; authorId: string; mentionedIds: string[]; direct: boolean },
): Promise<PushRecipientRow[]> {
  const { chatId, authorId, mentionedIds, direct } = input;
  if (!direct && mentionedIds.length === 0) return [];
  return pushRecipients.execute(db, { direct }, { chatId, authorId, mentionedIds });
}

// Runs after every direct message: compiled once per shape.
const pushRecipients = queryTemplate(
  (
    db,
    { direct }: { direct: boolean },
    { chatId, authorId, mentionedIds }: { chatId: string; authorId: string; mentionedIds: readonly string[] },
  ) =>
    db
      .selectFrom('chat_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.user_id', 'u.locale'])
      .where('m.chat_id', '=', chatId)
      .where('m.user_id', '!=', authorId)
      .where('u.status', '=', 'active')
      .where('m.muted', '=', 0)
      .where('m.notify', '!=', 'none')
      .where((eb) => {
        const mentioned = mentionedIds.length > 0 ? [eb('m.user_id', 'in', mentionedIds)] : [];
        const directAll = direct ? [eb('m.notify', '=', 'all')] : [];
        return eb.or([...mentioned, ...directAll]);
      }),
);

/** The message as its notification shows it, or undefined when it is gone. */
export function selectPushMessage(db: Executor, messageId: string): Promise<PushMessageRow | undefined> {
  return db
    .selectFrom('messages as msg')
    .innerJoin('chats as c', 'c.id', 'msg.chat_id')
    .leftJoin('users as a', 'a.id', 'msg.author_id')
    .select([
      'c.kind as chat_kind',
      'c.name as chat_name',
      'a.name as author_name',
      'msg.body',
      'msg.sticker_id',
      'msg.deleted_at',
    ])
    .where('msg.id', '=', messageId)
    .executeTakeFirst();
}

/**
 * Every push subscription of these people that may still receive, decided in SQL: the person is
 * active and, for a guest, their access has not ended at `now` (the expiry job may not have
 * deactivated them yet); the subscription's session is still one the session check would accept
 * — before its absolute end and used since `idleSince` (`now` minus the idle timeout), the rule
 * of `judgeSession` (platform/auth/sessions.ts). A session dead by time keeps its row until a
 * sweep or its browser's next request deletes it (with the subscription, 0008), and a device
 * signed out by idleness must not keep getting messages meanwhile.
 */
export async function selectSubscriptionsOf(
  db: Executor,
  userIds: string[],
  at: { now: string; idleSince: string },
): Promise<PushSubscriptionRow[]> {
  if (userIds.length === 0) return [];
  const { now, idleSince } = at;
  return db
    .selectFrom('push_subscriptions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('sessions as sess', 'sess.id', 's.session_id')
    .select(['s.id', 's.user_id', 's.endpoint', 's.p256dh', 's.auth'])
    .where('s.user_id', 'in', userIds)
    .where('sess.expires_at', '>', now)
    .where('sess.last_seen_at', '>=', idleSince)
    .where('u.status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb('u.role', '!=', 'guest'),
        eb('u.access_expires_at', 'is', null),
        eb('u.access_expires_at', '>', now),
      ]),
    )
    .execute();
}

/**
 * Stores a browser's subscription for `userId`, tied to the session it was posted from. The
 * endpoint names one browser profile: when another person signs in there and subscribes, it
 * becomes theirs (the previous person no longer uses that browser), with fresh keys, the new
 * session and a clean failure count; a browser posting again after signing in anew moves its
 * subscription to the new session.
 */
export async function upsertSubscription(
  db: Executor,
  row: {
    id: string;
    userId: string;
    sessionId: string;
    endpoint: string;
    p256dh: string;
    auth: string;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('push_subscriptions')
    .values({
      id: row.id,
      user_id: row.userId,
      session_id: row.sessionId,
      endpoint: row.endpoint,
      p256dh: row.p256dh,
      auth: row.auth,
      created_at: row.at,
    })
    .onConflict((oc) =>
      oc.column('endpoint').doUpdateSet({
        user_id: row.userId,
        session_id: row.sessionId,
        p256dh: row.p256dh,
        auth: row.auth,
        failures: 0,
      }),
    )
    .execute();
}

/** Removes the person's own subscription at `endpoint`; another person's is left alone. */
export async function deleteOwnSubscription(db: Executor, userId: string, endpoint: string): Promise<void> {
  await db
    .deleteFrom('push_subscriptions')
    .where('endpoint', '=', endpoint)
    .where('user_id', '=', userId)
    .execute();
}

/** Removes a subscription the push service said is gone (404/410). */
export async function deleteSubscription(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('push_subscriptions').where('id', '=', id).execute();
}

export async function markDelivered(db: Executor, id: string, at: string): Promise<void> {
  await db
    .updateTable('push_subscriptions')
    .set({ last_success_at: at, failures: 0 })
    .where('id', '=', id)
    .execute();
}

export async function countFailure(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('push_subscriptions')
    .set((eb) => ({ failures: eb('failures', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Stores a setting only if none is stored yet: the first writer among racing nodes wins. */
export async function insertSettingIfAbsent(
  db: Executor,
  key: string,
  value: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value, updated_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}
