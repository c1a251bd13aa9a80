import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { UserProfile } from '../../../shared/api/users.js';
import { useUserAdminActions } from './people.api.js';

/** Deactivate or reactivate from the person's page, when the viewer's abilities allow it. */
export function PersonAdminActions({ profile }: { profile: UserProfile }) {
  const { t } = useTranslation();
  const { deactivate, reactivate } = useUserAdminActions();
  const onError = (error: Error) => notifications.show({ color: 'red', message: error.message });
  if (profile.abilities.reactivate) {
    return (
      <Button
        variant="light"
        color="green"
        loading={reactivate.isPending}
        onClick={() => reactivate.mutate(profile.id, { onError })}
      >
        {t('admin.users.reactivate')}
      </Button>
    );
  }
  if (profile.abilities.deactivate) {
    return (
      <Button
        variant="subtle"
        color="red"
        loading={deactivate.isPending}
        onClick={() => deactivate.mutate(profile.id, { onError })}
      >
        {t('admin.users.deactivate')}
      </Button>
    );
  }
  return null;
}
