import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserProfile, UserRole, UserStatus, UserSummary } from '../../../shared/api/users.js';
import { useFormatters } from '../../lib/useFormatters.js';
import { useUserAdminActions } from '../people/people.api.js';
import { useSetGuestAccessEnd } from './admin.api.js';

/**
 * The state of one person in the admin list: role, status and a guest's access end as the
 * server last answered, and the actions that change them (errors become notifications naming
 * the person).
 */
export function useUserAdminRow(user: UserSummary) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const actions = useUserAdminActions();
  const setAccess = useSetGuestAccessEnd();
  const [role, setRole] = useState<UserRole>(user.role);
  const [status, setStatus] = useState<UserStatus>(user.status);
  const [accessExpiresAt, setAccessExpiresAt] = useState<string | null>(user.accessExpiresAt);
  const onError = (error: Error) =>
    notifications.show({ color: 'red', title: user.name, message: error.message });
  const follow = (profile: UserProfile) => {
    setRole(profile.role);
    setStatus(profile.status);
    setAccessExpiresAt(profile.accessExpiresAt);
  };

  function changeRole(next: UserRole) {
    if (next === role) return;
    actions.changeRole.mutate(
      { id: user.id, role: next },
      {
        onSuccess: (profile) => {
          follow(profile);
          notifications.show({ color: 'green', message: t('admin.users.roleChanged', { name: user.name }) });
        },
        onError,
      },
    );
  }

  function toggleActive() {
    const mutation = status === 'deactivated' ? actions.reactivate : actions.deactivate;
    mutation.mutate(user.id, { onSuccess: follow, onError });
  }

  /** Moves a guest's access end; resolves whether it was saved (the error is shown by the form). */
  async function changeAccessEnd(iso: string): Promise<boolean> {
    try {
      const profile = await setAccess.mutateAsync({ id: user.id, accessExpiresAt: iso });
      follow(profile);
      if (profile.accessExpiresAt) {
        notifications.show({
          color: 'green',
          message: t('admin.users.accessChanged', {
            name: user.name,
            date: dateTime(profile.accessExpiresAt),
          }),
        });
      }
      return true;
    } catch {
      return false;
    }
  }

  return {
    role,
    status,
    accessExpiresAt,
    changeRole,
    toggleActive,
    changeAccessEnd,
    accessError: setAccess.error,
    resetAccessError: setAccess.reset,
    roleBusy: actions.changeRole.isPending,
    statusBusy: actions.deactivate.isPending || actions.reactivate.isPending,
    accessBusy: setAccess.isPending,
  };
}
