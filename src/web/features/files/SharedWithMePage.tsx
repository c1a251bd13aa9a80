import { Button, Center, Paper, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LibraryItem } from '../../../shared/api/files.js';
import { useMe } from '../../lib/useMe.js';
import { EmptyNotice } from '../../ui/EmptyNotice.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { FilesSections } from './FilesSections.js';
import { libraryHref } from './file-format.js';
import { useSharedWithMe } from './files.api.js';
import { type DialogSubject, ItemDialogs } from './ItemDialogs.js';
import { LibraryRow, type RowAction } from './LibraryRow.js';

/**
 * "Shared with me" (`/files/shared`): files and folders shared with the viewer, one of their
 * groups or their department, newest share first. A folder opens in its own library.
 */
export function SharedWithMePage() {
  const { t } = useTranslation();
  const meId = useMe().data?.user.id;
  const shared = useSharedWithMe();
  const [dialog, setDialog] = useState<{ action: RowAction; subject: DialogSubject } | null>(null);
  const items = shared.data?.pages.flatMap((page) => page.items) ?? [];

  const openDialog = (action: RowAction, item: LibraryItem) =>
    setDialog({
      action,
      subject: {
        type: item.type,
        id: item.id,
        name: item.name,
        space: item.space,
        parentId: item.type === 'file' ? item.folderId : item.parentId,
      },
    });

  return (
    <Stack gap="md">
      <PageHeader title={t('files.sections.shared')} description={t('files.sharedDescription')} />
      <FilesSections current="shared" />
      <ErrorAlert error={shared.error} />
      {shared.isPending ? <PageLoader /> : null}
      {shared.isSuccess && items.length === 0 ? <EmptyNotice text={t('files.sharedEmpty')} /> : null}
      {items.length > 0 ? (
        <Paper withBorder>
          <Stack
            component="ul"
            gap={0}
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-label={t('files.sections.shared')}
          >
            {items.map((item) => (
              <LibraryRow
                key={`${item.type}:${item.id}`}
                item={item}
                folderHref={(id) => libraryHref(item.space, id, meId)}
                onAction={openDialog}
              />
            ))}
          </Stack>
        </Paper>
      ) : null}
      {shared.hasNextPage ? (
        <Center>
          <Button
            variant="default"
            onClick={() => void shared.fetchNextPage()}
            loading={shared.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Center>
      ) : null}
      {dialog ? (
        <ItemDialogs action={dialog.action} subject={dialog.subject} onClose={() => setDialog(null)} />
      ) : null}
    </Stack>
  );
}
