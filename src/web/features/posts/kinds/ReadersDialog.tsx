import { Anchor, Button, Center, Group, Modal, Stack, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../../lib/useFormatters.js';
import { EmptyNotice } from '../../../ui/EmptyNotice.js';
import { ErrorAlert } from '../../../ui/ErrorAlert.js';
import { PageLoader } from '../../../ui/PageLoader.js';
import { UserAvatar } from '../../../ui/UserAvatar.js';
import { useReaders, useRemindReaders } from '../post-kinds.api.js';

type Status = 'confirmed' | 'pending';

function ReaderList({ postId, status }: { postId: string; status: Status }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const readers = useReaders(postId, status);
  const items = readers.data?.pages.flatMap((page) => page.items) ?? [];
  if (readers.isPending) return <PageLoader />;
  return (
    <>
      <ErrorAlert error={readers.error} />
      {readers.isSuccess && items.length === 0 ? (
        <EmptyNotice
          text={status === 'confirmed' ? t('posts.readers.noneConfirmed') : t('posts.readers.nonePending')}
        />
      ) : null}
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((reader) => (
          <Group key={reader.user.id} component="li" gap="sm" wrap="nowrap">
            <UserAvatar name={reader.user.name} photoUrl={reader.user.photoUrl} size="sm" />
            <Anchor
              component={Link}
              to={`/people/${reader.user.id}`}
              size="sm"
              style={{ flex: 1 }}
              truncate="end"
            >
              {reader.user.name}
            </Anchor>
            {reader.confirmedAt ? (
              <Text size="xs" c="dimmed">
                {dateTime(reader.confirmedAt)}
              </Text>
            ) : null}
          </Group>
        ))}
      </Stack>
      {readers.hasNextPage ? (
        <Center mt="sm">
          <Button
            variant="default"
            onClick={() => void readers.fetchNextPage()}
            loading={readers.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Center>
      ) : null}
    </>
  );
}

interface ReadersDialogProps {
  postId: string;
  opened: boolean;
  onClose: () => void;
  counts: { confirmed: number; pending: number } | null;
  canRemind: boolean;
}

/** Who has confirmed a must-read announcement and who has not, with a reminder for the latter. */
export function ReadersDialog({ postId, opened, onClose, counts, canRemind }: ReadersDialogProps) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('pending');
  const remind = useRemindReaders(postId);
  return (
    <Modal opened={opened} onClose={onClose} title={t('posts.readers.title')}>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="pending">{t('posts.readers.pending', { count: counts?.pending ?? 0 })}</Tabs.Tab>
          <Tabs.Tab value="confirmed">
            {t('posts.readers.confirmed', { count: counts?.confirmed ?? 0 })}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="pending">
          {canRemind ? (
            <Group justify="flex-end" mb="sm">
              <Button
                size="compact-sm"
                variant="light"
                loading={remind.isPending}
                onClick={() =>
                  remind.mutate(undefined, {
                    onSuccess: ({ notified }) =>
                      notifications.show({
                        message: t('posts.readers.reminded', { count: notified }),
                        color: 'teal',
                      }),
                  })
                }
              >
                {t('posts.readers.remind')}
              </Button>
            </Group>
          ) : null}
          <ErrorAlert error={remind.error} />
          <ReaderList postId={postId} status="pending" />
        </Tabs.Panel>
        <Tabs.Panel value="confirmed">
          <ReaderList postId={postId} status="confirmed" />
        </Tabs.Panel>
      </Tabs>
    </Modal>
  );
}
