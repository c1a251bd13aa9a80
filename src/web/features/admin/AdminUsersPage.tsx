import { Button, Center, Group, SegmentedControl, Stack, Table, TextInput } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/useMe.js';
import { EmptyNotice } from '../../ui/EmptyNotice.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { type AccountStatusFilter, useAdminUsers } from './admin.api.js';
import { NewPersonDialog } from './NewPersonDialog.js';
import { UserCard } from './UserCard.js';
import { UserRow } from './UserRow.js';

/** Administration of people: roles, deactivation and reactivation. */
export function AdminUsersPage() {
  const { t } = useTranslation();
  const meId = useMe().data?.user.id;
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<AccountStatusFilter>('active');
  const [adding, setAdding] = useState(false);
  const users = useAdminUsers(q, status);
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const rows = users.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader title={t('admin.users.title')} description={t('admin.users.description')} />
      <Group align="flex-end" mb="md" gap="md">
        <TextInput
          label={t('admin.users.search')}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={360}
          maw="100%"
        />
        <Button onClick={() => setAdding(true)}>{t('admin.users.add')}</Button>
        <SegmentedControl
          aria-label={t('admin.users.statusFilter')}
          value={status}
          onChange={(value) => setStatus(value as AccountStatusFilter)}
          data={[
            { value: 'active', label: t('admin.users.showActive') },
            { value: 'deactivated', label: t('admin.users.showDeactivated') },
          ]}
        />
      </Group>
      {adding ? <NewPersonDialog onClose={() => setAdding(false)} /> : null}
      <ErrorAlert error={users.error} />
      {users.isPending ? <PageLoader /> : null}
      {users.isSuccess && rows.length === 0 ? <EmptyNotice text={t('admin.users.empty')} /> : null}
      {rows.length > 0 && !wide ? (
        <Stack
          component="ul"
          gap="xs"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('admin.users.title')}
        >
          {rows.map((user) => (
            <UserCard key={user.id} user={user} isSelf={user.id === meId} />
          ))}
        </Stack>
      ) : null}
      {rows.length > 0 && wide ? (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" highlightOnHover aria-label={t('admin.users.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.users.person')}</Table.Th>
                <Table.Th>{t('admin.users.role')}</Table.Th>
                <Table.Th>{t('admin.users.status')}</Table.Th>
                <Table.Th>{t('admin.users.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((user) => (
                <UserRow key={user.id} user={user} isSelf={user.id === meId} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {users.hasNextPage ? (
        <Center mt="md">
          <Button
            variant="default"
            onClick={() => void users.fetchNextPage()}
            loading={users.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Center>
      ) : null}
    </>
  );
}
