import { Box, Overlay, Stack, Text } from '@mantine/core';
import { type DragEvent, type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilesIcon } from './FilesIcon.js';

interface UploadDropZoneProps {
  /** Called with the files dropped (folders dropped are left out). */
  onFiles: (files: File[]) => void;
  /** When false, dropping does nothing (the viewer may not add here). */
  enabled: boolean;
  children: ReactNode;
}

const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files');

/**
 * A drop target over a list: dragging files from the desktop over it shows where they will go,
 * dropping them uploads them. The upload button next to it does the same for those who cannot
 * drag (keyboards, phones).
 */
export function UploadDropZone({ onFiles, enabled, children }: UploadDropZoneProps) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  // dragenter and dragleave fire for every child crossed; count them to know when it truly left.
  const depth = useRef(0);

  if (!enabled) return <>{children}</>;

  return (
    <Box
      pos="relative"
      data-testid="upload-drop-zone"
      onDragEnter={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        depth.current += 1;
        setOver(true);
      }}
      onDragOver={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        depth.current = 0;
        setOver(false);
        const items = Array.from(event.dataTransfer.items ?? []);
        const files =
          items.length > 0
            ? items
                .filter((item) => item.kind === 'file' && !item.webkitGetAsEntry?.()?.isDirectory)
                .map((item) => item.getAsFile())
                .filter((file): file is File => file !== null)
            : Array.from(event.dataTransfer.files);
        if (files.length > 0) onFiles(files);
      }}
      mih={120}
    >
      {children}
      {over ? (
        <Overlay color="var(--mantine-color-body)" backgroundOpacity={0.85} radius="md" zIndex={5} center>
          <Stack
            align="center"
            gap="xs"
            p="xl"
            style={{
              border: '2px dashed var(--mantine-color-brand-6)',
              borderRadius: 'var(--mantine-radius-md)',
            }}
          >
            <FilesIcon name="upload" size={32} />
            <Text fw={600}>{t('files.upload.dropHere')}</Text>
          </Stack>
        </Overlay>
      ) : null}
    </Box>
  );
}
