import { Paper, Stack, Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { notificationTypes } from '../../../shared/api/notification-types.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { PushSettings } from '../push/PushSettings.js';
import { useNotificationSettings, useUpdateNotificationSettings } from './notifications.api.js';

/** `/settings/notifications`: one switch per kind of notification, saved as it is flipped. */
export function NotificationSettingsPage() {
  const { t } = useTranslation();
  const settings = useNotificationSettings();
  const update = useUpdateNotificationSettings();
  return (
    <Stack gap="md" maw={640}>
      <PageHeader
        title={t('notifications.settings.title')}
        description={t('notifications.settings.description')}
      />
      <PushSettings />
      <ErrorAlert error={settings.error ?? update.error} />
      {settings.isPending ? <PageLoader /> : null}
      {settings.data ? (
        <Paper withBorder p="md">
          <Stack gap="md">
            {notificationTypes.map((type) => (
              <Switch
                key={type}
                label={t(`notifications.settings.types.${type}`)}
                description={t(`notifications.settings.hints.${type}`)}
                checked={settings.data[type] ?? true}
                disabled={update.isPending && update.variables?.[type] !== undefined}
                onChange={(event) => update.mutate({ [type]: event.currentTarget.checked })}
              />
            ))}
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}
