import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api.js';
import { Icon } from './Icon.js';

interface ErrorAlertProps {
  error: unknown;
  title?: string;
}

/**
 * Shows a failed request the way the server explained it: the localised `detail`, and the
 * request id for support when the fault was on the server's side. Forms show per-field
 * messages under their inputs; this shows the request-wide one.
 */
export function ErrorAlert({ error, title }: ErrorAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = error instanceof Error ? error.message : t('errors.unexpected');
  const requestId = error instanceof ApiError && error.status >= 500 ? error.requestId : undefined;
  return (
    <Alert color="red" variant="light" role="alert" icon={<Icon name="warning" />} title={title}>
      {message}
      {requestId ? ` ${t('errors.requestId', { id: requestId })}` : null}
    </Alert>
  );
}
