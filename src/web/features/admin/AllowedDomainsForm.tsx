import { Button, Paper, Stack, TagsInput, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsLimits } from '../../../shared/api/settings.js';
import { isApiError } from '../../lib/api.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { useSaveAllowedDomains } from './admin.api.js';

/** The e-mail domains whose addresses may register without being in the directory. */
export function AllowedDomainsForm({ domains }: { domains: string[] }) {
  const { t } = useTranslation();
  const save = useSaveAllowedDomains();
  const [value, setValue] = useState(domains);
  const domainErrors = isApiError(save.error)
    ? save.error.fieldErrors
        .filter((e) => e.field.startsWith('domains'))
        .map((e) => {
          const domain = value[Number(e.field.split('.')[1])];
          return domain ? `${domain}: ${e.message}` : e.message;
        })
        .join(' ')
    : '';

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(value, {
      onSuccess: (saved) => {
        setValue(saved.domains);
        notifications.show({ color: 'green', message: t('common.saved') });
      },
    });
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="domains-title">
      <Title order={2} size="h4" mb={4} id="domains-title">
        {t('admin.domains.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('admin.domains.description')}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={save.error} />
          <TagsInput
            label={t('fields.allowedDomains')}
            description={t('setup.domainsHint')}
            value={value}
            onChange={setValue}
            splitChars={[',', ' ', ';']}
            acceptValueOnBlur
            clearable
            maxTags={settingsLimits.domains}
            error={domainErrors || undefined}
          />
          {value.length === 0 ? (
            <Text size="sm" c="orange.8">
              {t('admin.domains.noneWarning')}
            </Text>
          ) : null}
          <Button type="submit" loading={save.isPending} w="fit-content">
            {t('common.save')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
