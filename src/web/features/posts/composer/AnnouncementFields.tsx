import { MultiSelect, Stack, Switch, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { postKindLimits } from '../../../../shared/api/post-kinds.js';
import type { FieldErrorValue } from '../../../lib/useFormValues.js';
import { useDepartments } from '../../departments/departments.api.js';
import type { AnnouncementDraft } from './composer-state.js';

interface AnnouncementFieldsProps {
  announcement: AnnouncementDraft;
  onChange: (announcement: AnnouncementDraft) => void;
  errorFor: (field: string) => FieldErrorValue;
}

/** Heading, "must read", and the departments it is for (none chosen: everyone). */
export function AnnouncementFields({ announcement, onChange, errorFor }: AnnouncementFieldsProps) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const set = (patch: Partial<AnnouncementDraft>) => onChange({ ...announcement, ...patch });
  return (
    <Stack gap="sm">
      <TextInput
        label={t('composer.announcement.title')}
        description={t('composer.optional')}
        value={announcement.title}
        onChange={(e) => set({ title: e.currentTarget.value })}
        maxLength={postKindLimits.title}
        error={errorFor('title')}
      />
      <MultiSelect
        label={t('composer.announcement.departments')}
        description={t('composer.announcement.departmentsHint')}
        placeholder={
          announcement.departmentIds.length === 0 ? t('composer.announcement.everyone') : undefined
        }
        data={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
        value={announcement.departmentIds}
        onChange={(departmentIds) => set({ departmentIds })}
        searchable
        clearable
        maxValues={postKindLimits.departments}
        nothingFoundMessage={t('departments.nothingFound')}
        error={errorFor('departmentIds')}
        comboboxProps={{ withinPortal: true }}
      />
      <Switch
        label={t('composer.announcement.mustRead')}
        description={t('composer.announcement.mustReadHint')}
        checked={announcement.mustRead}
        onChange={(e) => set({ mustRead: e.currentTarget.checked })}
      />
    </Stack>
  );
}
