import { Table, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportIssue, ImportResult } from '../../../shared/api/imports.js';

type PersonRef = ImportResult['creates'][number];

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.join(', ');
  return JSON.stringify(value);
}

function PeopleTable({ rows, label }: { rows: PersonRef[]; label: string }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table striped aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>{t('admin.import.line')}</Table.Th>
            <Table.Th>{t('fields.name')}</Table.Th>
            <Table.Th>{t('fields.email')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={`${row.email}-${row.line ?? 'absent'}`}>
              <Table.Td>{row.line ?? '—'}</Table.Td>
              <Table.Td>{row.name}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{row.email}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function UpdatesTable({ rows, label }: { rows: ImportResult['updates']; label: string }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>{t('admin.import.line')}</Table.Th>
            <Table.Th>{t('fields.name')}</Table.Th>
            <Table.Th>{t('admin.import.changes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={`${row.email}-${row.line ?? 'absent'}`}>
              <Table.Td>{row.line ?? '—'}</Table.Td>
              <Table.Td>
                {row.name}
                <Text size="xs" c="dimmed">
                  {row.email}
                </Text>
              </Table.Td>
              <Table.Td>
                {row.changes.map((change) => (
                  <Text size="sm" key={change.field} style={{ overflowWrap: 'anywhere' }}>
                    <Text span fw={600} size="sm">
                      {change.field}:
                    </Text>{' '}
                    <Text span td="line-through" c="dimmed" size="sm">
                      {show(change.before)}
                    </Text>{' '}
                    → {show(change.after)}
                  </Text>
                ))}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function IssuesTable({ rows, label }: { rows: ImportIssue[]; label: string }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table striped aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>{t('admin.import.line')}</Table.Th>
            <Table.Th w={110}>{t('admin.import.column')}</Table.Th>
            <Table.Th>{t('admin.import.problem')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => (
            // Several issues can share a line and column; their order is the server's.
            // biome-ignore lint/suspicious/noArrayIndexKey: issues have no identity of their own.
            <Table.Tr key={index}>
              <Table.Td>{row.line}</Table.Td>
              <Table.Td>{row.field ?? '—'}</Table.Td>
              <Table.Td>{row.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The import's diff: one tab per kind of change, only those that have rows. */
export function ImportTables({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  const tabs = [
    {
      value: 'errors',
      label: t('admin.import.errors', { count: result.errors.length }),
      count: result.errors.length,
      panel: <IssuesTable rows={result.errors} label={t('admin.import.errorsTitle')} />,
    },
    {
      value: 'creates',
      label: t('admin.import.creates', { count: result.creates.length }),
      count: result.creates.length,
      panel: <PeopleTable rows={result.creates} label={t('admin.import.createsTitle')} />,
    },
    {
      value: 'updates',
      label: t('admin.import.updates', { count: result.updates.length }),
      count: result.updates.length,
      panel: <UpdatesTable rows={result.updates} label={t('admin.import.updatesTitle')} />,
    },
    {
      value: 'deactivations',
      label: t('admin.import.deactivations', { count: result.deactivations.length }),
      count: result.deactivations.length,
      panel: <PeopleTable rows={result.deactivations} label={t('admin.import.deactivationsTitle')} />,
    },
    {
      value: 'reactivations',
      label: t('admin.import.reactivations', { count: result.reactivations.length }),
      count: result.reactivations.length,
      panel: <PeopleTable rows={result.reactivations} label={t('admin.import.reactivationsTitle')} />,
    },
    {
      value: 'warnings',
      label: t('admin.import.warnings', { count: result.warnings.length }),
      count: result.warnings.length,
      panel: <IssuesTable rows={result.warnings} label={t('admin.import.warningsTitle')} />,
    },
  ].filter((tab) => tab.count > 0);

  if (tabs.length === 0) return <Text c="dimmed">{t('admin.import.nothingToDo')}</Text>;
  return (
    <Tabs defaultValue={tabs[0]!.value} keepMounted={false}>
      <Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Tab key={tab.value} value={tab.value}>
            {tab.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {tabs.map((tab) => (
        <Tabs.Panel key={tab.value} value={tab.value} pt="sm">
          {tab.panel}
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
