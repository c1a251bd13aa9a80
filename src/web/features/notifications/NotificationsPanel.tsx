import { Anchor, Button, Center, Drawer, Group, SegmentedControl, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyNotice } from '../../ui/EmptyNotice.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { FeedIcon } from '../posts/FeedIcon.js';
import { NotificationItem } from './NotificationItem.js';
import { useMarkAllRead, useNotifications } from './notifications.api.js';

interface NotificationsPanelProps {
  opened: boolean;
  onClose: () => void;
  unreadCount: number;
}

/** The drawer of notifications: all or unread, mark all read, settings. */
export function NotificationsPanel({ opened, onClose, unreadCount }: NotificationsPanelProps) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const list = useNotifications(filter === 'unread', opened);
  const markAll = useMarkAllRead();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="md"
      title={t('notifications.title')}
      closeButtonProps={{ 'aria-label': t('notifications.close') }}
    >
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <SegmentedControl
            size="xs"
            value={filter}
            onChange={(value) => setFilter(value === 'unread' ? 'unread' : 'all')}
            data={[
              { value: 'all', label: t('notifications.all') },
              { value: 'unread', label: t('notifications.unread', { count: unreadCount }) },
            ]}
            aria-label={t('notifications.filter')}
          />
          <Button
            variant="subtle"
            size="compact-sm"
            disabled={unreadCount === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate()}
          >
            {t('notifications.markAllRead')}
          </Button>
        </Group>
        <ErrorAlert error={list.error ?? markAll.error} />
        {list.isPending ? <PageLoader /> : null}
        {list.isSuccess && items.length === 0 ? (
          <EmptyNotice
            text={filter === 'unread' ? t('notifications.noneUnread') : t('notifications.empty')}
          />
        ) : null}
        <Stack
          gap={4}
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('notifications.title')}
        >
          {items.map((notification) => (
            <li key={notification.id}>
              <NotificationItem notification={notification} onOpen={onClose} />
            </li>
          ))}
        </Stack>
        {list.hasNextPage ? (
          <Center>
            <Button
              variant="default"
              onClick={() => void list.fetchNextPage()}
              loading={list.isFetchingNextPage}
            >
              {t('common.loadMore')}
            </Button>
          </Center>
        ) : null}
        <Anchor component={Link} to="/settings/notifications" size="sm" onClick={onClose}>
          <FeedIcon name="settings" size={14} /> {t('notifications.settingsLink')}
        </Anchor>
      </Stack>
    </Drawer>
  );
}
