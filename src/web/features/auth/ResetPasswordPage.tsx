import { Alert, Anchor, Button, Stack, Title } from '@mantine/core';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../lib/api.js';
import { fieldError, useFormValues } from '../../lib/useFormValues.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { Icon } from '../../ui/Icon.js';
import { useResetPassword } from './auth.api.js';
import { NewPasswordFields, passwordsDiffer } from './NewPasswordFields.js';
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

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.validate() || passwordsDiffer(form.values.password, form.values.confirm)) return;
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
          <NewPasswordFields
            password={form.values.password}
            confirm={form.values.confirm}
            onPasswordChange={(value) => form.setField('password', value)}
            onConfirmChange={(value) => form.setField('confirm', value)}
            minLength={minLength}
            passwordError={form.requiredError('password') ?? fieldError(reset.error, 'password')}
            confirmRequiredError={form.requiredError('confirm')}
          />
          <Button type="submit" loading={reset.isPending} fullWidth>
            {t('reset.submit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
