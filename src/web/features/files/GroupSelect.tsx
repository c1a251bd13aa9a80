import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupPage } from '../../../shared/api/groups.js';
import { api } from '../../lib/api.js';

interface GroupSelectProps {
  label: string;
  value: { id: string; name: string } | null;
  onChange: (group: { id: string; name: string } | null) => void;
}

/** Picks a group the viewer may know of by typing part of its name; searched on the server. */
export function GroupSelect({ label, value, onChange }: GroupSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const query = value && debounced === value.name ? '' : debounced;
  const groups = useQuery({
    queryKey: ['groups', 'list', { q: query, picker: 'files' }],
    queryFn: ({ signal }) =>
      api.get<GroupPage>('/groups', { query: { q: query || undefined, limit: 20 }, signal }),
    placeholderData: keepPreviousData,
  });
  const found = (groups.data?.items ?? []).map((group) => ({ value: group.id, label: group.name }));
  const options =
    value && !found.some((o) => o.value === value.id)
      ? [{ value: value.id, label: value.name }, ...found]
      : found;
  return (
    <Select
      label={label}
      placeholder={t('files.share.pickGroup')}
      data={options}
      value={value?.id ?? null}
      onChange={(id) => {
        const option = options.find((o) => o.value === id);
        onChange(option ? { id: option.value, name: option.label } : null);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      clearable
      nothingFoundMessage={groups.isFetching ? t('common.loading') : t('files.share.noGroups')}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
