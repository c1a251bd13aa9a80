import { ActionIcon, Anchor, Box, Group, Menu, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FileKind, LibraryItem } from '../../../shared/api/files.js';
import { GuestBadge } from '../guests/GuestBadge.js';
import { RelativeTime } from '../posts/RelativeTime.js';
import { FileName } from './FileName.js';
import { FilesIcon, type FilesIconName } from './FilesIcon.js';
import { useFormatBytes } from './useFormatBytes.js';

/** What a row's menu asks the list to do. */
export type RowAction = 'rename' | 'move' | 'share' | 'delete';

const kindIcons: Record<FileKind, FilesIconName> = {
  image: 'image',
  pdf: 'pdf',
  text: 'text',
  markdown: 'text',
  office: 'office',
  archive: 'archive',
  media: 'media',
  other: 'file',
};

/** A file's thumbnail (images) or its kind's icon; decorative, the name is written next to it. */
export function FileThumb({
  kind,
  thumbnailUrl,
  size = 40,
}: {
  kind: FileKind | 'folder';
  thumbnailUrl?: string | null;
  size?: number;
}) {
  return (
    <Box
      w={size}
      h={size}
      style={{
        flex: 'none',
        display: 'grid',
        placeItems: 'center',
        borderRadius: 'var(--mantine-radius-sm)',
        background: 'var(--mantine-color-gray-1)',
        color: kind === 'folder' ? 'var(--mantine-color-brand-7)' : 'var(--mantine-color-gray-7)',
        overflow: 'hidden',
      }}
    >
      {thumbnailUrl ? (
        <img
          src={thumbnailUrl}
          alt=""
          width={size}
          height={size}
          style={{ objectFit: 'cover' }}
          loading="lazy"
        />
      ) : (
        <FilesIcon name={kind === 'folder' ? 'folder' : kindIcons[kind]} size={Math.round(size * 0.55)} />
      )}
    </Box>
  );
}

interface LibraryRowProps {
  item: LibraryItem;
  /** The page that opens a folder of this library. */
  folderHref: (folderId: string) => string;
  onAction: (action: RowAction, item: LibraryItem) => void;
}

/** One entry of a library: a folder (opens in place) or a file (opens its document page). */
export function LibraryRow({ item, folderHref, onAction }: LibraryRowProps) {
  const { t } = useTranslation();
  const formatBytes = useFormatBytes();
  const isFile = item.type === 'file';
  const href = isFile ? `/files/${item.id}` : folderHref(item.id);
  const person = isFile ? item.uploadedBy : item.createdBy;
  const { abilities } = item;
  const actions: RowAction[] = [
    ...(abilities.edit ? (['rename', 'move'] as const) : []),
    ...(abilities.share ? (['share'] as const) : []),
    ...(abilities.delete ? (['delete'] as const) : []),
  ];
  return (
    <Group
      component="li"
      gap="sm"
      wrap="nowrap"
      px="md"
      py="xs"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      data-testid="library-item"
      data-type={item.type}
    >
      <FileThumb kind={isFile ? item.kind : 'folder'} thumbnailUrl={isFile ? item.thumbnailUrl : null} />
      <Stack gap={0} miw={0} style={{ flex: 1 }}>
        <Anchor
          component={Link}
          to={href}
          fw={600}
          size="sm"
          c="var(--mantine-color-text)"
          style={{ overflowWrap: 'anywhere' }}
        >
          <FileName name={item.name} />
        </Anchor>
        <Group gap={6} wrap="wrap">
          <Text size="xs" c="dimmed">
            {isFile ? formatBytes(item.size) : t('files.folder')}
          </Text>
          <Text size="xs" c="dimmed" aria-hidden="true">
            ·
          </Text>
          <Text size="xs" c="dimmed">
            <RelativeTime iso={item.updatedAt} />
          </Text>
          <Text size="xs" c="dimmed" aria-hidden="true">
            ·
          </Text>
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {person.name}
          </Text>
          {person.isGuest ? <GuestBadge /> : null}
        </Group>
      </Stack>
      {actions.length > 0 ? (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={t('files.menu', { name: item.name })}>
              <FilesIcon name="dots" />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            {actions.map((action) => (
              <Menu.Item
                key={action}
                color={action === 'delete' ? 'red' : undefined}
                onClick={() => onAction(action, item)}
              >
                {t(`files.actions.${action}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      ) : null}
    </Group>
  );
}
