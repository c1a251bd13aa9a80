import { z } from 'zod';
import { fileKindSchema } from './file-kinds.js';
import { maxMarkdownLength } from './markdown.js';
import { pageQuerySchema, pageSchema } from './pagination.js';

/**
 * Contracts of chats (C1–C7): direct chats, group chats, announcement channels, a group's and a
 * department's chat; messages with replies, threads, reactions, attachments, stickers; folders,
 * mute, pin, archive; read state; chat search; presence; Web Push subscriptions.
 *
 * A message's `seq` is its position in the chat's realtime stream `chat:<id>` (DESIGN.md
 * "Realtime protocol"): sends are idempotent by the sender's `clientId`, and a client that saw
 * `seq` n has seen every message of the chat at or below n.
 */

export const chatLimits = {
  name: 200,
  body: maxMarkdownLength,
  /** People named when a chat is created or members are added at once. */
  members: 500,
  attachments: 10,
  clientId: 100,
  folderName: 100,
  folders: 50,
  search: 200,
  emoji: 32,
  /** Read receipts list every reader up to this many members; larger chats show a count. */
  receiptsUpTo: 30,
  stickerPackName: 100,
  stickersPerPack: 200,
} as const;

export const chatKinds = ['direct', 'group', 'channel'] as const;
export const chatKindSchema = z.enum(chatKinds);
export type ChatKind = z.infer<typeof chatKindSchema>;

export const chatRoleSchema = z.enum(['admin', 'member']);
export type ChatRole = z.infer<typeof chatRoleSchema>;

export const chatNotifySchema = z.enum(['all', 'mentions', 'none']);
export type ChatNotify = z.infer<typeof chatNotifySchema>;

export const chatIdParamsSchema = z.object({ id: z.uuid() });
export const chatMemberParamsSchema = z.object({ id: z.uuid(), userId: z.uuid() });
export const messageParamsSchema = z.object({ id: z.uuid(), messageId: z.uuid() });

/** A person as chats show them (author, member, reader). */
export const chatPersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  photoUrl: z.string().nullable(),
  isGuest: z.boolean(),
});
export type ChatPerson = z.infer<typeof chatPersonSchema>;

// ---------------------------------------------------------------- chats

/** `POST /chats`. A direct chat with someone you already have one with returns that one (200). */
export const createChatBodySchema = z.strictObject({
  kind: chatKindSchema,
  /** The other people: exactly one for `direct`; the creator is added as the chat's admin. */
  memberIds: z.array(z.uuid()).max(chatLimits.members),
  /** Required for group chats and channels, ignored for direct ones. */
  name: z.string().max(chatLimits.name).optional(),
});
export type CreateChatBody = z.infer<typeof createChatBodySchema>;

/** `PATCH /chats/{id}` (chat admins): rename. */
export const updateChatBodySchema = z.strictObject({
  name: z.string().min(1).max(chatLimits.name),
});

/** `PATCH /chats/{id}/me`: the viewer's own settings of a chat. */
export const chatMemberSettingsBodySchema = z
  .strictObject({
    muted: z.boolean(),
    notify: chatNotifySchema,
    pinned: z.boolean(),
    archived: z.boolean(),
    /** A folder of the viewer's, or null to take it out of its folder. */
    folderId: z.uuid().nullable(),
  })
  .partial();

/** `POST /chats/{id}/read`: everything up to `seq` is read (never moves backwards). */
export const markReadBodySchema = z.strictObject({ seq: z.number().int().min(0) });

/** What the viewer may do in a chat; the UI shows actions from this, never re-derives them. */
export const chatAbilitiesSchema = z.object({
  /** Send messages (in a channel only its admins). */
  post: z.boolean(),
  /** Rename, change the photo, manage admins. */
  edit: z.boolean(),
  addMembers: z.boolean(),
  removeMembers: z.boolean(),
  /** Leave (not a direct chat, not a chat whose membership follows a group or department). */
  leave: z.boolean(),
  /** Delete anyone's messages (chat admins, platform moderators). */
  moderate: z.boolean(),
});
export type ChatAbilities = z.infer<typeof chatAbilitiesSchema>;

/** The newest message as the chat list shows it. */
export const chatLastMessageSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  author: chatPersonSchema.nullable(),
  /** Plain text, shortened; empty for a deleted message. */
  excerpt: z.string(),
  kind: z.enum(['text', 'sticker', 'system']),
  deleted: z.boolean(),
  createdAt: z.string(),
});

export const chatViewSchema = z.object({
  id: z.string(),
  kind: chatKindSchema,
  /** A direct chat's name is the other person's. */
  name: z.string(),
  photoUrl: z.string().nullable(),
  /** For a direct chat: the other person (for their presence dot). */
  peer: chatPersonSchema.nullable(),
  /** Set when membership follows a group or a department. */
  linkedGroupId: z.string().nullable(),
  linkedDepartmentId: z.string().nullable(),
  memberCount: z.number().int(),
  lastSeq: z.number().int(),
  lastMessage: chatLastMessageSchema.nullable(),
  createdAt: z.string(),
  viewer: z.object({
    role: chatRoleSchema,
    lastReadSeq: z.number().int(),
    /** Messages from others after `lastReadSeq`. */
    unread: z.number().int(),
    muted: z.boolean(),
    notify: chatNotifySchema,
    pinned: z.boolean(),
    archived: z.boolean(),
    folderId: z.string().nullable(),
  }),
  abilities: chatAbilitiesSchema,
});
export type ChatView = z.infer<typeof chatViewSchema>;

/** `GET /chats?limit=&cursor=&folder=&archived=`: pinned first, then by newest message. */
export const chatListQuerySchema = pageQuerySchema.extend({
  /** Only the chats in this folder of the viewer's. */
  folder: z.uuid().optional(),
  /** Archived chats instead of the others. */
  archived: z.enum(['true', 'false']).optional(),
});
export const chatPageSchema = pageSchema(chatViewSchema);

/** `GET /chats/unread`: unread counts per chat (chats with any) and in total, muted ones apart. */
export const unreadSummarySchema = z.object({
  total: z.number().int(),
  chats: z.record(z.string(), z.number().int()),
});
export type UnreadSummary = z.infer<typeof unreadSummarySchema>;

export const chatMemberSchema = chatPersonSchema.extend({
  role: chatRoleSchema,
  via: z.enum(['creator', 'added', 'linked']),
  joinedAt: z.string(),
});
export type ChatMember = z.infer<typeof chatMemberSchema>;
export const chatMemberPageSchema = pageSchema(chatMemberSchema);

/** `PATCH /chats/{id}/members/{userId}`: make or unmake a chat admin. */
export const chatMemberRoleBodySchema = z.strictObject({ role: chatRoleSchema });

// ---------------------------------------------------------------- folders

export const chatFolderSchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().int(),
  chatCount: z.number().int(),
});
export type ChatFolder = z.infer<typeof chatFolderSchema>;
export const chatFolderBodySchema = z.strictObject({ name: z.string().min(1).max(chatLimits.folderName) });
export const chatFolderListSchema = z.object({ items: z.array(chatFolderSchema) });
/** `PATCH /chat-folders/{id}`: rename, or move to `position` (0 = first; the others shift). */
export const chatFolderUpdateBodySchema = z
  .strictObject({
    name: z.string().min(1).max(chatLimits.folderName),
    position: z.number().int().min(0).max(chatLimits.folders),
  })
  .partial();

/** `POST /chats/{id}/read` answers with the viewer's read state of the chat. */
export const markReadResultSchema = z.object({
  chatId: z.string(),
  lastReadSeq: z.number().int(),
  unread: z.number().int(),
});

/**
 * `POST /groups/{id}/chat`, `POST /departments/{id}/chat`: the linked chat, created once.
 * `chat` is null when the caller is not one of its members (a platform admin outside the
 * department or group).
 */
export const linkedChatSchema = z.object({
  chatId: z.string(),
  created: z.boolean(),
  chat: chatViewSchema.nullable(),
});
export type LinkedChat = z.infer<typeof linkedChatSchema>;

// ---------------------------------------------------------------- messages

export const messageAttachmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  mime: z.string(),
  kind: fileKindSchema,
  size: z.number().int(),
  /** Images: shown inline. */
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  url: z.string(),
  thumbnailUrl: z.string().nullable(),
});
export type MessageAttachment = z.infer<typeof messageAttachmentSchema>;

export const stickerSchema = z.object({
  id: z.string(),
  packId: z.string(),
  emoji: z.string().nullable(),
  url: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
});
export type Sticker = z.infer<typeof stickerSchema>;

/** A message quoted by a reply, as small as the quote shows it. */
export const quotedMessageSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  author: chatPersonSchema.nullable(),
  excerpt: z.string(),
  deleted: z.boolean(),
});

export const reactionCountSchema = z.object({
  emoji: z.string(),
  count: z.number().int(),
  /** Up to 10 of the people who reacted, for the tooltip. */
  people: z.array(z.string()),
});

/**
 * A message. Realtime frames on `chat:<id>` carry the same object (members only subscribe), so
 * it holds nothing that depends on who reads it.
 */
export const messageSchema = z.object({
  id: z.string(),
  chatId: z.string(),
  seq: z.number().int(),
  /** The sender's own id for this send (null for system messages). */
  clientId: z.string().nullable(),
  kind: z.enum(['text', 'sticker', 'system']),
  author: chatPersonSchema.nullable(),
  /** Markdown as written; empty once deleted. */
  body: z.string(),
  /** Sanitised HTML of `body` (the posts' renderer); empty once deleted. */
  html: z.string(),
  replyTo: quotedMessageSchema.nullable(),
  threadRootId: z.string().nullable(),
  threadReplyCount: z.number().int(),
  forwardedFrom: z.object({ chatId: z.string(), author: chatPersonSchema.nullable() }).nullable(),
  sticker: stickerSchema.nullable(),
  attachments: z.array(messageAttachmentSchema),
  reactions: z.array(reactionCountSchema),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deletedAt: z.string().nullable(),
});
export type Message = z.infer<typeof messageSchema>;

/** `POST /chats/{id}/messages`, and the `send` frame on the socket. */
export const sendMessageBodySchema = z.strictObject({
  /** The client's own id for this message (a UUID is best): a retry with it is stored once. */
  clientId: z.string().min(1).max(chatLimits.clientId),
  body: z.string().max(chatLimits.body).default(''),
  replyToId: z.uuid().optional(),
  threadRootId: z.uuid().optional(),
  /** Uploaded with `POST /chats/{id}/attachments` by the sender, not yet sent. */
  attachmentIds: z.array(z.uuid()).max(chatLimits.attachments).optional(),
  stickerId: z.uuid().optional(),
});
export type SendMessageBody = z.infer<typeof sendMessageBodySchema>;

/** `PATCH /chats/{id}/messages/{messageId}` (the author): the new text. */
export const editMessageBodySchema = z.strictObject({ body: z.string().min(1).max(chatLimits.body) });

/** `POST /chats/{id}/messages/{messageId}/forward`: copy it into another chat of the viewer's. */
export const forwardMessageBodySchema = z.strictObject({
  toChatId: z.uuid(),
  clientId: z.string().min(1).max(chatLimits.clientId),
});

/** `PUT|DELETE /chats/{id}/messages/{messageId}/reactions/{emoji}`. */
export const messageReactionParamsSchema = messageParamsSchema.extend({
  emoji: z.string().min(1).max(chatLimits.emoji),
});

/**
 * `GET /chats/{id}/messages?before=&after=&limit=`: by `seq`, oldest first within the page.
 * Neither: the newest page. `before`: older than it (scrolling up). `after`: newer (catching up).
 * `thread=<rootId>`: the replies of one thread.
 */
export const messageListQuerySchema = z.object({
  before: z.coerce.number().int().min(0).optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  thread: z.uuid().optional(),
});
export const messageListSchema = z.object({
  items: z.array(messageSchema),
  /** More older messages exist before the first item. */
  hasOlder: z.boolean(),
  /** More newer messages exist after the last item. */
  hasNewer: z.boolean(),
});

/** `GET /chats/{id}/messages/{messageId}/receipts`: who has read it. */
export const messageReceiptsSchema = z.object({
  /** Members (other than the author) whose read position is at or past the message. */
  readCount: z.number().int(),
  /** Those readers by name when the chat has at most `receiptsUpTo` members, else null. */
  readers: z.array(chatPersonSchema).nullable(),
});

/** `GET /chats/search?q=&chat=&limit=&cursor=`: messages of the viewer's chats with every word. */
export const messageSearchQuerySchema = pageQuerySchema.extend({
  q: z.string().min(1).max(chatLimits.search),
  chat: z.uuid().optional(),
});
export const messageSearchHitSchema = z.object({
  message: messageSchema,
  chat: z.object({ id: z.string(), name: z.string(), kind: chatKindSchema }),
});
export const messageSearchPageSchema = pageSchema(messageSearchHitSchema);

// ---------------------------------------------------------------- stickers

export const stickerPackSchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().int(),
  archived: z.boolean(),
  stickers: z.array(stickerSchema),
});
export type StickerPack = z.infer<typeof stickerPackSchema>;
export const stickerPackListSchema = z.object({ items: z.array(stickerPackSchema) });
export const stickerPackBodySchema = z.strictObject({
  name: z.string().min(1).max(chatLimits.stickerPackName),
});
export const stickerPackUpdateBodySchema = z
  .strictObject({ name: z.string().min(1).max(chatLimits.stickerPackName), archived: z.boolean() })
  .partial();
/**
 * `PUT /sticker-packs/order` (every pack's id) and `PUT /sticker-packs/{id}/order` (every sticker
 * of the pack): the new order, first to last.
 */
export const stickerOrderBodySchema = z.strictObject({
  ids: z.array(z.uuid()).min(1).max(chatLimits.stickersPerPack),
});

// ---------------------------------------------------------------- presence and push

export const presenceStateSchema = z.enum(['online', 'away', 'offline']);
export type PresenceState = z.infer<typeof presenceStateSchema>;

/** A person's presence; `lastSeenAt` is null when they hide it (and then never "online"). */
export const presenceSchema = z.object({
  userId: z.string(),
  state: presenceStateSchema,
  lastSeenAt: z.string().nullable(),
});
export type Presence = z.infer<typeof presenceSchema>;

/** `GET /presence?ids=a,b,c` (up to 200). */
export const presenceQuerySchema = z.object({
  ids: z
    .string()
    .min(1)
    .max(200 * 37),
});
export const presenceListSchema = z.object({ items: z.array(presenceSchema) });

/** `PUT /me/presence`: hide or show one's own presence and last seen. */
export const presenceSettingsBodySchema = z.strictObject({ hidden: z.boolean() });

/** `GET /push/key`: the VAPID public key the browser subscribes with. */
export const pushKeySchema = z.object({ publicKey: z.string() });
/** `POST /push/subscriptions`: the browser's `PushSubscription.toJSON()`. */
export const pushSubscriptionBodySchema = z.strictObject({
  endpoint: z.url().max(2000),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({ p256dh: z.string().min(1).max(200), auth: z.string().min(1).max(100) }),
});
