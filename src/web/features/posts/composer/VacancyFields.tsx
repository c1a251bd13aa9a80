import { Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { postKindLimits } from '../../../../shared/api/post-kinds.js';
import type { FieldErrorValue } from '../../../lib/useFormValues.js';
import { DepartmentSelect } from '../../departments/DepartmentSelect.js';
import type { VacancyDraft } from './composer-state.js';

interface VacancyFieldsProps {
  vacancy: VacancyDraft;
  onChange: (vacancy: VacancyDraft) => void;
  errorFor: (field: string) => FieldErrorValue;
}

/** The position, its department and place, and when applications close. */
export function VacancyFields({ vacancy, onChange, errorFor }: VacancyFieldsProps) {
  const { t } = useTranslation();
  const set = (patch: Partial<VacancyDraft>) => onChange({ ...vacancy, ...patch });
  return (
    <Stack gap="sm">
      <TextInput
        label={t('composer.vacancy.title')}
        value={vacancy.title}
        onChange={(e) => set({ title: e.currentTarget.value })}
        maxLength={postKindLimits.title}
        required
        error={errorFor('title')}
      />
      <DepartmentSelect
        label={t('composer.vacancy.department')}
        value={vacancy.departmentId}
        onChange={(departmentId) => set({ departmentId })}
        error={errorFor('departmentId')}
      />
      <TextInput
        label={t('composer.vacancy.location')}
        description={t('composer.optional')}
        value={vacancy.location}
        onChange={(e) => set({ location: e.currentTarget.value })}
        maxLength={postKindLimits.location}
        error={errorFor('location')}
      />
      <TextInput
        type="datetime-local"
        label={t('composer.vacancy.closesAt')}
        description={t('composer.optional')}
        value={vacancy.closesAt}
        onChange={(e) => set({ closesAt: e.currentTarget.value })}
        error={errorFor('closesAt')}
        maw={280}
      />
    </Stack>
  );
}
