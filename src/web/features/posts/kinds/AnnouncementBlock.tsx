import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { AnnouncementView } from '../../../../shared/api/post-kinds.js';
import { useFormatters } from '../../../lib/useFormatters.js';
import { ErrorAlert } from '../../../ui/ErrorAlert.js';
import { FeedIcon } from '../FeedIcon.js';
import { useConfirmRead } from '../post-kinds.api.js';
import { ReadersDialog } from './ReadersDialog.js';

/**
 * An announcement's audience and, when it is must-read, the viewer's "I have read it" (or when
 * they confirmed), and for its author the progress with who has and has not read it.
 */
export function AnnouncementBlock({
  postId,
  announcement,
}: {
  postId: string;
  announcement: AnnouncementView;
}) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const confirm = useConfirmRead(postId);
  const [readersOpened, readers] = useDisclosure(false);
  const stats = announcement.readStats;
  return (
    <Stack gap="xs">
      <Group gap={6} wrap="nowrap" align="flex-start">
        <FeedIcon name="megaphone" size={16} />
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {announcement.audience
            ? t('posts.announcement.forDepartments', {
                departments: announcement.audience.map((d) => d.name).join(', '),
              })
            : t('posts.announcement.forEveryone')}
        </Text>
      </Group>
      {announcement.mustRead && announcement.abilities.confirm ? (
        <Alert color="orange" variant="light" title={t('posts.announcement.mustReadTitle')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('posts.announcement.mustReadText')}</Text>
            <Button
              size="compact-md"
              color="orange"
              loading={confirm.isPending}
              onClick={() => confirm.mutate()}
            >
              {t('posts.announcement.confirm')}
            </Button>
            <ErrorAlert error={confirm.error} />
          </Stack>
        </Alert>
      ) : null}
      {announcement.confirmedAt ? (
        <Group gap={6}>
          <FeedIcon name="check" size={16} />
          <Text size="sm" c="teal">
            {t('posts.announcement.confirmedAt', { time: dateTime(announcement.confirmedAt) })}
          </Text>
        </Group>
      ) : null}
      {stats && announcement.mustRead ? (
        <Group gap="xs">
          <Text size="sm">
            {t('posts.announcement.progress', {
              confirmed: stats.confirmed,
              total: stats.confirmed + stats.pending,
            })}
          </Text>
          {announcement.abilities.seeReaders ? (
            <Button size="compact-sm" variant="light" onClick={readers.open}>
              {t('posts.announcement.readers')}
            </Button>
          ) : null}
        </Group>
      ) : null}
      {announcement.abilities.seeReaders ? (
        <ReadersDialog
          postId={postId}
          opened={readersOpened}
          onClose={readers.close}
          counts={stats}
          canRemind={announcement.abilities.remind}
        />
      ) : null}
    </Stack>
  );
}
