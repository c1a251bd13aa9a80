import { Card, Group, Stack } from '@mantine/core';
import type { UserSummary } from '../../../shared/api/users.js';
import { GuestAccessEnd } from './GuestAccessEnd.js';
import { ActiveToggle, RoleSelect, StatusBadge } from './UserControls.js';
import { UserIdentity } from './UserIdentity.js';
import { useUserAdminRow } from './useUserAdminRow.js';

interface UserCardProps {
  user: UserSummary;
  isSelf: boolean;
}

/** One person in the admin list on a phone: the table's columns stacked in a card. */
export function UserCard({ user, isSelf }: UserCardProps) {
  const row = useUserAdminRow(user);
  return (
    <Card component="li" withBorder padding="sm">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <UserIdentity user={user} />
          <StatusBadge row={row} />
        </Group>
        <Group justify="space-between" gap="xs">
          <RoleSelect user={user} row={row} isSelf={isSelf} />
          <ActiveToggle user={user} row={row} isSelf={isSelf} />
        </Group>
        <GuestAccessEnd user={user} row={row} />
      </Stack>
    </Card>
  );
}
