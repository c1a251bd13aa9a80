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
      onOptionSubmit={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit(text);
      }}
      onBlur={() => commit(text)}
      data={suggestions.data?.items.map((item) => item.skill) ?? []}
      maxLength={peopleLimits.skill}
      clearable
      comboboxProps={{ withinPortal: true }}
    />
  );
}
