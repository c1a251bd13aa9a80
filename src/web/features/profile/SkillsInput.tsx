import { TagsInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { peopleLimits } from '../../../shared/api/users.js';
import type { FieldErrorValue } from '../../lib/useFormValues.js';
import { useSkillSuggestions } from '../people/people.api.js';

interface SkillsInputProps {
  value: string[];
  onChange: (skills: string[]) => void;
  error?: FieldErrorValue;
}

/** Skills as tags, suggesting the ones colleagues already use so spellings converge. */
export function SkillsInput({ value, onChange, error }: SkillsInputProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const suggestions = useSkillSuggestions(debounced);
  return (
    <TagsInput
      label={t('fields.skills')}
      description={t('profile.skillsHint')}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      data={suggestions.data?.items.map((item) => item.skill) ?? []}
      maxTags={peopleLimits.skills}
      splitChars={[',', ';']}
      acceptValueOnBlur
      clearable
      error={error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
