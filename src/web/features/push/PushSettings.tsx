import { Alert, Paper, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { usePushSubscription } from './usePushSubscription.js';

/** "Notifications on this device": Web Push for direct messages and mentions, per browser. */
export function PushSettings() {
  const { t } = useTranslation();
  const push = usePushSubscription();
  const why: Partial<Record<typeof push.state, string>> = {
    unsupported: t('push.settings.state.unsupported'),
    denied: t('push.settings.state.denied'),
    unavailable: t('push.settings.state.unavailable'),
  };
  const blocked = why[push.state];
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Switch
          label={t('push.settings.label')}
          description={t('push.settings.description')}
          checked={push.state === 'on'}
          disabled={push.busy || push.state === 'loading' || blocked !== undefined}
          onChange={(event) => void (event.currentTarget.checked ? push.enable() : push.disable())}
        />
        {blocked !== undefined ? (
          <Alert color={push.state === 'denied' ? 'yellow' : 'gray'} variant="light">
            <Text size="sm">{blocked}</Text>
          </Alert>
        ) : null}
        <ErrorAlert error={push.error} />
      </Stack>
    </Paper>
  );
}
