import { Box, Button, Code, Stack, Text } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileView } from '../../../shared/api/files.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { FilesIcon } from './FilesIcon.js';
import { displayName, downloadUrl } from './file-format.js';
import { useFileText } from './files.api.js';

const PdfPreview = lazy(() => import('./PdfPreview.js').then((m) => ({ default: m.PdfPreview })));

interface FilePreviewProps {
  file: FileView;
  /** Where the bytes come from (a link's own address instead of the file's). */
  contentUrl?: string;
  /** Whether the text preview route may be asked (not through a link). */
  textAvailable?: boolean;
}

/**
 * A file's preview by its kind, decided by the server from the bytes: raster images as images,
 * PDF drawn by pdf.js, text and Markdown as plain text (never as HTML), everything else
 * (SVG included) only as a download.
 */
export function FilePreview({ file, contentUrl = file.contentUrl, textAvailable = true }: FilePreviewProps) {
  const name = displayName(file.name);
  switch (file.kind) {
    case 'image':
      return (
        <Box ta="center">
          <img
            src={contentUrl}
            alt={name}
            style={{ maxWidth: '100%', maxHeight: '75vh', height: 'auto', objectFit: 'contain' }}
            data-testid="image-preview"
          />
        </Box>
      );
    case 'pdf':
      return (
        <Suspense fallback={<PageLoader />}>
          <PdfPreview url={contentUrl} name={name} />
        </Suspense>
      );
    case 'text':
    case 'markdown':
      return textAvailable ? <TextPreview file={file} /> : <NoPreview contentUrl={contentUrl} />;
    default:
      return <NoPreview contentUrl={contentUrl} />;
  }
}

function TextPreview({ file }: { file: FileView }) {
  const { t } = useTranslation();
  const text = useFileText(file.id, file.version);
  if (text.isPending) return <PageLoader />;
  if (text.isError) return <ErrorAlert error={text.error} />;
  return (
    <Stack gap="xs">
      <Code
        block
        data-testid="text-preview"
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: '70vh', overflowY: 'auto' }}
      >
        {text.data.text}
      </Code>
      {text.data.truncated ? (
        <Text size="xs" c="dimmed">
          {t('files.preview.truncated')}
        </Text>
      ) : null}
    </Stack>
  );
}

function NoPreview({ contentUrl }: { contentUrl: string }) {
  const { t } = useTranslation();
  return (
    <Stack align="center" gap="sm" py="xl" data-testid="no-preview">
      <FilesIcon name="file" size={40} />
      <Text c="dimmed" ta="center">
        {t('files.preview.none')}
      </Text>
      <Button
        component="a"
        href={downloadUrl(contentUrl)}
        download
        leftSection={<FilesIcon name="download" size={16} />}
      >
        {t('files.download')}
      </Button>
    </Stack>
  );
}
