import { Alert, Button, FileInput, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ImportResult, importLimits } from '../../../shared/api/imports.js';
import { isApiError } from '../../lib/api.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { Icon } from '../../ui/Icon.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { type ImportRequest, useImportUsers } from './admin.api.js';
import { ImportPlan } from './ImportPlan.js';
import { ImportSummary } from './ImportSummary.js';
import { SeedDemoCard } from './SeedDemoCard.js';

type Encoding = ImportRequest['encoding'];

/** CSV import of employees: choose a file, check the dry-run diff, then apply. */
export function AdminImportPage() {
  const { t } = useTranslation();
  const importUsers = useImportUsers();
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [plan, setPlan] = useState<ImportResult | null>(null);
  const [applied, setApplied] = useState<ImportResult | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const guardRefused = isApiError(importUsers.error) && importUsers.error.code === 'IMPORT_MASS_DEACTIVATION';

  function chooseFile(next: File | null) {
    setFile(next);
    setPlan(null);
    setApplied(null);
    importUsers.reset();
    setFileError(next && next.size > importLimits.maxBytes ? t('admin.import.tooLarge') : null);
  }

  function check(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setFileError(t('admin.import.chooseFirst'));
      return;
    }
    if (fileError) return;
    setApplied(null);
    importUsers.mutate({ file, encoding, dryRun: true, force: false }, { onSuccess: setPlan });
  }

  function apply(force: boolean) {
    if (!file) return;
    importUsers.mutate(
      { file, encoding, dryRun: false, force },
      {
        onSuccess: (result) => {
          setApplied(result);
          setPlan(null);
        },
      },
    );
  }

  return (
    <>
      <PageHeader title={t('admin.import.title')} description={t('admin.import.description')} />
      <Stack gap="md">
        <Paper withBorder p="md" component="section" aria-labelledby="import-file-title">
          <Title order={2} size="h4" mb={4} id="import-file-title">
            {t('admin.import.fileTitle')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('admin.import.columnsHint')}
          </Text>
          <form onSubmit={check} noValidate aria-label={t('admin.import.fileTitle')}>
            <Group align="flex-end" gap="sm">
              <FileInput
                label={t('admin.import.file')}
                placeholder={t('admin.import.filePlaceholder')}
                accept=".csv,text/csv,text/plain"
                value={file}
                onChange={chooseFile}
                clearable
                leftSection={<Icon name="upload" size={16} />}
                error={fileError}
                fileInputProps={{ 'aria-label': t('admin.import.file') }}
                style={{ flex: '1 1 260px' }}
                miw={0}
              />
              <Select
                label={t('admin.import.encoding')}
                data={[
                  { value: 'auto', label: t('admin.import.encodingAuto') },
                  { value: 'utf-8', label: 'UTF-8' },
                  { value: 'windows-1251', label: 'Windows-1251' },
                ]}
                value={encoding}
                onChange={(value) => value && setEncoding(value as Encoding)}
                w={{ base: '100%', xs: 280 }}
              />
              <Button
                type="submit"
                loading={importUsers.isPending && !plan}
                variant={plan ? 'default' : 'filled'}
              >
                {t('admin.import.check')}
              </Button>
            </Group>
          </form>
        </Paper>

        {importUsers.error && !guardRefused ? <ErrorAlert error={importUsers.error} /> : null}

        {plan ? (
          <Paper withBorder p="md">
            <ImportPlan
              plan={plan}
              applying={importUsers.isPending}
              guardRefused={guardRefused}
              onApply={apply}
            />
          </Paper>
        ) : null}

        {applied ? (
          <Alert
            color="green"
            variant="light"
            icon={<Icon name="check" />}
            title={t('admin.import.appliedTitle')}
            role="status"
          >
            <ImportSummary summary={applied.summary} />
          </Alert>
        ) : null}

        <SeedDemoCard />
      </Stack>
    </>
  );
}
