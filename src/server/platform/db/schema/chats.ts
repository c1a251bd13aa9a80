import type { Generated } from 'kysely';

/*
 * Chat and presence (issue 5, 0007_chats): chats, members, messages and stickers.
 * Part of the `Database` that schema.ts assembles; import these types from there.
 */

export type ChatKind = 'direct' | 'group' | 'channel';
export type ChatRole = 'admin' | 'member';
/** How a person came to be in a chat: its creator, added by someone, or by a group or department. */
export type ChatMemberVia = 'creator' | 'added' | 'linked';
export type ChatNotify = 'all' | 'mentions' | 'none';
export type MessageKind = 'text' | 'sticker' | 'system';

export interface ChatsTable {
  id: string;
  kind: ChatKind;
  name: string | null;
  photo_key: string | null;
  /** Direct chats: the two member ids sorted and joined by ':'. */
  direct_key: string | null;
  group_id: string | null;
  department_id: string | null;
  created_by: string | null;
  member_count: Generated<number>;
  /** The `seq` of the newest message (0 before the first). */
  last_seq: Generated<number>;
  last_message_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ChatFoldersTable {
  id: string;
  user_id: string;
  name: string;
  position: number;
  created_at: string;
}

export interface ChatMembersTable {
  chat_id: string;
  user_id: string;
  role: ChatRole;
  via: ChatMemberVia;
  joined_at: string;
  last_read_seq: Generated<number>;
  muted: Generated<number>;
  notify: Generated<ChatNotify>;
  pinned_at: string | null;
  archived_at: string | null;
  folder_id: string | null;
}

export interface MessagesTable {
  id: string;
  chat_id: string;
  /** Position in the chat's stream (`chat:<id>`). */
  seq: number;
  /** The sender's own id for this send: a retry with the same one is stored once. */
  client_id: string | null;
  author_id: string | null;
  kind: MessageKind;
  body: string;
  html: string;
  reply_to_id: string | null;
  thread_root_id: string | null;
  thread_reply_count: Generated<number>;
  forwarded_from_id: string | null;
  sticker_id: string | null;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  deleted_by: string | null;
}

export interface MessageReactionsTable {
  message_id: string;
  user_id: string;
  emoji: string;
  created_at: string;
}

export interface ChatAttachmentsTable {
  id: string;
  chat_id: string;
  /** Null until the message it was uploaded for is sent. */
  message_id: string | null;
  uploader_id: string | null;
  blob_key: string;
  name: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  thumb_key: string | null;
  position: Generated<number>;
  created_at: string;
}

export interface MessageTermsTable {
  term: string;
  chat_id: string;
  message_id: string;
}

export interface StickerPacksTable {
  id: string;
  name: string;
  position: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export interface StickersTable {
  id: string;
  pack_id: string;
  blob_key: string;
  mime: string;
  width: number | null;
  height: number | null;
  emoji: string | null;
  position: number;
  created_at: string;
}
