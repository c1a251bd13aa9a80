import { Autocomplete } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { peopleLimits } from '../../../shared/api/users.js';
import { useSkillSuggestions } from './people.api.js';

interface SkillFilterProps {
  value: string;
  onChange: (skill: string) => void;
}

/**
 * The skill filter: suggestions from the skills people actually have; the filter applies when
 * a suggestion is chosen, on Enter, or when the field is left.
 */
export function SkillFilter({ value, onChange }: SkillFilterProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  // Controlled so that applying the filter with Enter also closes the suggestions over the results.
  const [opened, setOpened] = useState(false);
  const [debounced] = useDebouncedValue(text.trim(), 200);
  const suggestions = useSkillSuggestions(debounced);

  useEffect(() => setText(value), [value]);

  function commit(next: string) {
    if (next.trim() !== value) onChange(next.trim());
  }

  return (
    <Autocomplete
      label={t('directory.skill')}
      placeholder={t('directory.skillPlaceholder')}
      value={text}
      onChange={(next) => {
        setText(next);
        if (next === '') commit('');
      }}
      onOptionSubmit={(option) => {
        setOpened(false);
        commit(option);
      }}
      dropdownOpened={opened}
      onDropdownOpen={() => setOpened(true)}
      onDropdownClose={() => setOpened(false)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          setOpened(false);
          commit(text);
        }
      }}
      onBlur={() => commit(text)}
      data={suggestions.data?.items.map((item) => item.skill) ?? []}
      maxLength={peopleLimits.skill}
      clearable
      comboboxProps={{ withinPortal: true }}
    />
  );
}
