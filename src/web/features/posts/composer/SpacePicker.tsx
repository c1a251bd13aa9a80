import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldErrorValue } from '../../../lib/useFormValues.js';
import { useMe } from '../../../lib/useMe.js';
import { useMyGroups } from '../ShareDialog.js';
import type { SpaceRef } from './composer-state.js';

/** `company`, `profile` or `group:<id>` — a space as a select value. */
export function spaceValue(space: SpaceRef): string {
  return space.type === 'group' ? `group:${space.id}` : space.type;
}

function spaceFrom(value: string): SpaceRef {
  if (value.startsWith('group:')) return { type: 'group', id: value.slice('group:'.length) };
  return { type: value === 'profile' ? 'profile' : 'company' };
}

interface SpacePickerProps {
  value: SpaceRef;
  onChange: (space: SpaceRef) => void;
  error?: FieldErrorValue;
  disabled?: boolean;
}

/** Where to publish: the company, one's own profile, or a group one is a member of. */
export function SpacePicker({ value, onChange, error, disabled }: SpacePickerProps) {
  const { t } = useTranslation();
  const me = useMe().data?.user;
  const groups = useMyGroups(Boolean(me));
  const employee = me?.role !== 'guest';
  const groupOptions = (groups.data?.items ?? [])
    .filter((group) => group.membership.state === 'member')
    .map((group) => ({ value: `group:${group.id}`, label: group.name }));
  const data = [
    ...(employee
      ? [
          {
            group: t('composer.space.everyone'),
            items: [
              { value: 'company', label: t('composer.space.company') },
              { value: 'profile', label: t('composer.space.profile') },
            ],
          },
        ]
      : []),
    ...(groupOptions.length > 0 ? [{ group: t('composer.space.groups'), items: groupOptions }] : []),
  ];
  return (
    <Select
      label={t('composer.space.label')}
      data={data}
      value={spaceValue(value)}
      onChange={(next) => next && onChange(spaceFrom(next))}
      searchable={groupOptions.length > 6}
      error={error}
      disabled={disabled}
      size="xs"
      w={{ base: '100%', xs: 240 }}
      comboboxProps={{ withinPortal: true }}
      allowDeselect={false}
    />
  );
}
