import { Badge, Button, Group, Modal, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { postKindLimits, type VacancyView } from '../../../../shared/api/post-kinds.js';
import { useFormatters } from '../../../lib/useFormatters.js';
import { fieldError, useFormValues } from '../../../lib/useFormValues.js';
import { ErrorAlert } from '../../../ui/ErrorAlert.js';
import { FeedIcon } from '../FeedIcon.js';
import { useCreateReferral } from '../post-kinds.api.js';

function ReferralDialog({
  postId,
  title,
  opened,
  onClose,
}: {
  postId: string;
  title: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const refer = useCreateReferral(postId);
  const form = useFormValues({ candidateName: '', candidateEmail: '', candidatePhone: '', note: '' }, [
    'candidateName',
    'candidateEmail',
  ]);
  const { values, setField } = form;
  return (
    <Modal opened={opened} onClose={onClose} title={t('posts.vacancy.referTitle', { title })}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!form.validate()) return;
          refer.mutate(
            {
              candidateName: values.candidateName.trim(),
              candidateEmail: values.candidateEmail.trim(),
              candidatePhone: values.candidatePhone.trim() || undefined,
              note: values.note.trim() || undefined,
            },
            {
              onSuccess: () => {
                notifications.show({ message: t('posts.vacancy.referred'), color: 'teal' });
                form.setValues({ candidateName: '', candidateEmail: '', candidatePhone: '', note: '' });
                onClose();
              },
            },
          );
        }}
        noValidate
      >
        <Stack>
          <TextInput
            label={t('posts.vacancy.candidateName')}
            value={values.candidateName}
            onChange={(e) => setField('candidateName', e.currentTarget.value)}
            required
            maxLength={postKindLimits.candidateName}
            error={form.requiredError('candidateName') ?? fieldError(refer.error, 'candidateName')}
            data-autofocus
          />
          <TextInput
            type="email"
            label={t('posts.vacancy.candidateEmail')}
            value={values.candidateEmail}
            onChange={(e) => setField('candidateEmail', e.currentTarget.value)}
            required
            maxLength={postKindLimits.candidateEmail}
            error={form.requiredError('candidateEmail') ?? fieldError(refer.error, 'candidateEmail')}
          />
          <TextInput
            type="tel"
            label={t('posts.vacancy.candidatePhone')}
            value={values.candidatePhone}
            onChange={(e) => setField('candidatePhone', e.currentTarget.value)}
            maxLength={postKindLimits.candidatePhone}
            error={fieldError(refer.error, 'candidatePhone')}
          />
          <Textarea
            label={t('posts.vacancy.note')}
            value={values.note}
            onChange={(e) => setField('note', e.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={postKindLimits.note}
            error={fieldError(refer.error, 'note')}
          />
          <ErrorAlert error={refer.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={refer.isPending}>
              {t('posts.vacancy.referSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A vacancy: title, department, place, closing date, and "recommend a friend". */
export function VacancyBlock({ postId, vacancy }: { postId: string; vacancy: VacancyView }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const [opened, dialog] = useDisclosure(false);
  const details = [vacancy.department?.name, vacancy.location].filter(Boolean).join(' · ');
  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap={6}>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <FeedIcon name="briefcase" />
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {vacancy.title}
          </Text>
          {vacancy.closed ? (
            <Badge size="sm" color="red" variant="light">
              {t('posts.vacancy.closed')}
            </Badge>
          ) : null}
        </Group>
        {details ? (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {details}
          </Text>
        ) : null}
        {vacancy.closesAt && !vacancy.closed ? (
          <Text size="xs" c="dimmed">
            {t('posts.vacancy.closesAt', { time: dateTime(vacancy.closesAt) })}
          </Text>
        ) : null}
        <Group gap="xs" mt={4}>
          {vacancy.abilities.refer && !vacancy.closed ? (
            <Button size="compact-md" variant="light" onClick={dialog.open}>
              {t('posts.vacancy.refer')}
            </Button>
          ) : null}
          {vacancy.myReferralCount > 0 ? (
            <Text size="xs" c="dimmed">
              {t('posts.vacancy.myReferrals', { count: vacancy.myReferralCount })}
            </Text>
          ) : null}
          {vacancy.referralCount !== null ? (
            <Text size="xs" c="dimmed">
              {t('posts.vacancy.referrals', { count: vacancy.referralCount })}
            </Text>
          ) : null}
        </Group>
      </Stack>
      {vacancy.abilities.refer ? (
        <ReferralDialog postId={postId} title={vacancy.title} opened={opened} onClose={dialog.close} />
      ) : null}
    </Paper>
  );
}
