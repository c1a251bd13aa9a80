import {
  Anchor,
  Box,
  Button,
  Center,
  Container,
  Divider,
  Group,
  Paper,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { authLimits } from '../../../shared/api/auth.js';
import { settingsLimits } from '../../../shared/api/settings.js';
import { isApiError } from '../../lib/api.js';
import { fieldError, useFormValues } from '../../lib/useFormValues.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { LanguageSwitcher } from '../../ui/LanguageSwitcher.js';
import { PasswordField } from '../../ui/PasswordField.js';
import { useMinPasswordLength } from '../auth/useMinPasswordLength.js';
import { useRunSetup } from './setup.api.js';

/** The domain part of an e-mail address, lower-cased, or null. */
function domainOf(email: string): string | null {
  const at = email.lastIndexOf('@');
  const domain =
    at > 0
      ? email
          .slice(at + 1)
          .trim()
          .toLowerCase()
      : '';
  return domain.includes('.') ? domain : null;
}

/** The first run: names the company, its allowed e-mail domains and the first administrator. */
export function SetupPage() {
  const { t } = useTranslation();
  usePageTitle(t('setup.title'));
  const navigate = useNavigate();
  const setup = useRunSetup();
  const minLength = useMinPasswordLength();
  const form = useFormValues(
    { companyName: '', allowedDomains: [] as string[], name: '', email: '', password: '' },
    ['companyName', 'name', 'email', 'password'],
  );
  const { values } = form;
  const suggestedDomain = domainOf(values.email);
  const domainsError = isApiError(setup.error)
    ? setup.error.fieldErrors
        .filter((e) => e.field.startsWith('allowedDomains'))
        .map((e) => {
          const index = Number(e.field.split('.')[1]);
          const domain = Number.isInteger(index) ? values.allowedDomains[index] : undefined;
          return domain ? `${domain}: ${e.message}` : e.message;
        })
        .join(' ')
    : '';

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.validate()) return;
    setup.mutate(
      {
        companyName: values.companyName,
        allowedDomains: values.allowedDomains,
        admin: { name: values.name, email: values.email, password: values.password },
      },
      { onSuccess: () => navigate('/people', { replace: true }) },
    );
  }

  return (
    <Box mih="100vh">
      <Group component="header" justify="space-between" px="md" py="sm">
        <Text fw={700} size="lg" c="brand.8">
          Atrium
        </Text>
        <LanguageSwitcher />
      </Group>
      <Center component="main" px="sm" pb="xl">
        <Container size={560} w="100%" p={0}>
          <Paper withBorder shadow="sm" radius="lg" p={{ base: 'md', xs: 'xl' }}>
            <Stack>
              <div>
                <Title order={1} size="h2">
                  {t('setup.title')}
                </Title>
                <Text c="dimmed" size="sm" mt={4}>
                  {t('setup.intro')}
                </Text>
              </div>
              <form onSubmit={submit} noValidate aria-label={t('setup.title')}>
                <Stack>
                  <ErrorAlert error={setup.error} />
                  <Title order={2} size="h4">
                    {t('setup.companySection')}
                  </Title>
                  <TextInput
                    label={t('setup.companyName')}
                    required
                    maxLength={settingsLimits.companyName}
                    autoComplete="organization"
                    value={values.companyName}
                    onChange={(event) => form.setField('companyName', event.currentTarget.value)}
                    error={form.requiredError('companyName') ?? fieldError(setup.error, 'companyName')}
                  />
                  <div>
                    <TagsInput
                      label={t('fields.allowedDomains')}
                      description={t('setup.domainsHint')}
                      placeholder={values.allowedDomains.length === 0 ? 'example.com' : undefined}
                      value={values.allowedDomains}
                      onChange={(domains) => form.setField('allowedDomains', domains)}
                      splitChars={[',', ' ', ';']}
                      acceptValueOnBlur
                      clearable
                      maxTags={settingsLimits.domains}
                      error={domainsError || undefined}
                    />
                    {suggestedDomain && !values.allowedDomains.includes(suggestedDomain) ? (
                      <Anchor
                        component="button"
                        type="button"
                        size="sm"
                        mt={6}
                        onClick={() =>
                          form.setField('allowedDomains', [...values.allowedDomains, suggestedDomain])
                        }
                      >
                        {t('setup.addDomain', { domain: suggestedDomain })}
                      </Anchor>
                    ) : null}
                  </div>
                  <Divider my="xs" />
                  <Title order={2} size="h4">
                    {t('setup.adminSection')}
                  </Title>
                  <TextInput
                    label={t('fields.name')}
                    required
                    autoComplete="name"
                    maxLength={authLimits.name}
                    value={values.name}
                    onChange={(event) => form.setField('name', event.currentTarget.value)}
                    error={form.requiredError('name') ?? fieldError(setup.error, 'admin.name')}
                  />
                  <TextInput
                    label={t('fields.email')}
                    type="email"
                    required
                    autoComplete="email"
                    maxLength={authLimits.email}
                    value={values.email}
                    onChange={(event) => form.setField('email', event.currentTarget.value)}
                    error={form.requiredError('email') ?? fieldError(setup.error, 'admin.email')}
                  />
                  <PasswordField
                    label={t('fields.password')}
                    autoComplete="new-password"
                    minLength={minLength}
                    value={values.password}
                    onChange={(value) => form.setField('password', value)}
                    error={form.requiredError('password') ?? fieldError(setup.error, 'admin.password')}
                  />
                  <Button type="submit" loading={setup.isPending} size="md" mt="xs">
                    {t('setup.submit')}
                  </Button>
                </Stack>
              </form>
            </Stack>
          </Paper>
        </Container>
      </Center>
    </Box>
  );
}
