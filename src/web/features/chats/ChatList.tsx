import {
  ActionIcon,
  Button,
  Group,
  Loader,
  Menu,
  Modal,
  ScrollArea,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ChatFolder, ChatView } from '../../../shared/api/chats.js';
import { chatLimits } from '../../../shared/api/chats.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { ConfirmDialog } from '../posts/ConfirmDialog.js';
import { useRelativeTime } from '../posts/RelativeTime.js';
import { ChatListItem } from './ChatListItem.js';
import { ChatsIcon } from './ChatsIcon.js';
import {
  type ChatFilter,
  useChatFolders,
  useChatList,
  useChatSettings,
  useFolderMutations,
  useMessageSearch,
  useUnreadSummary,
} from './chats.api.js';
import { NewChatDialog } from './NewChatDialog.js';

/** A name for a folder: creating one or renaming it. */
function FolderNameDialog({
  opened,
  onClose,
  initial,
  title,
  onSubmit,
  loading,
  error,
}: {
  opened: boolean;
  onClose: () => void;
  initial: string;
  title: string;
  onSubmit: (name: string) => void;
  loading: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) onSubmit(name.trim());
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label={t('chats.folders.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={chatLimits.folderName}
            required
            data-autofocus
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={loading}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Puts a chat into one of the viewer's folders, or takes it out. */
function MoveToFolderDialog({
  chat,
  folders,
  onClose,
}: {
  chat: ChatView;
  folders: ChatFolder[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const settings = useChatSettings(chat.id);
  const [folderId, setFolderId] = useState<string | null>(chat.viewer.folderId);
  return (
    <Modal opened onClose={onClose} title={t('chats.folders.moveTitle', { name: chat.name })}>
      <Stack>
        <Select
          label={t('chats.folders.folder')}
          data={[
            { value: '', label: t('chats.folders.none') },
            ...folders.map((f) => ({ value: f.id, label: f.name })),
          ]}
          value={folderId ?? ''}
          onChange={(value) => setFolderId(value || null)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <ErrorAlert error={settings.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={settings.isPending}
            onClick={() => settings.mutate({ folderId }, { onSuccess: onClose })}
          >
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Messages found by words across the viewer's chats. */
function SearchResults({ q }: { q: string }) {
  const { t } = useTranslation();
  const relative = useRelativeTime();
  const search = useMessageSearch(q);
  const hits = search.data?.pages.flatMap((p) => p.items) ?? [];
  if (search.isPending) return <Loader size="sm" m="md" />;
  if (search.error) return <ErrorAlert error={search.error} />;
  if (hits.length === 0)
    return (
      <Text c="dimmed" size="sm" p="sm">
        {t('chats.search.none')}
      </Text>
    );
  return (
    <Stack gap={2} role="list" aria-label={t('chats.search.results')}>
      {hits.map((hit) => (
        <UnstyledButton
          key={hit.message.id}
          component={Link}
          to={`/chats/${hit.chat.id}`}
          role="listitem"
          p="xs"
          style={{ borderRadius: 'var(--mantine-radius-md)' }}
        >
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Text size="sm" fw={600} truncate="end">
              {hit.chat.name}
            </Text>
            <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
              {relative(hit.message.createdAt)}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
            {hit.message.author ? `${hit.message.author.name}: ` : ''}
            {hit.message.body}
          </Text>
        </UnstyledButton>
      ))}
      {search.hasNextPage ? (
        <Button
          variant="subtle"
          size="xs"
          loading={search.isFetchingNextPage}
          onClick={() => search.fetchNextPage()}
        >
          {t('common.loadMore')}
        </Button>
      ) : null}
    </Stack>
  );
}

/**
 * The viewer's chats (C1, C2): folders as a row of tabs (create, rename, delete), pinned chats
 * first, unread counts kept live, the archive, a search across messages, and "New chat".
 */
export function ChatList({ activeId }: { activeId: string | undefined }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<ChatFilter>({ kind: 'all' });
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [newChat, newChatDialog] = useDisclosure(false);
  const [folderDialog, setFolderDialog] = useState<'create' | 'rename' | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [moving, setMoving] = useState<ChatView | null>(null);
  const folders = useChatFolders().data?.items ?? [];
  const list = useChatList(filter);
  const unread = useUnreadSummary().data;
  const mutations = useFolderMutations();
  const chats = list.data?.pages.flatMap((p) => p.items) ?? [];
  const activeFolder = filter.kind === 'folder' ? folders.find((f) => f.id === filter.folderId) : undefined;

  const tab = (key: string, label: string, next: ChatFilter, active: boolean) => (
    <Button
      key={key}
      size="compact-sm"
      radius="xl"
      variant={active ? 'filled' : 'default'}
      onClick={() => setFilter(next)}
      aria-pressed={active}
      style={{ flex: 'none' }}
    >
      {label}
    </Button>
  );

  return (
    <Stack gap="xs" h="100%" miw={0}>
      <Group justify="space-between" wrap="nowrap">
        <Title order={1} size="h3">
          {t('chats.title')}
        </Title>
        <Button size="xs" leftSection={<ChatsIcon name="plus" size={16} />} onClick={newChatDialog.open}>
          {t('chats.new.open')}
        </Button>
      </Group>
      <TextInput
        type="search"
        aria-label={t('chats.search.label')}
        placeholder={t('chats.search.placeholder')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maxLength={chatLimits.search}
      />
      {q ? (
        <ScrollArea style={{ flex: 1 }}>
          <SearchResults q={q} />
        </ScrollArea>
      ) : (
        <>
          <ScrollArea type="never" offsetScrollbars={false}>
            <Group gap={6} wrap="nowrap" role="toolbar" aria-label={t('chats.folders.label')} pb={4}>
              {tab('all', t('chats.folders.all'), { kind: 'all' }, filter.kind === 'all')}
              {folders.map((folder) =>
                tab(
                  folder.id,
                  folder.name,
                  { kind: 'folder', folderId: folder.id },
                  filter.kind === 'folder' && filter.folderId === folder.id,
                ),
              )}
              {tab('archived', t('chats.folders.archived'), { kind: 'archived' }, filter.kind === 'archived')}
              <ActionIcon
                variant="subtle"
                aria-label={t('chats.folders.create')}
                onClick={() => setFolderDialog('create')}
                style={{ flex: 'none' }}
              >
                <ChatsIcon name="plus" size={16} />
              </ActionIcon>
              {activeFolder ? (
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t('chats.folders.actions', { name: activeFolder.name })}
                      style={{ flex: 'none' }}
                    >
                      <ChatsIcon name="dots" size={16} />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item onClick={() => setFolderDialog('rename')}>
                      {t('chats.folders.rename')}
                    </Menu.Item>
                    <Menu.Item color="red" onClick={() => setDeleting(true)}>
                      {t('chats.folders.delete')}
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              ) : null}
            </Group>
          </ScrollArea>
          <ScrollArea style={{ flex: 1 }} offsetScrollbars>
            {list.isPending ? <Loader size="sm" m="md" /> : null}
            <ErrorAlert error={list.error} />
            {!list.isPending && chats.length === 0 ? (
              <Text c="dimmed" size="sm" p="sm">
                {filter.kind === 'archived' ? t('chats.list.noneArchived') : t('chats.list.none')}
              </Text>
            ) : null}
            <Stack gap={2} data-testid="chat-list">
              {chats.map((chat) => (
                <ChatListItem
                  key={chat.id}
                  chat={chat}
                  unread={unread ? (unread.chats[chat.id] ?? 0) : chat.viewer.unread}
                  active={chat.id === activeId}
                  onMoveToFolder={setMoving}
                />
              ))}
              {list.hasNextPage ? (
                <Button
                  variant="subtle"
                  size="xs"
                  loading={list.isFetchingNextPage}
                  onClick={() => list.fetchNextPage()}
                >
                  {t('common.loadMore')}
                </Button>
              ) : null}
            </Stack>
          </ScrollArea>
        </>
      )}
      {newChat ? <NewChatDialog onClose={newChatDialog.close} /> : null}
      {folderDialog ? (
        <FolderNameDialog
          opened
          onClose={() => setFolderDialog(null)}
          initial={folderDialog === 'rename' ? (activeFolder?.name ?? '') : ''}
          title={folderDialog === 'rename' ? t('chats.folders.rename') : t('chats.folders.create')}
          loading={mutations.create.isPending || mutations.rename.isPending}
          error={folderDialog === 'rename' ? mutations.rename.error : mutations.create.error}
          onSubmit={(name) => {
            if (folderDialog === 'rename' && activeFolder) {
              mutations.rename.mutate(
                { id: activeFolder.id, name },
                { onSuccess: () => setFolderDialog(null) },
              );
            } else {
              mutations.create.mutate(name, {
                onSuccess: (folder) => {
                  setFolderDialog(null);
                  setFilter({ kind: 'folder', folderId: folder.id });
                },
              });
            }
          }}
        />
      ) : null}
      <ConfirmDialog
        opened={deleting && Boolean(activeFolder)}
        title={t('chats.folders.delete')}
        text={t('chats.folders.deleteText', { name: activeFolder?.name ?? '' })}
        confirmLabel={t('chats.folders.delete')}
        loading={mutations.remove.isPending}
        error={mutations.remove.error}
        onClose={() => setDeleting(false)}
        onConfirm={() =>
          activeFolder &&
          mutations.remove.mutate(activeFolder.id, {
            onSuccess: () => {
              setDeleting(false);
              setFilter({ kind: 'all' });
            },
          })
        }
      />
      {moving ? <MoveToFolderDialog chat={moving} folders={folders} onClose={() => setMoving(null)} /> : null}
    </Stack>
  );
}
