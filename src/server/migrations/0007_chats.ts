import { type Kysely, sql } from 'kysely';

/**
 * Chat and presence (issue 5).
 *
 * - `chats`: a direct chat (two people, `direct_key` = the two ids sorted and joined by ':' so
 *   the pair has one), a group chat, or an announcement channel (only its admins post). A
 *   group's own chat (`group_id`) and a department's chat (`department_id`) are group chats
 *   whose members follow the group and the directory (`chat_members.via = 'linked'`).
 *   `last_seq` is the `seq` of the chat's newest message, `last_message_at` orders the list.
 * - `chat_members`: who is in a chat, with their own state of it: role, how far they have read
 *   (`last_read_seq`), mute, notification level, pin, archive and the folder they put it in.
 * - `chat_folders`: a person's own folders ("by project").
 * - `messages`: `seq` is the message's position in the chat's stream (`chat:<id>`), given by
 *   `appendStreamEvent` in the transaction that stores it, so `(chat_id, seq)` is unique and
 *   gapless among the stream's events; `(author_id, client_id)` makes a retried send a no-op.
 *   Edits and deletions keep the row (`edited_at`, `deleted_at`); every version goes to the
 *   ledger. `thread_root_id` puts a reply into a thread, `reply_to_id` quotes a message.
 * - `message_reactions`: one row per person, emoji and message.
 * - `chat_attachments`: files uploaded into a chat (blob store), attached to one message.
 * - `sticker_packs`, `stickers`: the company's stickers, managed by admins.
 * - `message_terms`: the words of each message, for the simple indexed chat search.
 * - `push_subscriptions`: Web Push endpoints of a person's browsers.
 * - `users.last_seen_at`, `users.presence_hidden`: presence a person may hide.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createChats(db);
  await createMessages(db);
  await createStickers(db);
  await createPush(db);
}

async function createChats(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('chats')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('photo_key', 'text')
    .addColumn('direct_key', 'text', (c) => c.unique())
    .addColumn('group_id', 'text', (c) => c.unique().references('groups.id').onDelete('cascade'))
    .addColumn('department_id', 'text', (c) => c.unique().references('departments.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_message_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('chats_kind', sql`kind in ('direct', 'group', 'channel')`)
    .execute();

  await db.schema
    .createTable('chat_folders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('chat_folders_user')
    .on('chat_folders')
    .columns(['user_id', 'position'])
    .execute();

  await db.schema
    .createTable('chat_members')
    .addColumn('chat_id', 'text', (c) => c.notNull().references('chats.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('last_read_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('muted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notify', 'text', (c) => c.notNull().defaultTo('all'))
    .addColumn('pinned_at', 'text')
    .addColumn('archived_at', 'text')
    .addColumn('folder_id', 'text', (c) => c.references('chat_folders.id').onDelete('set null'))
    .addPrimaryKeyConstraint('chat_members_pk', ['chat_id', 'user_id'])
    .addCheckConstraint('chat_members_role', sql`role in ('admin', 'member')`)
    .addCheckConstraint('chat_members_via', sql`via in ('creator', 'added', 'linked')`)
    .addCheckConstraint('chat_members_notify', sql`notify in ('all', 'mentions', 'none')`)
    .execute();
  await db.schema
    .createIndex('chat_members_user')
    .on('chat_members')
    .columns(['user_id', 'chat_id'])
    .execute();
}

async function createMessages(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('chat_id', 'text', (c) => c.notNull().references('chats.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('client_id', 'text')
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('reply_to_id', 'text', (c) => c.references('messages.id').onDelete('set null'))
    .addColumn('thread_root_id', 'text', (c) => c.references('messages.id').onDelete('cascade'))
    .addColumn('thread_reply_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('forwarded_from_id', 'text', (c) => c.references('messages.id').onDelete('set null'))
    .addColumn('sticker_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addCheckConstraint('messages_kind', sql`kind in ('text', 'sticker', 'system')`)
    .execute();
  await db.schema
    .createIndex('messages_chat_seq')
    .on('messages')
    .columns(['chat_id', 'seq'])
    .unique()
    .execute();
  await db.schema
    .createIndex('messages_client')
    .on('messages')
    .columns(['author_id', 'client_id'])
    .unique()
    .where(sql.ref('client_id'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('messages_thread')
    .on('messages')
    .columns(['thread_root_id', 'seq'])
    .where(sql.ref('thread_root_id'), 'is not', null)
    .execute();

  await db.schema
    .createTable('message_reactions')
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('emoji', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_reactions_pk', ['message_id', 'user_id', 'emoji'])
    .execute();

  await db.schema
    .createTable('chat_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('chat_id', 'text', (c) => c.notNull().references('chats.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.references('messages.id').onDelete('cascade'))
    .addColumn('uploader_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('blob_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('thumb_key', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('chat_attachments_message')
    .on('chat_attachments')
    .columns(['message_id', 'position'])
    .execute();
  await db.schema
    .createIndex('chat_attachments_uploader')
    .on('chat_attachments')
    .columns(['uploader_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('message_terms')
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull().references('chats.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('message_terms_pk', ['term', 'chat_id', 'message_id'])
    .execute();
  await db.schema.createIndex('message_terms_message').on('message_terms').column('message_id').execute();
}

async function createStickers(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sticker_packs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .execute();
  await db.schema
    .createTable('stickers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('pack_id', 'text', (c) => c.notNull().references('sticker_packs.id').onDelete('cascade'))
    .addColumn('blob_key', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('emoji', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stickers_pack').on('stickers').columns(['pack_id', 'position']).execute();
}

async function createPush(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('push_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('endpoint', 'text', (c) => c.notNull().unique())
    .addColumn('p256dh', 'text', (c) => c.notNull())
    .addColumn('auth', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_success_at', 'text')
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('push_subscriptions_user').on('push_subscriptions').column('user_id').execute();

  await db.schema.alterTable('users').addColumn('last_seen_at', 'text').execute();
  await db.schema
    .alterTable('users')
    .addColumn('presence_hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
