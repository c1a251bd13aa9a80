import { ActionIcon, Button, FileButton, Group, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileView } from '../../../../shared/api/files.js';
import { type PostFile, postLimits } from '../../../../shared/api/posts.js';
import { FileName } from '../../files/FileName.js';
import { FilesIcon } from '../../files/FilesIcon.js';
import { FileThumb } from '../../files/LibraryRow.js';
import { UploadProgressList } from '../../files/UploadProgressList.js';
import { useFormatBytes } from '../../files/useFormatBytes.js';
import { useUploads } from '../../files/useUploads.js';

/** A document attached in the composer: what its chip shows. */
export type ComposerDocument = Pick<PostFile, 'id' | 'name' | 'kind' | 'size'>;

interface DocumentPickerProps {
  documents: ComposerDocument[];
  onChange: (update: (current: ComposerDocument[]) => ComposerDocument[]) => void;
  /** Told whether uploads are still running (the post waits for them). */
  onBusyChange: (busy: boolean) => void;
}

const asDocument = (file: FileView): ComposerDocument => ({
  id: file.id,
  name: file.name,
  kind: file.kind,
  size: file.size,
});

/**
 * Attaches documents to a post: each chosen file goes up to the author's "My files" with a
 * progress bar (the server's message when it refuses one), then shows as a removable chip; the
 * post sends their ids, and publishing attaches them to it.
 */
export function DocumentPicker({ documents, onChange, onBusyChange }: DocumentPickerProps) {
  const { t } = useTranslation();
  const formatBytes = useFormatBytes();
  const uploads = useUploads((file) => onChange((current) => [...current, asDocument(file)]));
  const running = uploads.entries.filter((e) => e.status === 'waiting' || e.status === 'uploading');
  const room = postLimits.files - documents.length - running.length;
  const busy = running.length > 0;

  useEffect(() => onBusyChange(busy), [busy, onBusyChange]);
  // Leaving (another mode, or after publishing) stops the uploads: nothing is running any more.
  useEffect(() => () => onBusyChange(false), [onBusyChange]);

  return (
    <>
      {documents.length > 0 ? (
        <Group
          gap="xs"
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('composer.documents')}
        >
          {documents.map((doc) => (
            <Group
              key={doc.id}
              component="li"
              gap={6}
              wrap="nowrap"
              miw={0}
              py={4}
              pl={6}
              pr={4}
              data-testid="composer-document"
              style={{
                border: '1px solid var(--mantine-color-default-border)',
                borderRadius: 'var(--mantine-radius-xl)',
              }}
            >
              <FileThumb kind={doc.kind} size={24} />
              <Text size="sm" miw={0} style={{ overflowWrap: 'anywhere' }}>
                <FileName name={doc.name} />
              </Text>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {formatBytes(doc.size)}
              </Text>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="sm"
                radius="xl"
                onClick={() => onChange((current) => current.filter((d) => d.id !== doc.id))}
                aria-label={t('composer.removeDocument', { name: doc.name })}
              >
                <FilesIcon name="close" size={12} />
              </ActionIcon>
            </Group>
          ))}
        </Group>
      ) : null}
      <UploadProgressList
        entries={uploads.entries.filter((e) => e.status !== 'done')}
        onCancel={uploads.cancel}
        onClear={uploads.clearFinished}
        linkToFile={false}
      />
      <Group gap="xs">
        <FileButton
          onChange={(files) =>
            uploads.start(files.slice(0, Math.max(0, room)), {
              kind: 'library',
              space: { type: 'profile' },
              folderId: null,
            })
          }
          multiple
        >
          {(props) => (
            <Button
              {...props}
              variant="subtle"
              size="compact-sm"
              leftSection={<FilesIcon name="file" size={16} />}
              disabled={room <= 0}
            >
              {t('composer.addDocuments')}
            </Button>
          )}
        </FileButton>
        {room <= 0 && !busy ? (
          <Text size="xs" c="dimmed">
            {t('composer.documentLimit', { count: postLimits.files })}
          </Text>
        ) : null}
      </Group>
    </>
  );
}
