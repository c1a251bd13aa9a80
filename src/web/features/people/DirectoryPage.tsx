import { Button, Center, SimpleGrid } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { EmptyNotice } from '../../ui/EmptyNotice.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { DirectoryFilters } from './DirectoryFilters.js';
import { PersonCard } from './PersonCard.js';
import { type DirectoryFilters as Filters, useDirectory } from './people.api.js';

/** The people directory (`/people`): filters, cards, "Load more". */
export function DirectoryPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = useMemo<Filters>(
    () => ({
      q: params.get('q') || undefined,
      department: params.get('department') || undefined,
      position: params.get('position') || undefined,
      skill: params.get('skill') || undefined,
    }),
    [params],
  );
  const directory = useDirectory(filters);
  const people = directory.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Object.values(filters).some(Boolean);

  return (
    <>
      <PageHeader title={t('directory.title')} description={t('directory.description')} />
      <DirectoryFilters />
      <ErrorAlert error={directory.error} />
      {directory.isPending ? <PageLoader /> : null}
      {directory.isSuccess && people.length === 0 ? (
        <EmptyNotice
          text={filtered ? t('directory.noMatches') : t('directory.empty')}
          action={
            filtered ? (
              <Button variant="light" onClick={() => setParams({})}>
                {t('directory.clearFilters')}
              </Button>
            ) : null
          }
        />
      ) : null}
      <SimpleGrid
        component="ul"
        cols={{ base: 1, sm: 2, lg: 3 }}
        spacing="md"
        p={0}
        m={0}
        style={{ listStyle: 'none', opacity: directory.isPlaceholderData ? 0.6 : 1 }}
        aria-label={t('directory.results')}
        aria-busy={directory.isFetching}
      >
        {people.map((person) => (
          <li key={person.id}>
            <PersonCard person={person} />
          </li>
        ))}
      </SimpleGrid>
      {directory.hasNextPage ? (
        <Center mt="lg">
          <Button
            variant="default"
            onClick={() => void directory.fetchNextPage()}
            loading={directory.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Center>
      ) : null}
    </>
  );
}
