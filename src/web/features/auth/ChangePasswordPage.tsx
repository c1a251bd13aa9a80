import { Alert, Button, Checkbox, Paper, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { fieldError, useFormValues } from '../../lib/useFormValues.js';
import { useMe } from '../../lib/useMe.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { PasswordField } from '../../ui/PasswordField.js';
import { renewPushSubscription } from '../push/usePushSubscription.js';
import { useChangePassword } from './auth.api.js';
import { NewPasswordFields, passwordsDiffer } from './NewPasswordFields.js';
import { useMinPasswordLength } from './useMinPasswordLength.js';

/** Changes the signed-in person's password; also where an expired password sends them. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const expired = useMe().data?.user.mustChangePassword === true;
  const change = useChangePassword();
  const minLength = useMinPasswordLength();
  const form = useFormValues(
    { currentPassword: '', newPassword: '', confirm: '', logoutOtherSessions: true },
    ['currentPassword', 'newPassword', 'confirm'],
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.validate() || passwordsDiffer(form.values.newPassword, form.values.confirm)) return;
    const { confirm: _confirm, ...body } = form.values;
    change.mutate(body, {
      onSuccess: () => {
        // The change ended this browser's session and opened a new one: push goes with the new.
        renewPushSubscription();
        notifications.show({ message: t('changePassword.done'), color: 'green' });
        navigate('/people');
      },
    });
  }

  return (
    <>
      <PageHeader title={t('changePassword.title')} />
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} maw={520}>
        <form onSubmit={submit} noValidate aria-label={t('changePassword.title')}>
          <Stack>
            {expired ? (
              <Alert color="orange" variant="light" role="alert">
                {t('changePassword.expired')}
              </Alert>
            ) : null}
            <ErrorAlert error={change.error} />
            <PasswordField
              label={t('fields.currentPassword')}
              autoComplete="current-password"
              value={form.values.currentPassword}
              onChange={(value) => form.setField('currentPassword', value)}
              error={form.requiredError('currentPassword') ?? fieldError(change.error, 'currentPassword')}
            />
            <NewPasswordFields
              password={form.values.newPassword}
              confirm={form.values.confirm}
              onPasswordChange={(value) => form.setField('newPassword', value)}
              onConfirmChange={(value) => form.setField('confirm', value)}
              minLength={minLength}
              passwordError={form.requiredError('newPassword') ?? fieldError(change.error, 'newPassword')}
              confirmRequiredError={form.requiredError('confirm')}
            />
            <Checkbox
              label={t('changePassword.logoutOthers')}
              checked={form.values.logoutOtherSessions}
              onChange={(event) => form.setField('logoutOtherSessions', event.currentTarget.checked)}
            />
            <Button type="submit" loading={change.isPending} w="fit-content">
              {t('changePassword.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
