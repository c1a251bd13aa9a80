import { Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { authLimits } from '../../../shared/api/auth.js';
import { fieldError, useFormValues } from '../../lib/useFormValues.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PasswordField } from '../../ui/PasswordField.js';
import { useSignUp } from './auth.api.js';
import { CheckEmailNotice } from './CheckEmailNotice.js';
import { useMinPasswordLength } from './useMinPasswordLength.js';

/**
 * Self-registration with a work e-mail. Every allowed address gets the same "check your
 * e-mail" answer; a refused one gets the server's readable reason (REGISTRATION_NOT_ALLOWED).
 */
export function SignUpPage() {
  const { t } = useTranslation();
  usePageTitle(t('signUp.title'));
  const signUp = useSignUp();
  const minLength = useMinPasswordLength();
  const form = useFormValues({ name: '', email: '', password: '' }, ['name', 'email', 'password']);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.validate()) return;
    signUp.mutate(form.values);
  }

  if (signUp.isSuccess) {
    return (
      <CheckEmailNotice
        title={t('signUp.checkTitle')}
        text={t('signUp.checkText', { email: form.values.email })}
      />
    );
  }

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('signUp.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('signUp.intro')}
      </Text>
      <form onSubmit={submit} noValidate aria-label={t('signUp.title')}>
        <Stack>
          <ErrorAlert error={signUp.error} />
          <TextInput
            label={t('fields.name')}
            autoComplete="name"
            required
            maxLength={authLimits.name}
            value={form.values.name}
            onChange={(event) => form.setField('name', event.currentTarget.value)}
            error={form.requiredError('name') ?? fieldError(signUp.error, 'name')}
          />
          <TextInput
            label={t('fields.workEmail')}
            type="email"
            autoComplete="email"
            required
            maxLength={authLimits.email}
            value={form.values.email}
            onChange={(event) => form.setField('email', event.currentTarget.value)}
            error={form.requiredError('email') ?? fieldError(signUp.error, 'email')}
          />
          <PasswordField
            label={t('fields.password')}
            autoComplete="new-password"
            minLength={minLength}
            value={form.values.password}
            onChange={(value) => form.setField('password', value)}
            error={form.requiredError('password') ?? fieldError(signUp.error, 'password')}
          />
          <Button type="submit" loading={signUp.isPending} fullWidth>
            {t('signUp.submit')}
          </Button>
        </Stack>
      </form>
      <Text size="sm" ta="center">
        {t('signUp.haveAccount')}{' '}
        <Anchor component={Link} to="/sign-in">
          {t('signUp.toSignIn')}
        </Anchor>
      </Text>
    </Stack>
  );
}
