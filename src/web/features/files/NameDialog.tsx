import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fileLimits } from '../../../shared/api/files.js';
import { fieldError } from '../../lib/useFormValues.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';

interface NameDialogProps {
  title: string;
  submitLabel: string;
  /** The name to start from (empty for a new folder). */
  initial?: string;
  /** Selects the name without its extension, so typing keeps the file's type. */
  keepExtension?: boolean;
  loading: boolean;
  error: unknown;
  onSubmit: (name: string) => void;
  onClose: () => void;
}

/** Asks for a name: a new folder's, or a new name for a file or folder. */
export function NameDialog({
  title,
  submitLabel,
  initial = '',
  keepExtension,
  loading,
  error,
  onSubmit,
  onClose,
}: NameDialogProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  const [attempted, setAttempted] = useState(false);
  const blank = name.trim() === '';

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempted(true);
    if (blank || name === initial) return;
    onSubmit(name.trim());
  }

  return (
    <Modal opened onClose={onClose} title={title}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t('files.name')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            maxLength={fileLimits.nameChars}
            required
            data-autofocus
            onFocus={(event) => {
              const dot = event.currentTarget.value.lastIndexOf('.');
              if (keepExtension && dot > 0) event.currentTarget.setSelectionRange(0, dot);
              else event.currentTarget.select();
            }}
            error={(attempted && blank ? t('form.required') : undefined) ?? fieldError(error, 'name')}
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={loading} disabled={name === initial && initial !== ''}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
