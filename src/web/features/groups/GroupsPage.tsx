import { Button, Center, Group, SegmentedControl, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { groupLimits } from '../../../shared/api/groups.js';
import { useMe } from '../../lib/useMe.js';
import { EmptyNotice } from '../../ui/EmptyNotice.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { useSearchParamText } from '../people/useSearchParamText.js';
import { CreateGroupDialog } from './CreateGroupDialog.js';
import { GroupCard } from './GroupCard.js';
import { useGroups } from './groups.api.js';

type Scope = 'mine' | 'all';

/** The group directory (`/groups`): my groups or all I may see, a name search, "Create group". */
export function GroupsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useSearchParamText('q');
  const [creating, setCreating] = useState(false);
  // Guests only ever see the groups they were added to and cannot start one.
  const isGuest = useMe().data?.user.role === 'guest';
  const scope: Scope = params.get('scope') === 'all' ? 'all' : 'mine';
  const q = params.get('q') || undefined;
  const groups = useGroups({ q, mine: scope === 'mine' });
  const items = groups.data?.pages.flatMap((page) => page.items) ?? [];

  function setScope(next: Scope) {
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next === 'all') updated.set('scope', 'all');
        else updated.delete('scope');
        return updated;
      },
      { replace: true },
    );
  }

  return (
    <>
      <PageHeader
        title={t('groups.title')}
        description={t('groups.description')}
        actions={
          isGuest ? null : <Button onClick={() => setCreating(true)}>{t('groups.create.open')}</Button>
        }
      />
      <Group align="flex-end" gap="md" mb="md" wrap="wrap">
        <TextInput
          label={t('groups.search')}
          placeholder={t('groups.searchPlaceholder')}
          type="search"
          value={search}
          maxLength={groupLimits.search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={360}
          maw="100%"
        />
        <SegmentedControl
          aria-label={t('groups.scope')}
          value={scope}
          onChange={(value) => setScope(value === 'all' ? 'all' : 'mine')}
          data={[
            { value: 'mine', label: t('groups.scopeMine') },
            { value: 'all', label: t('groups.scopeAll') },
          ]}
        />
      </Group>
      <ErrorAlert error={groups.error} />
      {groups.isPending ? <PageLoader /> : null}
      {groups.isSuccess && items.length === 0 ? (
        <EmptyNotice
          text={q ? t('groups.noMatches') : scope === 'mine' ? t('groups.noneMine') : t('groups.empty')}
          action={
            q ? null : scope === 'mine' ? (
              <Button variant="light" onClick={() => setScope('all')}>
                {t('groups.browseAll')}
              </Button>
            ) : isGuest ? null : (
              <Button variant="light" onClick={() => setCreating(true)}>
                {t('groups.create.open')}
              </Button>
            )
          }
        />
      ) : null}
      <SimpleGrid
        component="ul"
        cols={{ base: 1, sm: 2, lg: 3 }}
        spacing="md"
        p={0}
        m={0}
        style={{ listStyle: 'none', opacity: groups.isPlaceholderData ? 0.6 : 1 }}
        aria-label={t('groups.results')}
        aria-busy={groups.isFetching}
      >
        {items.map((group) => (
          <li key={group.id}>
            <GroupCard group={group} />
          </li>
        ))}
      </SimpleGrid>
      {groups.hasNextPage ? (
        <Center mt="lg">
          <Button
            variant="default"
            onClick={() => void groups.fetchNextPage()}
            loading={groups.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Center>
      ) : null}
      {creating ? <CreateGroupDialog onClose={() => setCreating(false)} /> : null}
    </>
  );
}
