import { ActionIcon, Box, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Notification } from '../../../shared/api/notifications.js';
import { useFormatters } from '../../lib/useFormatters.js';
import { UserAvatar } from '../../ui/UserAvatar.js';
import { FeedIcon } from '../posts/FeedIcon.js';
import { RelativeTime } from '../posts/RelativeTime.js';
import { describeNotification } from './notification-text.js';
import { useMarkRead } from './notifications.api.js';

interface NotificationItemProps {
  notification: Notification;
  /** Called after following the notification's link (the panel closes). */
  onOpen: () => void;
}

/** One notification: who and what, the post's first words, when; opening it marks it read. */
export function NotificationItem({ notification, onOpen }: NotificationItemProps) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const { text, href } = describeNotification(notification, t, dateTime);
  const unread = notification.readAt === null;
  const note = typeof notification.data.note === 'string' ? notification.data.note : null;

  function open() {
    if (unread) markRead.mutate(notification.id);
    if (href) {
      navigate(href);
      onOpen();
    }
  }

  return (
    <Group
      gap="xs"
      wrap="nowrap"
      align="flex-start"
      p="xs"
      style={{
        borderRadius: 'var(--mantine-radius-md)',
        background: unread ? 'var(--mantine-primary-color-light)' : undefined,
      }}
      data-testid="notification"
      data-unread={unread}
    >
      <UnstyledButton onClick={open} style={{ flex: 1 }} miw={0}>
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <UserAvatar name={notification.actor?.name || '?'} size="sm" />
          <Stack gap={2} miw={0}>
            <Text size="sm" fw={unread ? 600 : undefined} style={{ overflowWrap: 'anywhere' }}>
              {text}
            </Text>
            {notification.post?.excerpt ? (
              <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                {notification.post.excerpt}
              </Text>
            ) : null}
            {note ? (
              <Text size="xs" fs="italic" style={{ overflowWrap: 'anywhere' }}>
                {t('notifications.note', { note })}
              </Text>
            ) : null}
            <Text size="xs" c="dimmed">
              <RelativeTime iso={notification.createdAt} />
            </Text>
          </Stack>
        </Group>
      </UnstyledButton>
      {unread ? (
        <ActionIcon
          variant="subtle"
          size="sm"
          onClick={() => markRead.mutate(notification.id)}
          aria-label={t('notifications.markRead')}
        >
          <FeedIcon name="check" size={14} />
        </ActionIcon>
      ) : (
        <Box w={22} />
      )}
    </Group>
  );
}
