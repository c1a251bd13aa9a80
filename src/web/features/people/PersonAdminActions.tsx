import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { UserProfile } from '../../../shared/api/users.js';
import { useUserAdminActions } from './people.api.js';

/**
 * Deactivate or reactivate from the person's page, and sign them out everywhere, when the
 * viewer's abilities allow it.
 */
export function PersonAdminActions({ profile }: { profile: UserProfile }) {
  const { t } = useTranslation();
  const { deactivate, reactivate, endSessions } = useUserAdminActions();
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
      <Group gap="xs">
        <Button
          variant="subtle"
          color="gray"
          loading={endSessions.isPending}
          onClick={() =>
            endSessions.mutate(profile.id, {
              onError,
              onSuccess: ({ ended }) =>
                notifications.show({
                  message: t('admin.users.sessionsEnded', { count: ended, name: profile.name }),
                }),
            })
          }
        >
          {t('admin.users.endSessions')}
        </Button>
        <Button
          variant="subtle"
          color="red"
          loading={deactivate.isPending}
          onClick={() => deactivate.mutate(profile.id, { onError })}
        >
          {t('admin.users.deactivate')}
        </Button>
      </Group>
    );
  }
  return null;
}
