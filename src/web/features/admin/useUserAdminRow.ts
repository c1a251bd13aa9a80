import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserRole, UserStatus, UserSummary } from '../../../shared/api/users.js';
import { useUserAdminActions } from '../people/people.api.js';

/**
 * The state of one person in the admin list: role and status as the server last answered,
 * and the actions that change them (errors become notifications naming the person).
 */
export function useUserAdminRow(user: UserSummary) {
  const { t } = useTranslation();
  const actions = useUserAdminActions();
  const [role, setRole] = useState<UserRole>(user.role);
  const [status, setStatus] = useState<UserStatus>(user.status);
  const onError = (error: Error) =>
    notifications.show({ color: 'red', title: user.name, message: error.message });

  function changeRole(next: UserRole) {
    if (next === role) return;
    actions.changeRole.mutate(
      { id: user.id, role: next },
      {
        onSuccess: (profile) => {
          setRole(profile.role);
          notifications.show({ color: 'green', message: t('admin.users.roleChanged', { name: user.name }) });
        },
        onError,
      },
    );
  }

  function toggleActive() {
    const mutation = status === 'deactivated' ? actions.reactivate : actions.deactivate;
    mutation.mutate(user.id, { onSuccess: (profile) => setStatus(profile.status), onError });
  }

  return {
    role,
    status,
    changeRole,
    toggleActive,
    roleBusy: actions.changeRole.isPending,
    statusBusy: actions.deactivate.isPending || actions.reactivate.isPending,
  };
}
