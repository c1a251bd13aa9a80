import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrorValue } from '../../lib/useFormValues.js';
import { usePeopleSearch } from './people.api.js';

interface PersonRef {
  id: string;
  name: string;
}

interface PersonSelectProps {
  label: string;
  value: PersonRef | null;
  onChange: (person: PersonRef | null) => void;
  description?: string;
  error?: FieldErrorValue;
  disabled?: boolean;
  /** A person who may not be chosen (someone cannot be their own manager). */
  excludeId?: string;
}

/** Picks a person by typing part of a name; the directory is searched on the server. */
export function PersonSelect({
  label,
  value,
  onChange,
  description,
  error,
  disabled,
  excludeId,
}: PersonSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  // While the field shows the chosen name, list everyone rather than only that name.
  const query = value && debounced === value.name ? '' : debounced;
  const people = usePeopleSearch(query);
  const found = (people.data?.items ?? [])
    .filter((person) => person.id !== excludeId)
    .map((person) => ({
      value: person.id,
      label: person.position ? `${person.name} · ${person.position}` : person.name,
      name: person.name,
    }));
  const options =
    value && !found.some((option) => option.value === value.id)
      ? [{ value: value.id, label: value.name, name: value.name }, ...found]
      : found;

  return (
    <Select
      label={label}
      description={description}
      placeholder={t('people.pickPlaceholder')}
      data={options.map(({ value: id, label: text }) => ({ value: id, label: text }))}
      value={value?.id ?? null}
      onChange={(id) => {
        const option = options.find((candidate) => candidate.value === id);
        onChange(option ? { id: option.value, name: option.name } : null);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      clearable
      disabled={disabled}
      error={error}
      nothingFoundMessage={people.isFetching ? t('common.loading') : t('people.nobodyFound')}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
