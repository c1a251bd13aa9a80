import { NavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useMe } from '../../lib/useMe.js';
import { Icon, type IconName } from '../../ui/Icon.js';

interface Item {
  to: string;
  label: string;
  icon: IconName;
}

/** The main sections; Admin only for administrators. */
export function MainNavigation() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const me = useMe().data;
  const items: Item[] = [
    { to: '/people', label: t('nav.people'), icon: 'people' },
    { to: '/org', label: t('nav.org'), icon: 'org' },
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
            leftSection={<Icon name={item.icon} />}
            active={active}
            aria-current={active ? 'page' : undefined}
            variant="light"
          />
        );
      })}
    </Stack>
  );
}
