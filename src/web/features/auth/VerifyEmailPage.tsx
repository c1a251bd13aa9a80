import { Alert, Anchor, Button, Stack, Text, Title } from '@mantine/core';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { fieldError, useFormValues } from '../../lib/useFormValues.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { Icon } from '../../ui/Icon.js';
import { PasswordField } from '../../ui/PasswordField.js';
import { useVerifyEmail } from './auth.api.js';

/**
 * Confirms the address from the e-mailed link (`/verify-email?token=`). The person types the
 * password they chose at sign-up: someone who received a link they never asked for cannot
 * activate an account a stranger set up with their address.
 */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  usePageTitle(t('verify.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const verify = useVerifyEmail();
  const form = useFormValues({ password: '' }, ['password']);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.validate()) return;
    verify.mutate({ token, password: form.values.password });
  }

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('verify.title')}
      </Title>
      {!token ? (
        <Alert color="red" variant="light" role="alert">
          {t('verify.noToken')}
        </Alert>
      ) : verify.isSuccess ? (
        <>
          <Alert color="green" variant="light" role="status" icon={<Icon name="check" />}>
            {t('verify.done')}
          </Alert>
          <Button component={Link} to="/sign-in">
            {t('verify.toSignIn')}
          </Button>
        </>
      ) : (
        <form onSubmit={submit} noValidate aria-label={t('verify.title')}>
          <Stack>
            <Text size="sm">{t('verify.intro')}</Text>
            <ErrorAlert error={verify.error} />
            <PasswordField
              label={t('fields.password')}
              autoComplete="current-password"
              value={form.values.password}
              onChange={(value) => form.setField('password', value)}
              error={form.requiredError('password') ?? fieldError(verify.error, 'password')}
            />
            <Button type="submit" loading={verify.isPending} fullWidth>
              {t('verify.submit')}
            </Button>
            <Anchor component={Link} to="/sign-up" size="sm">
              {t('verify.signUpAgain')}
            </Anchor>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
