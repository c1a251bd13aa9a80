import {
  Anchor,
  Breadcrumbs,
  Button,
  Center,
  Group,
  Modal,
  NavLink,
  Paper,
  Stack,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/useMe.js';
import { EmptyNotice } from '../../ui/EmptyNotice.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { FileName } from './FileName.js';
import { FilesIcon } from './FilesIcon.js';
import { libraryTitle } from './file-format.js';
import { type LibraryRef, useLibraryFolders, useUpdateFile, useUpdateFolder } from './files.api.js';

/** What is being moved: a file or a folder, and where it is now (null = the library's root). */
export interface MoveSubject {
  type: 'file' | 'folder';
  id: string;
  name: string;
  parentId: string | null;
}

interface MoveDialogProps {
  library: LibraryRef;
  subject: MoveSubject;
  onClose: () => void;
}

/**
 * "Move to…": browse the library's folders from its root and move the file or folder into the
 * one shown. A folder cannot be moved into itself (its own row is not offered); the server
 * refuses anything else that cannot be (a folder into one of its sub-folders, too deep).
 */
export function MoveDialog({ library, subject, onClose }: MoveDialogProps) {
  const { t } = useTranslation();
  const meId = useMe().data?.user.id;
  const [at, setAt] = useState<string | null>(subject.parentId);
  const listing = useLibraryFolders(library, at, true);
  const moveFile = useUpdateFile();
  const moveFolder = useUpdateFolder();
  const move = subject.type === 'file' ? moveFile : moveFolder;
  const first = listing.data?.pages[0];
  const folders = (listing.data?.pages.flatMap((page) => page.items) ?? []).filter(
    (item) => item.type === 'folder',
  );
  const crumbs = first
    ? [
        { id: null, name: libraryTitle(first.library.space, meId, t) },
        ...(first.folder ? [...first.folder.path, { id: first.folder.id, name: first.folder.name }] : []),
      ]
    : [];

  function submit() {
    const onSuccess = onClose;
    if (subject.type === 'file') moveFile.mutate({ id: subject.id, body: { folderId: at } }, { onSuccess });
    else moveFolder.mutate({ id: subject.id, body: { parentId: at } }, { onSuccess });
  }

  return (
    <Modal opened onClose={onClose} title={t('files.move.title', { name: subject.name })}>
      <Stack>
        <Breadcrumbs separator="›" separatorMargin={4} style={{ flexWrap: 'wrap' }}>
          {crumbs.map((crumb, index) =>
            index === crumbs.length - 1 ? (
              <Text key={crumb.id ?? 'root'} size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                <FileName name={crumb.name} />
              </Text>
            ) : (
              <Anchor
                key={crumb.id ?? 'root'}
                component="button"
                type="button"
                size="sm"
                onClick={() => setAt(crumb.id)}
                style={{ overflowWrap: 'anywhere' }}
              >
                <FileName name={crumb.name} />
              </Anchor>
            ),
          )}
        </Breadcrumbs>
        <ErrorAlert error={listing.error} />
        {listing.isPending ? <PageLoader /> : null}
        {listing.isSuccess && folders.length === 0 ? <EmptyNotice text={t('files.move.noFolders')} /> : null}
        {folders.length > 0 ? (
          <Paper withBorder mah={320} style={{ overflowY: 'auto' }}>
            {folders.map((folder) => (
              <NavLink
                key={folder.id}
                component="button"
                type="button"
                label={<FileName name={folder.name} />}
                leftSection={<FilesIcon name="folder" />}
                disabled={subject.type === 'folder' && folder.id === subject.id}
                onClick={() => setAt(folder.id)}
                style={{ overflowWrap: 'anywhere' }}
              />
            ))}
          </Paper>
        ) : null}
        {listing.hasNextPage ? (
          <Center>
            <Button
              variant="default"
              size="compact-sm"
              onClick={() => void listing.fetchNextPage()}
              loading={listing.isFetchingNextPage}
            >
              {t('common.loadMore')}
            </Button>
          </Center>
        ) : null}
        <ErrorAlert error={move.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={submit}
            loading={move.isPending}
            disabled={at === subject.parentId || !listing.isSuccess}
          >
            {t('files.move.here')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
