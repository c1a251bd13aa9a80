/** Every kind of in-app notification; each can be switched off per person in the settings. */
export const notificationTypes = [
  'mention',
  'comment',
  'reply',
  'reaction',
  'share',
  'must_read',
  'must_read_reminder',
  'event_reminder',
  'join_request',
  'group_invite',
  'moderation',
  'join_approved',
  // Document libraries (issue 4): comments on a file one uploaded, mentions in file comments.
  'file_comment',
  'file_mention',
  // Chats (issue 5): a mention in a chat message (only the chat's members are told).
  'chat_mention',
] as const;

export type NotificationType = (typeof notificationTypes)[number];
