import { Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PostFile } from '../../../shared/api/posts.js';
import { FileName } from '../files/FileName.js';
import { FileThumb } from '../files/LibraryRow.js';
import { useFormatBytes } from '../files/useFormatBytes.js';

/** The documents attached to a post, below its images: each opens its document page. */
export function PostFiles({ files }: { files: readonly PostFile[] }) {
  const { t } = useTranslation();
  const formatBytes = useFormatBytes();
  if (files.length === 0) return null;
  return (
    <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('posts.files')}>
      {files.map((file) => (
        <li key={file.id}>
          <Paper
            withBorder
            radius="md"
            p="xs"
            component={Link}
            to={`/files/${file.id}`}
            data-testid="post-file"
            style={{ display: 'block', color: 'inherit', textDecoration: 'none' }}
          >
            <Group gap="sm" wrap="nowrap">
              <FileThumb kind={file.kind} size={36} />
              <Stack gap={0} miw={0}>
                <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                  <FileName name={file.name} />
                </Text>
                <Text size="xs" c="dimmed">
                  {formatBytes(file.size)}
                </Text>
              </Stack>
            </Group>
          </Paper>
        </li>
      ))}
    </Stack>
  );
}
