import { NavLink, Stack } from '@mantine/core';
import { lazy, type ReactElement, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ChatsIcon } from '../../features/chats/ChatsIcon.js';
import { FilesIcon } from '../../features/files/FilesIcon.js';
import { GroupsIcon } from '../../features/groups/GroupsIcon.js';
import { ModerationIcon } from '../../features/moderation/ModerationIcon.js';
import { useCanModerate } from '../../features/moderation/moderation.api.js';
import { FeedIcon } from '../../features/posts/FeedIcon.js';
import { useMe } from '../../lib/useMe.js';
import { Icon, type IconName } from '../../ui/Icon.js';

// Loaded after the shell, like the notification bell: it brings the realtime client (zod schemas).
const ChatsNavBadge = lazy(() =>
  import('../../features/chats/ChatsLive.js').then((m) => ({ default: m.ChatsNavBadge })),
);

interface Item {
  to: string;
  label: string;
  /** A `ui/Icon` name, or a feature's own icon element. */
  icon: IconName | ReactElement;
  /** Shown at the end of the entry (a count). */
  badge?: ReactElement;
}

/**
 * The main sections; Moderation for those who moderate something, Admin only for administrators;
 * guests only their groups and files.
 */
export function MainNavigation() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const me = useMe().data;
  const canModerate = useCanModerate();
  // Guests (issue 4) see only what they may use: their groups and files (no feed, directory, org chart).
  const isGuest = me?.user.role === 'guest';
  const items: Item[] = [
    ...(isGuest
      ? []
      : [
          { to: '/', label: t('feed.navLabel'), icon: <FeedIcon name="home" /> },
          { to: '/people', label: t('nav.people'), icon: 'people' as const },
          { to: '/org', label: t('nav.org'), icon: 'org' as const },
        ]),
    { to: '/groups', label: t('groups.navLabel'), icon: <GroupsIcon /> },
    {
      to: '/chats',
      label: t('chats.navLabel'),
      icon: <ChatsIcon name="chat" />,
      badge: (
        <Suspense fallback={null}>
          <ChatsNavBadge />
        </Suspense>
      ),
    },
    // A guest has no library of their own: what is shared with them (their groups' files are in the groups).
    {
      to: isGuest ? '/files/shared' : '/files',
      label: t('files.navLabel'),
      icon: <FilesIcon name="files" />,
    },
    ...(canModerate
      ? [{ to: '/moderation', label: t('moderation.navLabel'), icon: <ModerationIcon /> }]
      : []),
    ...(me?.user.role === 'admin' ? [{ to: '/admin', label: t('nav.admin'), icon: 'admin' as const }] : []),
  ];
  return (
    <Stack gap={4}>
      {items.map((item) => {
        const active = pathname === item.to || pathname.startsWith(`${item.to}/`);
        return (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            leftSection={typeof item.icon === 'string' ? <Icon name={item.icon} /> : item.icon}
            rightSection={item.badge}
            active={active}
            aria-current={active ? 'page' : undefined}
            variant="light"
          />
        );
      })}
    </Stack>
  );
}
