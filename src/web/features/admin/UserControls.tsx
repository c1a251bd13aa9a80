import { Badge, Button, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type UserRole, type UserSummary, userRoles } from '../../../shared/api/users.js';
import type { useUserAdminRow } from './useUserAdminRow.js';

type RowState = ReturnType<typeof useUserAdminRow>;

interface ControlProps {
  user: UserSummary;
  row: RowState;
  isSelf: boolean;
}

/** The role select of a person in the admin list (not for oneself). */
export function RoleSelect({ user, row, isSelf }: ControlProps) {
  const { t } = useTranslation();
  return (
    <Select
      aria-label={t('admin.users.roleOf', { name: user.name })}
      data={userRoles.map((value) => ({ value, label: t(`roles.${value}`) }))}
      value={row.role}
      onChange={(next) => next && row.changeRole(next as UserRole)}
      disabled={isSelf || row.status === 'deactivated' || row.roleBusy}
      w={170}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** The account status as a badge. */
export function StatusBadge({ row }: { row: RowState }) {
  const { t } = useTranslation();
  const color = row.status === 'deactivated' ? 'red' : row.status === 'pending' ? 'gray' : 'green';
  return (
    // Never squeezed to an ellipsis beside a long name: the status is the point of the badge.
    <Badge color={color} variant="light" style={{ flexShrink: 0 }}>
      {t(`status.${row.status}`)}
    </Badge>
  );
}

/** Deactivate or reactivate; for oneself, a note instead. */
export function ActiveToggle({ user, row, isSelf }: ControlProps) {
  const { t } = useTranslation();
  if (isSelf) {
    return (
      <Text size="sm" c="dimmed">
        {t('admin.users.you')}
      </Text>
    );
  }
  const deactivated = row.status === 'deactivated';
  return (
    <Button
      size="xs"
      variant="light"
      color={deactivated ? 'green' : 'red'}
      onClick={row.toggleActive}
      loading={row.statusBusy}
      aria-label={t(deactivated ? 'admin.users.reactivateNamed' : 'admin.users.deactivateNamed', {
        name: user.name,
      })}
    >
      {deactivated ? t('admin.users.reactivate') : t('admin.users.deactivate')}
    </Button>
  );
}
