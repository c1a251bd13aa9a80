import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePeopleSearch } from '../people/people.api.js';

export interface PickedPerson {
  id: string;
  name: string;
}

interface PeoplePickerProps {
  label: string;
  value: PickedPerson[];
  onChange: (people: PickedPerson[]) => void;
  /** People who may not be picked (the viewer, members already in the chat). */
  excludeIds?: readonly string[];
  max?: number;
  error?: string | undefined;
}

/** Picks several people by typing parts of their names; the directory is searched on the server. */
export function PeoplePicker({ label, value, onChange, excludeIds = [], max, error }: PeoplePickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const people = usePeopleSearch(q);
  const found = (people.data?.items ?? [])
    .filter((p) => !excludeIds.includes(p.id))
    .map((p) => ({ id: p.id, name: p.name, label: p.position ? `${p.name} · ${p.position}` : p.name }));
  const byId = new Map<string, { id: string; name: string; label: string }>();
  for (const p of value) byId.set(p.id, { ...p, label: p.name });
  for (const p of found) if (!byId.has(p.id)) byId.set(p.id, p);
  return (
    <MultiSelect
      label={label}
      placeholder={t('people.pickPlaceholder')}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      data={[...byId.values()].map((p) => ({ value: p.id, label: p.label }))}
      value={value.map((p) => p.id)}
      onChange={(ids) =>
        onChange(
          ids.map((id) => {
            const person = byId.get(id);
            return { id, name: person?.name ?? id };
          }),
        )
      }
      maxValues={max}
      filter={({ options }) => options}
      nothingFoundMessage={t('chats.new.nobody')}
      error={error}
      comboboxProps={{ withinPortal: true }}
      data-testid="people-picker"
    />
  );
}
