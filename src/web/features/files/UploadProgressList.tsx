import { ActionIcon, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FileName } from './FileName.js';
import { FilesIcon } from './FilesIcon.js';
import { useFormatBytes } from './useFormatBytes.js';
import type { UploadEntry } from './useUploads.js';

interface UploadProgressListProps {
  entries: UploadEntry[];
  onCancel: (key: string) => void;
  onClear: () => void;
  /** Links each finished file to its document page (not for new versions of the open file). */
  linkToFile?: boolean;
}

/** One progress bar per file being uploaded, with its outcome: done, failed (and why), cancelled. */
export function UploadProgressList({
  entries,
  onCancel,
  onClear,
  linkToFile = true,
}: UploadProgressListProps) {
  const { t } = useTranslation();
  const formatBytes = useFormatBytes();
  if (entries.length === 0) return null;
  const finished = entries.some((entry) => entry.status !== 'waiting' && entry.status !== 'uploading');
  return (
    <Paper withBorder p="sm" aria-label={t('files.upload.listLabel')} component="section">
      <Stack gap="xs">
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
          {entries.map((entry) => {
            const percent =
              entry.size > 0 ? Math.min(100, Math.round((entry.loaded / entry.size) * 100)) : 100;
            const running = entry.status === 'waiting' || entry.status === 'uploading';
            return (
              <li key={entry.key} data-testid="upload-entry" data-status={entry.status}>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="sm" fw={500} miw={0} style={{ overflowWrap: 'anywhere' }}>
                    {entry.status === 'done' && entry.file && linkToFile ? (
                      <Link to={`/files/${entry.file.id}`}>
                        <FileName name={entry.file.name} />
                      </Link>
                    ) : (
                      <FileName name={entry.name} />
                    )}
                  </Text>
                  <Group gap={6} wrap="nowrap">
                    <Text
                      size="xs"
                      c={entry.status === 'failed' ? 'red' : 'dimmed'}
                      style={{ whiteSpace: 'nowrap' }}
                    >
                      {entry.status === 'uploading'
                        ? t('files.upload.progress', {
                            loaded: formatBytes(entry.loaded),
                            total: formatBytes(entry.size),
                          })
                        : t(`files.upload.status.${entry.status}`)}
                    </Text>
                    {running ? (
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        size="sm"
                        onClick={() => onCancel(entry.key)}
                        aria-label={t('files.upload.cancelNamed', { name: entry.name })}
                      >
                        <FilesIcon name="close" size={14} />
                      </ActionIcon>
                    ) : null}
                  </Group>
                </Group>
                <Progress
                  value={entry.status === 'failed' || entry.status === 'cancelled' ? 100 : percent}
                  color={
                    entry.status === 'failed'
                      ? 'red'
                      : entry.status === 'cancelled'
                        ? 'gray'
                        : entry.status === 'done'
                          ? 'teal'
                          : 'brand'
                  }
                  size="sm"
                  mt={4}
                  animated={entry.status === 'uploading'}
                  aria-label={t('files.upload.progressOf', { name: entry.name })}
                />
                {entry.error ? (
                  <Text size="sm" c="red" mt={2} role="alert">
                    {entry.error}
                  </Text>
                ) : null}
              </li>
            );
          })}
        </Stack>
        {finished ? (
          <Group justify="flex-end">
            <Button variant="subtle" size="compact-sm" onClick={onClear}>
              {t('files.upload.clear')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
