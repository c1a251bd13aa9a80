import { Button, CloseButton, Fieldset, Group, Select, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { peopleLimits } from '../../../shared/api/users.js';
import type { FieldErrorValue } from '../../lib/useFormValues.js';
import { contactKindLabel, contactKinds } from '../people/contact-kinds.js';

export interface ContactRow {
  /** A client-side key, so a row keeps its focus when its kind changes. */
  key: number;
  kind: string;
  value: string;
}

let lastKey = 0;

/** A new contact row with a fresh key. */
export function contactRow(kind: string, value: string): ContactRow {
  lastKey += 1;
  return { key: lastKey, kind, value };
}

interface ContactsEditorProps {
  rows: ContactRow[];
  onChange: (rows: ContactRow[]) => void;
  error?: FieldErrorValue;
}

/** Messenger and other contacts: a kind and a value per row. */
export function ContactsEditor({ rows, onChange, error }: ContactsEditorProps) {
  const { t } = useTranslation();
  const used = new Set(rows.map((row) => row.kind));
  const kindOptions = (current: string) => {
    const kinds: string[] = [...contactKinds];
    if (current && !kinds.includes(current)) kinds.push(current);
    return kinds.map((kind) => ({
      value: kind,
      label: contactKindLabel(t, kind),
      disabled: kind !== current && used.has(kind),
    }));
  };
  const nextKind = contactKinds.find((kind) => !used.has(kind));

  function update(index: number, patch: Partial<ContactRow>) {
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  }

  return (
    <Fieldset
      legend={t('profile.otherContacts')}
      variant="unstyled"
      styles={{ legend: { fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)', marginBottom: 4 } }}
    >
      <Stack gap="xs">
        {rows.map((row, index) => (
          <Group key={row.key} gap="xs" align="flex-end" wrap="nowrap">
            <Select
              label={t('profile.contactKind')}
              data={kindOptions(row.kind)}
              value={row.kind}
              onChange={(kind) => kind && update(index, { kind })}
              w={150}
              style={{ flex: 'none' }}
            />
            <TextInput
              label={t('profile.contactValue')}
              value={row.value}
              maxLength={peopleLimits.contactValue}
              onChange={(event) => update(index, { value: event.currentTarget.value })}
              style={{ flex: 1 }}
              miw={0}
            />
            <CloseButton
              mb={6}
              aria-label={t('profile.removeContact', { kind: contactKindLabel(t, row.kind) })}
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
            />
          </Group>
        ))}
        {nextKind && rows.length < peopleLimits.contactKinds ? (
          <Button
            variant="subtle"
            size="compact-sm"
            w="fit-content"
            onClick={() => onChange([...rows, contactRow(nextKind, '')])}
          >
            {t('profile.addContact')}
          </Button>
        ) : null}
        {typeof error === 'string' ? (
          <div
            role="alert"
            style={{ color: 'var(--mantine-color-error)', fontSize: 'var(--mantine-font-size-sm)' }}
          >
            {error}
          </div>
        ) : null}
      </Stack>
    </Fieldset>
  );
}
