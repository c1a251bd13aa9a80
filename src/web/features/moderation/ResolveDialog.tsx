import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { moderationLimits, type Report, type resolveActions } from '../../../shared/api/moderation.js';
import { fieldError } from '../../lib/useFormValues.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { useResolveReport } from './moderation.api.js';

export type ResolveAction = (typeof resolveActions)[number];

interface ResolveDialogProps {
  report: Report;
  action: ResolveAction;
  onClose: () => void;
}

/**
 * Confirms a decision on reported content, with an optional note the author receives. The
 * decision closes every open report on the same post or comment.
 */
export function ResolveDialog({ report, action, onClose }: ResolveDialogProps) {
  const { t } = useTranslation();
  const resolve = useResolveReport();
  const [note, setNote] = useState('');
  const subject = report.subject.type === 'comment' ? 'comment' : 'post';

  function submit(event: FormEvent) {
    event.preventDefault();
    resolve.mutate(
      { id: report.id, body: { action, note: note.trim() || undefined } },
      {
        onSuccess: () => {
          notifications.show({
            color: 'green',
            message: t(`moderation.done.${action}`),
          });
          onClose();
        },
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title={t(`moderation.confirm.${action}Title.${subject}`)}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            {report.subject.deleted
              ? t('moderation.confirm.alreadyDeleted')
              : t(`moderation.confirm.${action}Text`)}
          </Text>
          {report.subjectReports && report.subjectReports.open > 1 ? (
            <Text size="sm" c="dimmed">
              {t('moderation.confirm.closesAll', { count: report.subjectReports.open })}
            </Text>
          ) : null}
          <ErrorAlert error={resolve.error} />
          <Textarea
            label={t('moderation.note')}
            description={t('moderation.noteHint')}
            autosize
            minRows={2}
            maxRows={8}
            maxLength={moderationLimits.note}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            error={fieldError(resolve.error, 'note')}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={action === 'delete' ? 'red' : undefined} loading={resolve.isPending}>
              {t(`moderation.actions.${action}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
