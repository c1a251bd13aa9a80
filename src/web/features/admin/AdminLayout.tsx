import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';

/** The administration area: a row of section links above the section's page. */
export function AdminLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const sections = [
    { to: '/admin/users', label: t('admin.nav.users') },
    { to: '/admin/departments', label: t('admin.nav.departments') },
    { to: '/admin/domains', label: t('admin.nav.domains') },
    { to: '/admin/password-policy', label: t('admin.nav.passwordPolicy') },
    { to: '/admin/files', label: t('admin.nav.files') },
    { to: '/admin/stickers', label: t('stickers.admin.navLabel') },
    { to: '/admin/import', label: t('admin.nav.import') },
    { to: '/admin/banners', label: t('moderation.banners.navLabel') },
    { to: '/admin/topics', label: t('topics.admin.navLabel') },
  ];
  return (
    <>
      {/* The links wrap on narrow screens: every section stays visible, none hides off-screen. */}
      <nav aria-label={t('admin.nav.label')}>
        <Group gap={6} wrap="wrap" mb="lg">
          {sections.map((section) => {
            const active = pathname === section.to;
            return (
              <Button
                key={section.to}
                component={Link}
                to={section.to}
                variant={active ? 'light' : 'subtle'}
                color={active ? undefined : 'gray'}
                aria-current={active ? 'page' : undefined}
                size="sm"
              >
                {section.label}
              </Button>
            );
          })}
        </Group>
      </nav>
      <Outlet />
    </>
  );
}
