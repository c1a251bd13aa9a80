import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../lib/api.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { FileName } from './FileName.js';
import { FilePreview } from './FilePreview.js';
import { FilesIcon } from './FilesIcon.js';
import { displayName, downloadUrl } from './file-format.js';
import { useFileByLink } from './files.api.js';
import { useFormatBytes } from './useFormatBytes.js';

/**
 * A file opened through a link (`/files/link/:token`): signed-in people see and download it,
 * nothing more. An unknown, expired or revoked link reads as "this link does not work".
 */
export function FileLinkPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const file = useFileByLink(token);
  const formatBytes = useFormatBytes();
  usePageTitle(file.data ? displayName(file.data.name) : t('files.links.pageTitle'));
  if (file.isPending) return <PageLoader />;
  if (file.isError) {
    const gone = isApiError(file.error, 404) || isApiError(file.error, 400) || isApiError(file.error, 410);
    return (
      <Stack align="flex-start" py="xl">
        <Title order={1}>{t('files.links.pageTitle')}</Title>
        {gone ? <Text c="dimmed">{t('files.links.notWorking')}</Text> : <ErrorAlert error={file.error} />}
      </Stack>
    );
  }
  const contentUrl = `/api/v1/file-links/${encodeURIComponent(token)}/content`;
  return (
    <Stack gap="md">
      <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
        <Group justify="space-between" align="flex-start" gap="md" wrap="wrap">
          <Stack gap={4} miw={0} style={{ flex: '1 1 280px' }}>
            <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
              <FileName name={file.data.name} />
            </Title>
            <Text size="sm" c="dimmed">
              {t('files.links.sharedBy', {
                size: formatBytes(file.data.size),
                name: file.data.uploadedBy.name,
              })}
            </Text>
          </Stack>
          <Button
            component="a"
            href={downloadUrl(contentUrl)}
            download
            leftSection={<FilesIcon name="download" size={16} />}
          >
            {t('files.download')}
          </Button>
        </Group>
      </Paper>
      <Paper
        withBorder
        p={{ base: 'xs', sm: 'md' }}
        component="section"
        aria-label={t('files.preview.label')}
      >
        <FilePreview file={file.data} contentUrl={contentUrl} textAvailable={false} />
      </Paper>
    </Stack>
  );
}
