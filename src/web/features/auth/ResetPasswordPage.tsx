import { Alert, Anchor, Button, Stack, Title } from '@mantine/core';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../lib/api.js';
import { fieldError, useFormValues } from '../../lib/useFormValues.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { Icon } from '../../ui/Icon.js';
import { PasswordField } from '../../ui/PasswordField.js';
import { useResetPassword } from './auth.api.js';
import { useMinPasswordLength } from './useMinPasswordLength.js';

/** Sets a new password from the e-mailed link (`/reset-password?token=`). */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('reset.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const reset = useResetPassword();
  const minLength = useMinPasswordLength();
  const form = useFormValues({ password: '', confirm: '' }, ['password', 'confirm']);
  const mismatch =
    form.values.confirm !== '' && form.values.confirm !== form.values.password
      ? t('reset.mismatch')
      : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.validate() || mismatch) return;
    reset.mutate({ token, password: form.values.password });
  }

  if (!token) {
    return (
      <Stack>
        <Title order={1} size="h2">
          {t('reset.title')}
        </Title>
        <Alert color="red" variant="light" role="alert">
          {t('reset.noToken')}
        </Alert>
        <Anchor component={Link} to="/forgot-password" size="sm">
          {t('reset.requestNew')}
        </Anchor>
      </Stack>
    );
  }

  if (reset.isSuccess) {
    return (
      <Stack>
        <Title order={1} size="h2">
          {t('reset.doneTitle')}
        </Title>
        <Alert color="green" variant="light" role="status" icon={<Icon name="check" />}>
          {t('reset.doneText')}
        </Alert>
        <Button component={Link} to="/sign-in">
          {t('reset.toSignIn')}
        </Button>
      </Stack>
    );
  }

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('reset.title')}
      </Title>
      <form onSubmit={submit} noValidate aria-label={t('reset.title')}>
        <Stack>
          <ErrorAlert error={reset.error} />
          {isApiError(reset.error) && reset.error.code === 'TOKEN_INVALID' ? (
            <Anchor component={Link} to="/forgot-password" size="sm">
              {t('reset.requestNew')}
            </Anchor>
          ) : null}
          <PasswordField
            label={t('fields.newPassword')}
            autoComplete="new-password"
            minLength={minLength}
            value={form.values.password}
            onChange={(value) => form.setField('password', value)}
            error={form.requiredError('password') ?? fieldError(reset.error, 'password')}
          />
          <PasswordField
            label={t('fields.confirmPassword')}
            autoComplete="new-password"
            value={form.values.confirm}
            onChange={(value) => form.setField('confirm', value)}
            error={form.requiredError('confirm') ?? mismatch}
          />
          <Button type="submit" loading={reset.isPending} fullWidth>
            {t('reset.submit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
