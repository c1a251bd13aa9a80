import { Anchor, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { authLimits } from '../../../shared/api/auth.js';
import { fieldError, useFormValues } from '../../lib/useFormValues.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PasswordField } from '../../ui/PasswordField.js';
import { useSignIn } from './auth.api.js';

/** Sign in with e-mail and password; returns to the page that asked for it. */
export function SignInPage() {
  const { t } = useTranslation();
  usePageTitle(t('signIn.title'));
  const signIn = useSignIn();
  const form = useFormValues({ email: '', password: '' }, ['email', 'password']);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.validate()) return;
    // Once the session is stored, GuestOnly takes the person on to `?next=`.
    signIn.mutate(form.values);
  }

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('signIn.title')}
      </Title>
      <form onSubmit={submit} noValidate aria-label={t('signIn.title')}>
        <Stack>
          <ErrorAlert error={signIn.error} />
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="username"
            required
            maxLength={authLimits.email}
            value={form.values.email}
            onChange={(event) => form.setField('email', event.currentTarget.value)}
            error={form.requiredError('email') ?? fieldError(signIn.error, 'email')}
          />
          <PasswordField
            label={t('fields.password')}
            autoComplete="current-password"
            value={form.values.password}
            onChange={(value) => form.setField('password', value)}
            error={form.requiredError('password') ?? fieldError(signIn.error, 'password')}
          />
          <Group justify="flex-end">
            <Anchor component={Link} to="/forgot-password" size="sm">
              {t('signIn.forgot')}
            </Anchor>
          </Group>
          <Button type="submit" loading={signIn.isPending} fullWidth>
            {t('signIn.submit')}
          </Button>
        </Stack>
      </form>
      <Text size="sm" ta="center">
        {t('signIn.noAccount')}{' '}
        <Anchor component={Link} to="/sign-up">
          {t('signIn.toSignUp')}
        </Anchor>
      </Text>
    </Stack>
  );
}
