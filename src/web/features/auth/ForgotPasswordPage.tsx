import { Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { authLimits } from '../../../shared/api/auth.js';
import { fieldError, useFormValues } from '../../lib/useFormValues.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { useForgotPassword } from './auth.api.js';
import { CheckEmailNotice } from './CheckEmailNotice.js';

/** Asks for a reset link; the answer is the same whether or not the address exists. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('forgot.title'));
  const forgot = useForgotPassword();
  const form = useFormValues({ email: '' }, ['email']);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.validate()) return;
    forgot.mutate(form.values);
  }

  if (forgot.isSuccess) {
    return (
      <CheckEmailNotice
        title={t('forgot.checkTitle')}
        text={t('forgot.checkText', { email: form.values.email })}
      />
    );
  }

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('forgot.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('forgot.intro')}
      </Text>
      <form onSubmit={submit} noValidate aria-label={t('forgot.title')}>
        <Stack>
          <ErrorAlert error={forgot.error} />
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="email"
            required
            maxLength={authLimits.email}
            value={form.values.email}
            onChange={(event) => form.setField('email', event.currentTarget.value)}
            error={form.requiredError('email') ?? fieldError(forgot.error, 'email')}
          />
          <Button type="submit" loading={forgot.isPending} fullWidth>
            {t('forgot.submit')}
          </Button>
        </Stack>
      </form>
      <Anchor component={Link} to="/sign-in" size="sm" ta="center">
        {t('forgot.back')}
      </Anchor>
    </Stack>
  );
}
