import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { moderationLimits } from '../../../shared/api/moderation.js';
import { fieldError } from '../../lib/useFormValues.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { useReportPost } from './posts.moderation.api.js';

interface ReportDialogProps {
  postId: string;
  /** Reports this comment of the post instead of the post. */
  commentId?: string;
  opened: boolean;
  onClose: () => void;
}

/** Sends a post or a comment to the moderators' review queue with a reason. */
export function ReportDialog({ postId, commentId, opened, onClose }: ReportDialogProps) {
  const { t } = useTranslation();
  const report = useReportPost(postId);
  const [reason, setReason] = useState('');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={commentId ? t('posts.report.commentTitle') : t('posts.report.title')}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          report.mutate(
            { reason: reason.trim(), ...(commentId ? { commentId } : {}) },
            {
              onSuccess: () => {
                notifications.show({ message: t('posts.report.sent'), color: 'teal' });
                setReason('');
                onClose();
              },
            },
          );
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {t('posts.report.hint')}
          </Text>
          <Textarea
            label={t('posts.report.reason')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            required
            autosize
            minRows={3}
            maxLength={moderationLimits.reason}
            error={fieldError(report.error, 'reason')}
            data-autofocus
          />
          <ErrorAlert error={report.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={report.isPending} disabled={reason.trim() === ''}>
              {t('posts.report.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
