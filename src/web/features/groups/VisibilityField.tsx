import { Radio, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type GroupVisibility, groupVisibilities } from '../../../shared/api/groups.js';
import type { FieldErrorValue } from '../../lib/useFormValues.js';

interface VisibilityFieldProps {
  value: GroupVisibility;
  onChange: (value: GroupVisibility) => void;
  error?: FieldErrorValue;
}

/** Open, closed or secret, each with what it means for who sees and who joins. */
export function VisibilityField({ value, onChange, error }: VisibilityFieldProps) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      label={t('groups.form.visibility')}
      value={value}
      onChange={(next) => onChange(next as GroupVisibility)}
      error={error}
    >
      <Stack gap="sm" mt="xs">
        {groupVisibilities.map((visibility) => (
          <Radio
            key={visibility}
            value={visibility}
            label={t(`groups.visibility.${visibility}`)}
            description={t(`groups.visibility.${visibility}Hint`)}
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}
