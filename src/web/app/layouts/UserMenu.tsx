import { Menu, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSignOut } from '../../features/auth/auth.api.js';
import { useMe } from '../../lib/useMe.js';
import { Icon } from '../../ui/Icon.js';
import { UserAvatar } from '../../ui/UserAvatar.js';

/** The account menu: own profile, password, sessions, sign out. */
export function UserMenu() {
  const { t } = useTranslation();
  const user = useMe().data?.user;
  const signOut = useSignOut();
  if (!user) return null;

  return (
    <Menu position="bottom-end" withinPortal width={220}>
      <Menu.Target>
        <UnstyledButton aria-label={t('nav.accountMenu')} data-testid="account-menu" p={4}>
          <UserAvatar name={user.name} photoUrl={user.photoUrl} size="md" />
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate="end">
            {user.name}
          </Text>
          <Text size="xs" c="dimmed" truncate="end">
            {user.email}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item component={Link} to={`/people/${user.id}`} leftSection={<Icon name="user" size={16} />}>
          {t('nav.myProfile')}
        </Menu.Item>
        <Menu.Item component={Link} to="/me/password" leftSection={<Icon name="edit" size={16} />}>
          {t('nav.changePassword')}
        </Menu.Item>
        <Menu.Item component={Link} to="/me/sessions" leftSection={<Icon name="sessions" size={16} />}>
          {t('nav.sessions')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item leftSection={<Icon name="logout" size={16} />} onClick={() => signOut.mutate()}>
          {t('nav.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
