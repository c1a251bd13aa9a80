import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FileSettings, type FileSettingsResponse, fileLimits } from '../../../shared/api/files.js';
import { api } from '../../lib/api.js';
import { fieldError } from '../../lib/useFormValues.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { PageLoader } from '../../ui/PageLoader.js';

const settingsKey = ['admin', 'file-settings'] as const;

/** Document libraries: the largest file anyone may upload and how much each person may store. */
export function AdminFilesPage() {
  const { t } = useTranslation();
  const settings = useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => api.get<FileSettingsResponse>('/settings/files', { signal }),
  });
  return (
    <>
      <PageHeader title={t('admin.files.title')} description={t('admin.files.description')} />
      {settings.isPending ? <PageLoader /> : null}
      <ErrorAlert error={settings.error} />
      {settings.data ? <FileSettingsForm response={settings.data} /> : null}
    </>
  );
}

function FileSettingsForm({ response }: { response: FileSettingsResponse }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<FileSettings>(response.settings);
  const save = useMutation({
    mutationFn: (body: FileSettings) => api.put<FileSettingsResponse>('/settings/files', { body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKey, saved);
      void queryClient.invalidateQueries({ queryKey: ['files'] });
      setValues(saved.settings);
      notifications.show({ color: 'green', message: t('common.saved') });
    },
  });

  function field(name: keyof FileSettings, label: string, max: number) {
    return (
      <NumberInput
        label={label}
        description={t('admin.files.defaultMb', { mb: response.defaults[name] })}
        suffix={` ${t('admin.files.mb')}`}
        min={1}
        max={max}
        clampBehavior="strict"
        allowDecimal={false}
        allowNegative={false}
        thousandSeparator=" "
        value={values[name]}
        onChange={(value) => setValues({ ...values, [name]: typeof value === 'number' ? value : 1 })}
        error={fieldError(save.error, name)}
      />
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(values);
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t('admin.files.title')}>
      <Stack gap="md" maw={820}>
        <ErrorAlert error={save.error} />
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {field('maxFileMb', t('admin.files.maxFileMb'), fileLimits.maxFileMbCeiling)}
            {field('quotaMb', t('admin.files.quotaMb'), fileLimits.quotaMbCeiling)}
          </SimpleGrid>
          <Text size="sm" c="dimmed" mt="sm">
            {t('admin.files.proxyHint')}
          </Text>
        </Paper>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
