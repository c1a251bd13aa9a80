import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { ChatAttachmentsTable } from '../../platform/db/schema.js';

export type ChatAttachmentRow = Selectable<ChatAttachmentsTable>;

export async function insertChatAttachment(
  db: Executor,
  row: Insertable<ChatAttachmentsTable>,
): Promise<void> {
  await db.insertInto('chat_attachments').values(row).execute();
}

/** The pending (unattached) uploads of `uploaderId` in `chatId` among `ids`. */
export async function selectClaimable(
  db: Executor,
  chatId: string,
  uploaderId: string,
  ids: readonly string[],
): Promise<ChatAttachmentRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('chat_attachments')
    .selectAll()
    .where('id', 'in', ids)
    .where('chat_id', '=', chatId)
    .where('uploader_id', '=', uploaderId)
    .where('message_id', 'is', null)
    .execute();
}

/**
 * Attaches one pending upload to a message; the `message_id is null` condition makes a
 * concurrent claim of the same upload lose (0 rows), so an upload never ends on two messages.
 */
export async function attachToMessage(
  db: Executor,
  id: string,
  messageId: string,
  position: number,
): Promise<boolean> {
  const result = await db
    .updateTable('chat_attachments')
    .set({ message_id: messageId, position })
    .where('id', '=', id)
    .where('message_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The attachments of these messages, in their order within each message. */
export async function selectByMessages(
  db: Executor,
  messageIds: readonly string[],
): Promise<ChatAttachmentRow[]> {
  if (messageIds.length === 0) return [];
  return db
    .selectFrom('chat_attachments')
    .selectAll()
    .where('message_id', 'in', messageIds)
    .orderBy('message_id')
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/**
 * One attachment of a chat as `viewerId` may fetch it: attached to a message that is not
 * deleted, or a pending upload of the viewer's own. Anything else reads as absent.
 */
export async function selectViewableAttachment(
  db: Executor,
  chatId: string,
  attachmentId: string,
  viewerId: string,
): Promise<ChatAttachmentRow | undefined> {
  return db
    .selectFrom('chat_attachments as a')
    .leftJoin('messages as m', 'm.id', 'a.message_id')
    .selectAll('a')
    .where('a.id', '=', attachmentId)
    .where('a.chat_id', '=', chatId)
    .where((eb) =>
      eb.or([
        eb.and([eb('a.message_id', 'is not', null), eb('m.deleted_at', 'is', null)]),
        eb.and([eb('a.message_id', 'is', null), eb('a.uploader_id', '=', viewerId)]),
      ]),
    )
    .executeTakeFirst();
}

/** Removes pending uploads created before `before` (never sent); returns how many. */
export async function deleteAbandoned(db: Executor, before: string, limit: number): Promise<number> {
  const ids = await db
    .selectFrom('chat_attachments')
    .select('id')
    .where('message_id', 'is', null)
    .where('created_at', '<', before)
    .limit(limit)
    .execute();
  if (ids.length === 0) return 0;
  const result = await db
    .deleteFrom('chat_attachments')
    .where(
      'id',
      'in',
      ids.map((row) => row.id),
    )
    .where('message_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Every stored file of a chat's attachments (bytes and thumbnails), each key once. */
export async function selectChatBlobKeys(db: Executor, chatId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('chat_attachments')
    .select(['blob_key', 'thumb_key'])
    .where('chat_id', '=', chatId)
    .execute();
  const keys = new Set<string>();
  for (const row of rows) {
    keys.add(row.blob_key);
    if (row.thumb_key) keys.add(row.thumb_key);
  }
  return [...keys];
}
