import {
  Anchor,
  Breadcrumbs,
  Button,
  Center,
  FileButton,
  Group,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import type { LibraryItem, LibraryPage } from '../../../shared/api/files.js';
import { NotFoundPage } from '../../app/NotFoundPage.js';
import { isApiError } from '../../lib/api.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { EmptyNotice } from '../../ui/EmptyNotice.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { FileName } from './FileName.js';
import { FilesIcon } from './FilesIcon.js';
import { type LibraryRef, librarySpaceRef, useCreateFolder, useLibrary } from './files.api.js';
import { type DialogSubject, ItemDialogs } from './ItemDialogs.js';
import { LibraryRow, type RowAction } from './LibraryRow.js';
import { NameDialog } from './NameDialog.js';
import { UploadDropZone } from './UploadDropZone.js';
import { UploadProgressList } from './UploadProgressList.js';
import { useUploads } from './useUploads.js';

interface LibraryViewProps {
  library: LibraryRef;
  /**
   * The page's title and the first breadcrumb (the library's root), or how to make it from the
   * library's name (a person's or a group's).
   */
  title: string | ((libraryName: string) => string);
  /** Inside another page (a group's tab): an h2 instead of the page's h1. */
  embedded?: boolean;
  /** Shown above the list (the section switcher of the files pages). */
  header?: ReactNode;
}

/**
 * A document library: breadcrumbs from its root to the folder open (`?folder=`), folders then
 * files by name with "Load more", and for those who may add here a "New folder" button, an
 * "Upload" button and a drop zone over the list, each file with its progress bar.
 */
export function LibraryView({ library, title, embedded, header }: LibraryViewProps) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const folderId = params.get('folder');
  const listing = useLibrary(library, folderId);
  const first = listing.data?.pages[0];
  const rootTitle = typeof title === 'string' ? title : first ? title(first.library.name) : '';
  const folderTitle = first?.folder?.name;
  usePageTitle(folderTitle ? `${folderTitle} · ${rootTitle}` : rootTitle || undefined);

  if (listing.isPending) return <PageLoader />;
  if (listing.isError && !listing.data) {
    const missing = isApiError(listing.error, 404) || isApiError(listing.error, 400);
    if (missing && !embedded) return <NotFoundPage />;
    return missing ? <EmptyNotice text={t('files.notFound')} /> : <ErrorAlert error={listing.error} />;
  }
  if (!first) return null;

  const folderHref = (id: string | null) =>
    id ? `${pathname}?${new URLSearchParams({ folder: id })}` : pathname;
  return (
    <LibraryContent
      library={library}
      title={rootTitle}
      embedded={embedded}
      header={header}
      first={first}
      items={listing.data.pages.flatMap((page) => page.items)}
      folderHref={folderHref}
      more={
        listing.hasNextPage ? (
          <Center>
            <Button
              variant="default"
              onClick={() => void listing.fetchNextPage()}
              loading={listing.isFetchingNextPage}
            >
              {t('common.loadMore')}
            </Button>
          </Center>
        ) : null
      }
      error={listing.error}
    />
  );
}

interface LibraryContentProps extends Omit<LibraryViewProps, 'title'> {
  title: string;
  first: LibraryPage;
  items: LibraryItem[];
  folderHref: (id: string | null) => string;
  more: ReactNode;
  error: unknown;
}

function LibraryContent({
  library,
  title,
  embedded,
  header,
  first,
  items,
  folderHref,
  more,
  error,
}: LibraryContentProps) {
  const { t } = useTranslation();
  const uploads = useUploads();
  const [creating, setCreating] = useState(false);
  const [dialog, setDialog] = useState<{ action: RowAction; subject: DialogSubject } | null>(null);
  const createFolder = useCreateFolder();
  const folder = first.folder;
  const canAdd = folder ? folder.abilities.add : first.library.abilities.add;
  const space = librarySpaceRef(library);
  const upload = (files: File[]) =>
    uploads.start(files, { kind: 'library', space, folderId: folder?.id ?? null });
  const crumbs = [
    { id: null, name: title },
    ...(folder ? [...folder.path, { id: folder.id, name: folder.name }] : []),
  ];

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

  const actions = canAdd ? (
    <Group gap="xs">
      <Button
        variant="default"
        leftSection={<FilesIcon name="folderPlus" size={16} />}
        onClick={() => setCreating(true)}
      >
        {t('files.newFolder.open')}
      </Button>
      <FileButton
        onChange={(files) => upload(files)}
        multiple
        inputProps={{ 'aria-label': t('files.upload.input') }}
      >
        {(props) => (
          <Button {...props} leftSection={<FilesIcon name="upload" size={16} />}>
            {t('files.upload.button')}
          </Button>
        )}
      </FileButton>
    </Group>
  ) : null;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4} style={{ flex: '1 1 280px' }} miw={0}>
          <Title order={embedded ? 2 : 1} size={embedded ? 'h3' : 'h2'} style={{ overflowWrap: 'anywhere' }}>
            {folder ? <FileName name={folder.name} /> : title}
          </Title>
          {crumbs.length > 1 ? (
            <Breadcrumbs
              separator="›"
              separatorMargin={4}
              style={{ flexWrap: 'wrap' }}
              aria-label={t('files.breadcrumbs')}
              component="nav"
            >
              {crumbs.map((crumb, index) =>
                index === crumbs.length - 1 ? (
                  <Text
                    key={crumb.id ?? 'root'}
                    size="sm"
                    c="dimmed"
                    aria-current="page"
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    <FileName name={crumb.name} />
                  </Text>
                ) : (
                  <Anchor
                    key={crumb.id ?? 'root'}
                    component={Link}
                    to={folderHref(crumb.id)}
                    size="sm"
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    <FileName name={crumb.name} />
                  </Anchor>
                ),
              )}
            </Breadcrumbs>
          ) : null}
        </Stack>
        {actions}
      </Group>
      {header}
      <UploadProgressList
        entries={uploads.entries}
        onCancel={uploads.cancel}
        onClear={uploads.clearFinished}
      />
      <ErrorAlert error={error} />
      <UploadDropZone enabled={canAdd} onFiles={upload}>
        {items.length === 0 ? (
          <EmptyNotice text={canAdd ? t('files.emptyCanAdd') : t('files.empty')} />
        ) : (
          <Paper withBorder>
            <Stack
              component="ul"
              gap={0}
              p={0}
              m={0}
              style={{ listStyle: 'none' }}
              aria-label={t('files.listLabel')}
            >
              {items.map((item) => (
                <LibraryRow
                  key={`${item.type}:${item.id}`}
                  item={item}
                  folderHref={folderHref}
                  onAction={openDialog}
                />
              ))}
            </Stack>
          </Paper>
        )}
        {canAdd && items.length > 0 ? (
          <Text size="xs" c="dimmed" ta="center" mt="xs">
            {t('files.upload.dropHint')}
          </Text>
        ) : null}
      </UploadDropZone>
      {more}
      {creating ? (
        <NameDialog
          title={t('files.newFolder.title')}
          submitLabel={t('files.newFolder.submit')}
          loading={createFolder.isPending}
          error={createFolder.error}
          onClose={() => {
            setCreating(false);
            createFolder.reset();
          }}
          onSubmit={(name) =>
            createFolder.mutate(folder ? { parentId: folder.id, name } : { space, name }, {
              onSuccess: () => setCreating(false),
            })
          }
        />
      ) : null}
      {dialog ? (
        <ItemDialogs action={dialog.action} subject={dialog.subject} onClose={() => setDialog(null)} />
      ) : null}
    </Stack>
  );
}
