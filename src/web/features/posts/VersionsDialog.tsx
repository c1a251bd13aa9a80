import { Badge, Button, Center, Divider, Group, Modal, Stack, Text } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../lib/useFormatters.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { PostHtml } from './PostHtml.js';
import { usePostVersions } from './posts.api.js';

interface VersionsDialogProps {
  postId: string;
  opened: boolean;
  onClose: () => void;
}

/** Every version of a post, newest first, as the archive keeps them (author and moderators). */
export function VersionsDialog({ postId, opened, onClose }: VersionsDialogProps) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const versions = usePostVersions(postId, opened);
  const items = versions.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Modal opened={opened} onClose={onClose} title={t('posts.versions.title')} size="lg">
      <ErrorAlert error={versions.error} />
      {versions.isPending && opened ? <PageLoader /> : null}
      <Stack gap="sm">
        {items.map((version, index) => (
          <Fragment key={version.version}>
            {index > 0 ? <Divider /> : null}
            <section aria-label={t('posts.versions.version', { number: version.version })}>
              <Group gap="xs" mb={4}>
                <Text size="sm" fw={600}>
                  {t('posts.versions.version', { number: version.version })}
                </Text>
                {index === 0 ? (
                  <Badge size="sm" variant="light">
                    {t('posts.versions.current')}
                  </Badge>
                ) : null}
                <Text size="xs" c="dimmed">
                  {dateTime(version.at)}
                  {version.editor ? ` · ${version.editor.name}` : ''}
                </Text>
              </Group>
              <PostHtml html={version.html} />
            </section>
          </Fragment>
        ))}
      </Stack>
      {versions.hasNextPage ? (
        <Center mt="md">
          <Button
            variant="default"
            onClick={() => void versions.fetchNextPage()}
            loading={versions.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Center>
      ) : null}
    </Modal>
  );
}
