import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../shared/api/imports.js';

/** The counts of an import plan or result as badges. */
export function ImportSummary({ summary }: { summary: ImportResult['summary'] }) {
  const { t } = useTranslation();
  const items = [
    {
      key: 'creates',
      count: summary.creates,
      color: 'green',
      label: t('admin.import.creates', { count: summary.creates }),
    },
    {
      key: 'updates',
      count: summary.updates,
      color: 'blue',
      label: t('admin.import.updates', { count: summary.updates }),
    },
    {
      key: 'deactivations',
      count: summary.deactivations,
      color: 'red',
      label: t('admin.import.deactivations', { count: summary.deactivations }),
    },
    {
      key: 'reactivations',
      count: summary.reactivations,
      color: 'teal',
      label: t('admin.import.reactivations', { count: summary.reactivations }),
    },
    {
      key: 'unchanged',
      count: summary.unchanged,
      color: 'gray',
      label: t('admin.import.unchanged', { count: summary.unchanged }),
    },
    {
      key: 'departments',
      count: summary.departmentsCreated,
      color: 'grape',
      label: t('admin.import.departmentsCreated', { count: summary.departmentsCreated }),
    },
    {
      key: 'errors',
      count: summary.errors,
      color: 'red',
      label: t('admin.import.errors', { count: summary.errors }),
    },
    {
      key: 'warnings',
      count: summary.warnings,
      color: 'yellow',
      label: t('admin.import.warnings', { count: summary.warnings }),
    },
  ];
  return (
    <Group gap={6} data-testid="import-summary">
      {items.map((item) => (
        <Badge key={item.key} color={item.color} variant={item.count > 0 ? 'light' : 'outline'} size="lg">
          {item.label}
        </Badge>
      ))}
    </Group>
  );
}
