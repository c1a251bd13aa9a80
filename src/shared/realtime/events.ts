import type { Message, PresenceState } from '../api/chats.js';
import type { NotificationType } from '../api/notification-types.js';

/**
 * The typed map of realtime events: type → `data`. Events name what changed (ids), never
 * content: a client that learns of a change refetches it over HTTP, where access is checked.
 *
 * Streams (server/platform/events/streams.ts): `user:<id>` (one person's notifications and
 * membership changes), `company` (company-space and profile posts), `group:<id>` (one group's
 * posts, comments and reactions, for its members).
 */
export interface RealtimeEvents {
  /** On `user:<id>`: a notification for this person (notifyPeople). */
  'notification.created': { id: string; type: NotificationType };
  /** On `user:<id>`: notifications were marked read in some tab (`all` for "mark all read"). */
  'notifications.read': { ids: string[]; all: boolean };
  /** On `user:<id>`: the person joined or left a group (or changed role in it). */
  'membership.changed': { groupId: string };
  /** On `user:<id>`: a session of this person ended; every socket re-checks its own session. */
  'session.revoked': Record<string, never>;
  /** On `company` or `group:<id>`: a post appeared, changed or went away. */
  'post.created': { postId: string; spaceType?: 'company' | 'group' | 'profile'; groupId?: string | null };
  'post.updated': { postId: string; groupId?: string | null };
  'post.deleted': { postId: string; groupId?: string | null };
  /** On the post's stream: a comment appeared, changed or went away. */
  'comment.created': { postId: string; commentId: string };
  'comment.updated': { postId: string; commentId: string };
  'comment.deleted': { postId: string; commentId: string };
  /** On the post's stream: the reactions of a post (or one of its comments) changed. */
  'reaction.changed': { postId: string; commentId?: string | null };
  /** On `group:<id>`: the group's details, members, or the group itself changed. */
  'group.updated': { groupId: string };
  'group.members.changed': { groupId: string };
  'group.deleted': { groupId: string };
  /** On `company`: stories across the top of the feed and pinned banners. */
  'story.created': { storyId: string; authorId: string };
  'story.deleted': { storyId: string; authorId: string };
  'banner.changed': { bannerId: string };
  /**
   * On `chat:<id>` (durable): a message was sent, edited or deleted, or its reactions or thread
   * changed. Unlike other streams, chat frames carry the message itself: only the chat's members
   * subscribe (checked on subscribe and again on every membership change), and 200 members
   * refetching each message would multiply the load by 200.
   */
  'chat.message': Message;
  'chat.message.updated': Message;
  /** On `chat:<id>`: the chat was renamed, its members changed or it was deleted. */
  'chat.updated': { chatId: string };
  /** On `chat:<id>` (ephemeral): someone is typing. */
  'chat.typing': { chatId: string; userId: string; name: string };
  /** On `chat:<id>` (ephemeral): a member read up to `seq` (read receipts). */
  'chat.read': { chatId: string; userId: string; seq: number };
  /** On `user:<id>`: the person's chats changed (joined, left, removed, settings, read in another tab). */
  'chats.changed': { chatId: string; reason: 'joined' | 'left' | 'settings' | 'read' };
  /** On `presence` (ephemeral, only for watched people): someone came, went idle or left. */
  'presence.changed': { userId: string; state: PresenceState; lastSeenAt: string | null };
}

export type RealtimeEventType = keyof RealtimeEvents;

/** Event types the gateway itself acts on, besides passing them to the client. */
export const gatewayEvents = {
  membershipChanged: 'membership.changed',
  sessionRevoked: 'session.revoked',
  chatsChanged: 'chats.changed',
} as const satisfies Record<string, RealtimeEventType>;
