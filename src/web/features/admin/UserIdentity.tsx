import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { UserSummary } from '../../../shared/api/users.js';
import { UserAvatar } from '../../ui/UserAvatar.js';

/** Avatar, name (a link to the profile) and e-mail of a person in the admin list. */
export function UserIdentity({ user }: { user: UserSummary }) {
  return (
    <Group gap="sm" wrap="nowrap" miw={0}>
      <UserAvatar name={user.name} photoUrl={user.photoUrl} size="sm" />
      <Stack gap={0} miw={0}>
        <Anchor component={Link} to={`/people/${user.id}`} fw={500}>
          {user.name}
        </Anchor>
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {user.email}
        </Text>
      </Stack>
    </Group>
  );
}
