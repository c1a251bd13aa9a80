import { Button, Center, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useSetupStatus } from '../lib/useSetupStatus.js';
import { ErrorAlert } from '../ui/ErrorAlert.js';
import { PageLoader } from '../ui/PageLoader.js';

/**
 * The root of every route: while the installation has no company yet, every address leads to
 * the setup page; once it has one, the setup page is gone.
 */
export function SetupGate() {
  const { t } = useTranslation();
  const status = useSetupStatus();
  const { pathname } = useLocation();

  if (status.isPending) return <PageLoader />;
  if (status.isError) {
    return (
      <Center mih="100vh" p="md">
        <Stack maw={480}>
          <ErrorAlert error={status.error} title={t('errors.serverUnreachable')} />
          <Button onClick={() => void status.refetch()}>{t('common.retry')}</Button>
        </Stack>
      </Center>
    );
  }
  const onSetup = pathname === '/setup';
  if (status.data.needed && !onSetup) return <Navigate to="/setup" replace />;
  if (!status.data.needed && onSetup) return <Navigate to="/" replace />;
  return <Outlet />;
}
