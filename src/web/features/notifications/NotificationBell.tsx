import { ActionIcon, Indicator } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useRealtime } from '../../lib/realtime.js';
import { useMe } from '../../lib/useMe.js';
import { FeedIcon } from '../posts/FeedIcon.js';
import { NotificationsPanel } from './NotificationsPanel.js';
import { refreshNotifications, useUnreadCount } from './notifications.api.js';

/** The bell in the header: the unread count, live, and the notifications drawer. */
export function NotificationBell() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const signedIn = Boolean(useMe().data);
  const unread = useUnreadCount(signedIn);
  const [opened, panel] = useDisclosure(false);
  const count = unread.data?.count ?? 0;
  const refresh = () => refreshNotifications(queryClient);
  useRealtime('notification.created', refresh, signedIn);
  useRealtime('notifications.read', refresh, signedIn);
  useRealtime('realtime.resync', ({ stream }) => stream.startsWith('user:') && refresh(), signedIn);
  if (!signedIn) return null;

  return (
    <>
      <Indicator label={count > 99 ? '99+' : count} size={16} offset={6} disabled={count === 0} color="red">
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          onClick={panel.open}
          aria-label={count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell')}
          aria-haspopup="dialog"
          data-testid="notification-bell"
        >
          <FeedIcon name="bell" size={20} />
        </ActionIcon>
      </Indicator>
      <NotificationsPanel opened={opened} onClose={panel.close} unreadCount={count} />
    </>
  );
}
