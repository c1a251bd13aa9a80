import type { TFunction } from 'i18next';
import type { Notification } from '../../../shared/api/notifications.js';

/** What a notification says and where it leads. */
export interface NotificationText {
  text: string;
  href: string | null;
}

const moderationActions = [
  'post.hidden',
  'post.restored',
  'post.comments.locked',
  'post.comments.unlocked',
  'post.pinned',
  'post.unpinned',
  'post.deleted',
  'comment.hidden',
  'comment.restored',
  'comment.deleted',
  'report.allowed',
  'report.resolved',
] as const;
type ModerationAction = (typeof moderationActions)[number];

const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** The `moderation` notification's key under `notifications.moderation.*`. */
function moderationKey(data: Notification['data']): string {
  const action = str(data.action);
  const known = moderationActions.find((a) => a === action) as ModerationAction | undefined;
  if (!known) return 'other';
  if (known === 'report.resolved') {
    const decision = str(data.decision);
    return decision === 'hide' || decision === 'delete' ? 'reportRemoved' : 'reportAllowed';
  }
  return known.replaceAll('.', '_');
}

/**
 * The sentence for a notification in the interface's language (the actor's name and every
 * value from `data` are interpolated as text, never as markup) and the page it points at.
 */
export function describeNotification(
  n: Notification,
  t: TFunction,
  dateTime: (iso: string) => string,
): NotificationText {
  const actor = n.actor?.name || t('notifications.someone');
  const postHref = n.post ? `/posts/${n.post.id}` : null;
  const groupHref = n.groupId ? `/groups/${n.groupId}` : null;
  const group = str(n.data.groupName) ?? t('notifications.aGroup');
  switch (n.type) {
    case 'mention': {
      const via = n.data.via as { name?: unknown } | undefined;
      const viaName = str(via?.name);
      return {
        text: viaName
          ? t('notifications.types.mentionVia', { actor, via: viaName })
          : t('notifications.types.mention', { actor }),
        href: postHref,
      };
    }
    case 'comment':
      return { text: t('notifications.types.comment', { actor }), href: postHref };
    case 'reply':
      return { text: t('notifications.types.reply', { actor }), href: postHref };
    case 'reaction':
      return {
        text: t('notifications.types.reaction', { actor, emoji: str(n.data.emoji) ?? '' }),
        href: postHref,
      };
    case 'share':
      return { text: t('notifications.types.share', { actor }), href: postHref };
    case 'must_read':
      return { text: t('notifications.types.must_read', { actor }), href: postHref };
    case 'must_read_reminder':
      return { text: t('notifications.types.must_read_reminder'), href: postHref };
    case 'event_reminder': {
      const startsAt = str(n.data.startsAt);
      return {
        text: startsAt
          ? t('notifications.types.event_reminder', { time: dateTime(startsAt) })
          : t('notifications.types.event_reminderSoon'),
        href: postHref,
      };
    }
    case 'join_request':
      return {
        text: t('notifications.types.join_request', { actor, group }),
        href: groupHref && `${groupHref}/requests`,
      };
    case 'group_invite':
      return { text: t('notifications.types.group_invite', { actor, group }), href: groupHref };
    case 'join_approved':
      return { text: t('notifications.types.join_approved', { actor, group }), href: groupHref };
    case 'file_comment':
    case 'file_mention': {
      // Document libraries (issue 4): the file's name and id are in `data`.
      const fileId = str(n.data.fileId);
      return {
        text: t(`notifications.types.${n.type}`, { actor, file: str(n.data.fileName) ?? '' }),
        href: fileId ? `/files/${fileId}` : null,
      };
    }
    case 'chat_mention': {
      // Chats (issue 5): the chat's id is in `data`; the chat page checks membership again.
      const chatId = str(n.data.chatId);
      return {
        text: t('notifications.types.chat_mention', { actor }),
        href: chatId ? `/chats/${chatId}` : null,
      };
    }
    case 'moderation': {
      const key = moderationKey(n.data);
      return {
        text: t(`notifications.moderation.${key}` as 'notifications.moderation.other'),
        href: postHref ?? groupHref,
      };
    }
  }
}
