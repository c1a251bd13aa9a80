import { Anchor, Badge, Button, Center, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { FileVersionView, FileView } from '../../../shared/api/files.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { GuestBadge } from '../guests/GuestBadge.js';
import { RelativeTime } from '../posts/RelativeTime.js';
import { FileName } from './FileName.js';
import { downloadUrl } from './file-format.js';
import { useFileVersions, useRestoreVersion } from './files.api.js';
import { useFormatBytes } from './useFormatBytes.js';

/** A file's versions, newest first: download any; those who may edit restore an old one. */
export function FileVersionsPanel({ file }: { file: FileView }) {
  const { t } = useTranslation();
  const versions = useFileVersions(file.id);
  const restore = useRestoreVersion(file.id);
  const items = versions.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="sm">
      <ErrorAlert error={versions.error ?? restore.error} />
      {versions.isPending ? <PageLoader /> : null}
      {items.length > 0 ? (
        <Paper withBorder>
          <Stack
            component="ul"
            gap={0}
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-label={t('files.versions.title')}
          >
            {items.map((version) => (
              <VersionRow
                key={version.version}
                version={version}
                canRestore={file.abilities.edit && !version.current}
                restoring={restore.isPending && restore.variables === version.version}
                onRestore={() =>
                  restore.mutate(version.version, {
                    onSuccess: () =>
                      notifications.show({
                        color: 'teal',
                        message: t('files.versions.restored', { version: version.version }),
                      }),
                  })
                }
              />
            ))}
          </Stack>
        </Paper>
      ) : null}
      {versions.hasNextPage ? (
        <Center>
          <Button
            variant="default"
            onClick={() => void versions.fetchNextPage()}
            loading={versions.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Center>
      ) : null}
    </Stack>
  );
}

interface VersionRowProps {
  version: FileVersionView;
  canRestore: boolean;
  restoring: boolean;
  onRestore: () => void;
}

function VersionRow({ version, canRestore, restoring, onRestore }: VersionRowProps) {
  const { t } = useTranslation();
  const formatBytes = useFormatBytes();
  return (
    <Group
      component="li"
      justify="space-between"
      wrap="wrap"
      gap="xs"
      px="md"
      py="xs"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      data-testid="file-version"
    >
      <Stack gap={2} miw={0} style={{ flex: '1 1 220px' }}>
        <Group gap={6} wrap="wrap">
          <Text fw={600} size="sm">
            {t('files.versions.number', { version: version.version })}
          </Text>
          {version.current ? (
            <Badge size="xs" variant="light" color="teal">
              {t('files.versions.current')}
            </Badge>
          ) : null}
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            <FileName name={version.name} />
          </Text>
        </Group>
        <Group gap={6} wrap="wrap">
          <Text size="xs" c="dimmed">
            {formatBytes(version.size)} · <RelativeTime iso={version.createdAt} /> · {version.uploadedBy.name}
          </Text>
          {version.uploadedBy.isGuest ? <GuestBadge /> : null}
        </Group>
      </Stack>
      <Group gap="xs" wrap="nowrap">
        <Anchor href={downloadUrl(version.contentUrl)} download size="sm">
          {t('files.download')}
        </Anchor>
        {canRestore ? (
          <Button size="compact-sm" variant="default" onClick={onRestore} loading={restoring}>
            {t('files.versions.restore')}
          </Button>
        ) : null}
      </Group>
    </Group>
  );
}
