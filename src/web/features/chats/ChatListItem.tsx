import { ActionIcon, Badge, Box, Group, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ChatView } from '../../../shared/api/chats.js';
import { UserAvatar } from '../../ui/UserAvatar.js';
import { useRelativeTime } from '../posts/RelativeTime.js';
import { PresenceDot } from '../presence/PresenceDot.js';
import { ChatsIcon } from './ChatsIcon.js';
import { useChatSettings } from './chats.api.js';

/** What the list says of a chat's newest message: who, and a short plain-text excerpt. */
export function useLastMessageText() {
  const { t } = useTranslation();
  return (chat: ChatView): string => {
    const last = chat.lastMessage;
    if (!last) return t('chats.list.noMessages');
    if (last.deleted) return t('chats.message.deleted');
    const text = last.kind === 'sticker' ? t('chats.message.sticker') : last.excerpt;
    return last.author && chat.kind !== 'direct' && last.kind !== 'system'
      ? `${last.author.name}: ${text}`
      : text;
  };
}

interface ChatListItemProps {
  chat: ChatView;
  unread: number;
  active: boolean;
  onMoveToFolder: (chat: ChatView) => void;
}

/**
 * One chat in the list: photo (with the peer's presence), name, newest message, time, unread
 * count. Memoised: a list of hundreds re-renders only the items whose chat or count changed.
 */
export const ChatListItem = memo(function ChatListItem({
  chat,
  unread,
  active,
  onMoveToFolder,
}: ChatListItemProps) {
  const { t } = useTranslation();
  const relative = useRelativeTime();
  const lastText = useLastMessageText();
  const settings = useChatSettings(chat.id);
  const { viewer } = chat;
  return (
    <Group
      gap={4}
      wrap="nowrap"
      data-testid="chat-list-item"
      data-chat-id={chat.id}
      style={{
        borderRadius: 'var(--mantine-radius-md)',
        background: active ? 'var(--mantine-color-brand-light, var(--mantine-color-blue-light))' : undefined,
      }}
    >
      <UnstyledButton
        component={Link}
        to={`/chats/${chat.id}`}
        aria-current={active ? 'page' : undefined}
        p="xs"
        style={{ flex: 1, minWidth: 0 }}
      >
        <Group gap="sm" wrap="nowrap">
          <Box pos="relative" style={{ flex: 'none' }}>
            <UserAvatar name={chat.name} photoUrl={chat.photoUrl} size={44} />
            {chat.kind === 'direct' && chat.peer ? (
              <Box pos="absolute" right={-2} bottom={-2} style={{ lineHeight: 0 }}>
                <PresenceDot userId={chat.peer.id} />
              </Box>
            ) : null}
          </Box>
          <Stack gap={2} miw={0} style={{ flex: 1 }}>
            <Group gap={4} wrap="nowrap" justify="space-between">
              <Group gap={4} wrap="nowrap" miw={0}>
                {chat.kind === 'channel' ? (
                  <Badge size="xs" variant="light" style={{ flex: 'none' }}>
                    {t('chats.kind.channel')}
                  </Badge>
                ) : null}
                <Text fw={unread > 0 ? 700 : 500} size="sm" truncate="end" data-testid="chat-name">
                  {chat.name}
                </Text>
              </Group>
              {chat.lastMessage ? (
                <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
                  {relative(chat.lastMessage.createdAt)}
                </Text>
              ) : null}
            </Group>
            <Group gap={4} wrap="nowrap" justify="space-between">
              <Text size="xs" c="dimmed" truncate="end">
                {lastText(chat)}
              </Text>
              <Group gap={4} wrap="nowrap" style={{ flex: 'none' }}>
                {viewer.pinned ? (
                  <Box c="dimmed" aria-label={t('chats.list.pinned')} role="img" style={{ lineHeight: 0 }}>
                    <ChatsIcon name="pin" size={14} />
                  </Box>
                ) : null}
                {unread > 0 ? (
                  <Badge
                    size="sm"
                    color={viewer.muted ? 'gray' : 'red'}
                    circle={unread < 10}
                    aria-label={t('chats.list.unread', { count: unread })}
                    data-testid="chat-unread"
                  >
                    {unread > 99 ? '99+' : unread}
                  </Badge>
                ) : null}
              </Group>
            </Group>
          </Stack>
        </Group>
      </UnstyledButton>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={t('chats.list.actions', { name: chat.name })}>
            <ChatsIcon name="dots" />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => settings.mutate({ pinned: !viewer.pinned })}>
            {viewer.pinned ? t('chats.settings.unpin') : t('chats.settings.pin')}
          </Menu.Item>
          <Menu.Item onClick={() => settings.mutate({ muted: !viewer.muted })}>
            {viewer.muted ? t('chats.settings.unmute') : t('chats.settings.mute')}
          </Menu.Item>
          <Menu.Item onClick={() => settings.mutate({ archived: !viewer.archived })}>
            {viewer.archived ? t('chats.settings.unarchive') : t('chats.settings.archive')}
          </Menu.Item>
          <Menu.Item onClick={() => onMoveToFolder(chat)}>{t('chats.folders.moveTo')}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
});
