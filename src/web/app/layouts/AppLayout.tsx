import { AppShell, Burger, Group, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useRenewPushSubscription } from '../../features/push/usePushSubscription.js';
import { useMe } from '../../lib/useMe.js';
import { useCompanyName } from '../../lib/useSetupStatus.js';
import { LanguageSwitcher } from '../../ui/LanguageSwitcher.js';
import { HeaderSearch } from './HeaderSearch.js';
import { MainNavigation } from './MainNavigation.js';
import { SkipLink } from './SkipLink.js';
import { UserMenu } from './UserMenu.js';

// Loaded after the shell: it brings the realtime client, whose shared contracts build zod
// schemas, which must not happen before main.tsx has switched zod to jitless (CSP).
const NotificationBell = lazy(() =>
  import('../../features/notifications/NotificationBell.js').then((m) => ({ default: m.NotificationBell })),
);

/**
 * The shell around every signed-in page: header (company, people search, language, notifications,
 * account) and the main navigation, which folds into a burger menu on narrow screens.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const location = useLocation();
  const companyName = useCompanyName();
  // Guests (issue 4) cannot search the directory.
  const me = useMe().data;
  const isGuest = me?.user.role === 'guest';
  useRenewPushSubscription(me?.user.id);

  // A tap on a navigation link on a phone should also close the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation by design.
  useEffect(() => close(), [location.pathname, close]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <SkipLink target="main-content" />
      <AppShell.Header>
        <Group h="100%" px="md" gap="sm" wrap="nowrap" justify="space-between">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <UnstyledButton component={Link} to="/" miw={0}>
              <Text fw={700} size="lg" truncate="end" c="brand.8">
                {companyName ?? 'Atrium'}
              </Text>
            </UnstyledButton>
          </Group>
          {wide && !isGuest ? <HeaderSearch /> : null}
          <Group gap={4} wrap="nowrap">
            <LanguageSwitcher />
            <Suspense fallback={null}>
              <NotificationBell />
            </Suspense>
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" id="main-navigation" aria-label={t('nav.label')}>
        {wide || isGuest ? null : <HeaderSearch />}
        <MainNavigation />
      </AppShell.Navbar>
      <AppShell.Main id="main-content" tabIndex={-1} style={{ outline: 'none' }}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
