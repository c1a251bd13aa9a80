import { Group, Select, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { postKindLimits } from '../../../../shared/api/post-kinds.js';
import type { FieldErrorValue } from '../../../lib/useFormValues.js';
import type { EventDraft } from './composer-state.js';

interface EventFieldsProps {
  event: EventDraft;
  onChange: (event: EventDraft) => void;
  errorFor: (field: string) => FieldErrorValue;
}

const reminders = ['15', '60', '1440'] as const;

/** Title, start and end, place, online link and a reminder for those going. */
export function EventFields({ event, onChange, errorFor }: EventFieldsProps) {
  const { t } = useTranslation();
  const set = (patch: Partial<EventDraft>) => onChange({ ...event, ...patch });
  return (
    <Stack gap="sm">
      <TextInput
        label={t('composer.event.title')}
        value={event.title}
        onChange={(e) => set({ title: e.currentTarget.value })}
        maxLength={postKindLimits.title}
        required
        error={errorFor('title')}
      />
      <Group grow gap="sm" wrap="wrap" align="flex-start">
        <TextInput
          type="datetime-local"
          label={t('composer.event.startsAt')}
          value={event.startsAt}
          onChange={(e) => set({ startsAt: e.currentTarget.value })}
          required
          error={errorFor('startsAt')}
          miw={200}
        />
        <TextInput
          type="datetime-local"
          label={t('composer.event.endsAt')}
          description={t('composer.optional')}
          value={event.endsAt}
          min={event.startsAt || undefined}
          onChange={(e) => set({ endsAt: e.currentTarget.value })}
          error={errorFor('endsAt')}
          miw={200}
        />
      </Group>
      <TextInput
        label={t('composer.event.location')}
        description={t('composer.optional')}
        value={event.location}
        onChange={(e) => set({ location: e.currentTarget.value })}
        maxLength={postKindLimits.location}
        error={errorFor('location')}
      />
      <TextInput
        type="url"
        label={t('composer.event.onlineUrl')}
        description={t('composer.optional')}
        placeholder="https://"
        value={event.onlineUrl}
        onChange={(e) => set({ onlineUrl: e.currentTarget.value })}
        maxLength={postKindLimits.url}
        error={errorFor('onlineUrl')}
      />
      <Select
        label={t('composer.event.reminder')}
        data={[
          { value: '', label: t('composer.event.noReminder') },
          ...reminders.map((minutes) => ({
            value: minutes,
            label: t(`composer.event.remind.${minutes}`),
          })),
        ]}
        value={event.remindBefore}
        onChange={(value) => set({ remindBefore: value ?? '' })}
        error={errorFor('remindBefore')}
        maw={280}
        comboboxProps={{ withinPortal: true }}
      />
    </Stack>
  );
}
