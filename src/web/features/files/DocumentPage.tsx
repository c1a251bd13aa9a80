import {
  Anchor,
  Badge,
  Button,
  FileButton,
  Group,
  Menu,
  Paper,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { FileView } from '../../../shared/api/files.js';
import { NotFoundPage } from '../../app/NotFoundPage.js';
import { isApiError } from '../../lib/api.js';
import { useMe } from '../../lib/useMe.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { GuestBadge } from '../guests/GuestBadge.js';
import { RelativeTime } from '../posts/RelativeTime.js';
import { FileCommentsPanel } from './FileCommentsPanel.js';
import { FileName } from './FileName.js';
import { FilePreview } from './FilePreview.js';
import { FilesIcon } from './FilesIcon.js';
import { FileVersionsPanel } from './FileVersionsPanel.js';
import { displayName, downloadUrl, libraryHref, libraryTitle, versionUrl } from './file-format.js';
import { useFile } from './files.api.js';
import { ItemDialogs } from './ItemDialogs.js';
import type { RowAction } from './LibraryRow.js';
import { UploadProgressList } from './UploadProgressList.js';
import { useFormatBytes } from './useFormatBytes.js';
import { useUploads } from './useUploads.js';

/**
 * A document's page (`/files/:id`): its preview by kind, download, a new version, sharing,
 * renaming, moving and deleting as its abilities allow, then its comments and versions. A file
 * the viewer may not read does not exist for them: the not-found page.
 */
export function DocumentPage() {
  const { id } = useParams();
  const file = useFile(id);
  usePageTitle(file.data ? displayName(file.data.name) : undefined);
  if (file.isPending) return <PageLoader />;
  if (file.isError) {
    const missing = isApiError(file.error, 404) || isApiError(file.error, 400);
    return missing ? <NotFoundPage /> : <ErrorAlert error={file.error} />;
  }
  return <DocumentView file={file.data} />;
}

function DocumentView({ file }: { file: FileView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const meId = useMe().data?.user.id;
  const formatBytes = useFormatBytes();
  const uploads = useUploads();
  const [tab, setTab] = useState<string | null>('comments');
  const [dialog, setDialog] = useState<RowAction | null>(null);
  const { abilities } = file;
  const back = libraryHref(file.space, file.folderId, meId);
  const menu: RowAction[] = [
    ...(abilities.edit ? (['rename', 'move'] as const) : []),
    ...(abilities.delete ? (['delete'] as const) : []),
  ];

  return (
    <Stack gap="md">
      <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="sm">
          <Group gap={6} wrap="wrap">
            {file.postId ? (
              <Anchor component={Link} to={`/posts/${file.postId}`} size="sm">
                {t('files.attachedToPost')}
              </Anchor>
            ) : (
              <Anchor component={Link} to={back} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {libraryTitle(file.space, meId, t)}
              </Anchor>
            )}
          </Group>
          <Group justify="space-between" align="flex-start" gap="md" wrap="wrap">
            <Stack gap={4} miw={0} style={{ flex: '1 1 280px' }}>
              <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }} data-testid="file-name">
                <FileName name={file.name} />
              </Title>
              <Group gap={6} wrap="wrap">
                <Text size="sm" c="dimmed">
                  {formatBytes(file.size)}
                </Text>
                <Text size="sm" c="dimmed" aria-hidden="true">
                  ·
                </Text>
                <Badge size="sm" variant="light" color="gray">
                  {t('files.versions.number', { version: file.version })}
                </Badge>
                <Text size="sm" c="dimmed" aria-hidden="true">
                  ·
                </Text>
                <Text size="sm" c="dimmed">
                  <RelativeTime iso={file.updatedAt} />
                </Text>
              </Group>
              <Group gap={6} wrap="wrap">
                <Text size="sm" c="dimmed">
                  {t('files.uploadedBy')}
                </Text>
                <Anchor
                  component={Link}
                  to={`/people/${file.uploadedBy.id}`}
                  size="sm"
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {file.uploadedBy.name || t('posts.formerColleague')}
                </Anchor>
                {file.uploadedBy.isGuest ? <GuestBadge /> : null}
              </Group>
            </Stack>
            <Group gap="xs" wrap="wrap">
              <Button
                component="a"
                href={downloadUrl(file.contentUrl)}
                download
                variant="default"
                leftSection={<FilesIcon name="download" size={16} />}
              >
                {t('files.download')}
              </Button>
              {abilities.edit ? (
                <FileButton
                  onChange={(chosen) =>
                    chosen && uploads.start([chosen], { kind: 'version', fileId: file.id })
                  }
                  inputProps={{ 'aria-label': t('files.versions.input') }}
                >
                  {(props) => (
                    <Button {...props} variant="default" leftSection={<FilesIcon name="upload" size={16} />}>
                      {t('files.versions.upload')}
                    </Button>
                  )}
                </FileButton>
              ) : null}
              {abilities.share ? (
                <Button leftSection={<FilesIcon name="share" size={16} />} onClick={() => setDialog('share')}>
                  {t('files.actions.share')}
                </Button>
              ) : null}
              {menu.length > 0 ? (
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <Button
                      variant="subtle"
                      color="gray"
                      aria-label={t('files.menu', { name: displayName(file.name) })}
                      px="xs"
                    >
                      <FilesIcon name="dots" />
                    </Button>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {menu.map((action) => (
                      <Menu.Item
                        key={action}
                        color={action === 'delete' ? 'red' : undefined}
                        onClick={() => setDialog(action)}
                      >
                        {t(`files.actions.${action}`)}
                      </Menu.Item>
                    ))}
                  </Menu.Dropdown>
                </Menu>
              ) : null}
            </Group>
          </Group>
          <UploadProgressList
            entries={uploads.entries}
            onCancel={uploads.cancel}
            onClear={uploads.clearFinished}
            linkToFile={false}
          />
        </Stack>
      </Paper>
      <Paper
        withBorder
        p={{ base: 'xs', sm: 'md' }}
        component="section"
        aria-label={t('files.preview.label')}
      >
        {/* A new version remounts the preview on the new version's own address. */}
        <FilePreview key={file.version} file={file} contentUrl={versionUrl(file.contentUrl, file.version)} />
      </Paper>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="comments">{t('files.comments.title')}</Tabs.Tab>
          <Tabs.Tab value="versions">{t('files.versions.title')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="comments" pt="md">
          <FileCommentsPanel file={file} />
        </Tabs.Panel>
        <Tabs.Panel value="versions" pt="md">
          <FileVersionsPanel file={file} />
        </Tabs.Panel>
      </Tabs>
      {dialog ? (
        <ItemDialogs
          action={dialog}
          subject={{ type: 'file', id: file.id, name: file.name, space: file.space, parentId: file.folderId }}
          onClose={() => setDialog(null)}
          onDeleted={() => void navigate(back, { replace: true })}
        />
      ) : null}
    </Stack>
  );
}
