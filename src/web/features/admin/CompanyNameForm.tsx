import { Button, Group, Paper, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsLimits } from '../../../shared/api/settings.js';
import { fieldError } from '../../lib/useFormValues.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { useSaveCompany } from './admin.api.js';

/** Renames the company (shown in the header and refused inside passwords). */
export function CompanyNameForm({ name }: { name: string }) {
  const { t } = useTranslation();
  const save = useSaveCompany();
  const [value, setValue] = useState(name);

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(value.trim(), {
      onSuccess: () => notifications.show({ color: 'green', message: t('common.saved') }),
    });
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="company-name-title">
      <Title order={2} size="h4" mb="sm" id="company-name-title">
        {t('admin.company.title')}
      </Title>
      <form onSubmit={submit} noValidate>
        <ErrorAlert error={save.error} />
        <Group align="flex-end" gap="sm" mt="xs">
          <TextInput
            label={t('setup.companyName')}
            value={value}
            onChange={(event) => setValue(event.currentTarget.value)}
            maxLength={settingsLimits.companyName}
            required
            error={fieldError(save.error, 'name')}
            style={{ flex: '1 1 260px' }}
          />
          <Button
            type="submit"
            loading={save.isPending}
            disabled={value.trim() === '' || value.trim() === name}
          >
            {t('common.save')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
