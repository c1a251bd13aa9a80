import { Stack, Table } from '@mantine/core';
import type { UserSummary } from '../../../shared/api/users.js';
import { GuestAccessEnd } from './GuestAccessEnd.js';
import { ActiveToggle, RoleSelect, StatusBadge } from './UserControls.js';
import { UserIdentity } from './UserIdentity.js';
import { useUserAdminRow } from './useUserAdminRow.js';

interface UserRowProps {
  user: UserSummary;
  isSelf: boolean;
}

/** One person in the admin table (wide screens). */
export function UserRow({ user, isSelf }: UserRowProps) {
  const row = useUserAdminRow(user);
  return (
    <Table.Tr>
      <Table.Td>
        <UserIdentity user={user} />
      </Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <RoleSelect user={user} row={row} isSelf={isSelf} />
          <GuestAccessEnd user={user} row={row} />
        </Stack>
      </Table.Td>
      <Table.Td>
        <StatusBadge row={row} />
      </Table.Td>
      <Table.Td>
        <ActiveToggle user={user} row={row} isSelf={isSelf} />
      </Table.Td>
    </Table.Tr>
  );
}
