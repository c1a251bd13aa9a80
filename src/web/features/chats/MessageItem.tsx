import {
  ActionIcon,
  Anchor,
  Box,
  Button,
  Group,
  Image,
  Menu,
  Paper,
  Popover,
  SimpleGrid,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatView, Message, MessageAttachment } from '../../../shared/api/chats.js';
import { api } from '../../lib/api.js';
import { useFormatters } from '../../lib/useFormatters.js';
import { UserAvatar } from '../../ui/UserAvatar.js';
import { useFormatBytes } from '../files/useFormatBytes.js';
import { ConfirmDialog } from '../posts/ConfirmDialog.js';
import { PostHtml } from '../posts/PostHtml.js';
import { ChatsIcon } from './ChatsIcon.js';
import { chatPaths } from './chats.api.js';
import type { PendingMessage } from './conversation.store.js';
import { reactionEmoji } from './emoji.js';

export interface MessageActions {
  onReply: (message: Message) => void;
  onThread: (message: Message) => void;
  onForward: (message: Message) => void;
  onEdit: (message: Message) => void;
  /** A message the server answered with (a reaction or a deletion): shown at once. */
  onUpdated: (message: Message) => void;
  /** Scroll to a quoted message, if it is loaded. */
  onShowQuoted: (messageId: string) => void;
}

function isMessage(value: unknown): value is Message {
  return value !== null && typeof value === 'object' && 'seq' in value && 'chatId' in value;
}

/** Images inline (the thumbnail, opening the full picture); other files as cards to download. */
export function Attachments({ attachments }: { attachments: MessageAttachment[] }) {
  const { t } = useTranslation();
  const formatBytes = useFormatBytes();
  if (attachments.length === 0) return null;
  const images = attachments.filter((a) => a.kind === 'image');
  const files = attachments.filter((a) => a.kind !== 'image');
  return (
    <Stack gap={6}>
      {images.length > 0 ? (
        <SimpleGrid cols={images.length === 1 ? 1 : 2} spacing={6} maw={360}>
          {images.map((a) => (
            <Anchor
              key={a.id}
              href={a.url}
              target="_blank"
              rel="noopener noreferrer"
              aria-label={t('chats.message.openImage', { name: a.name })}
            >
              <Image
                src={a.thumbnailUrl ?? a.url}
                alt={a.name}
                radius="sm"
                maw={360}
                mah={280}
                fit="contain"
                data-testid="message-image"
              />
            </Anchor>
          ))}
        </SimpleGrid>
      ) : null}
      {files.map((a) => (
        <Paper key={a.id} withBorder p="xs" radius="md" maw={360} data-testid="message-file">
          <Group gap="sm" wrap="nowrap">
            <ChatsIcon name="file" size={24} />
            <Stack gap={0} miw={0} style={{ flex: 1 }}>
              <Text size="sm" truncate="end">
                {a.name}
              </Text>
              <Text size="xs" c="dimmed">
                {formatBytes(a.size)}
              </Text>
            </Stack>
            <ActionIcon
              component="a"
              href={a.url}
              download={a.name}
              variant="subtle"
              aria-label={t('chats.message.download', { name: a.name })}
            >
              <ChatsIcon name="download" />
            </ActionIcon>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

/** The quote above a reply: who wrote the original and its first words. */
export function Quote({
  quoted,
  onClick,
}: {
  quoted: NonNullable<Message['replyTo']>;
  onClick?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  return (
    <UnstyledButton
      onClick={onClick}
      data-testid="message-quote"
      style={{
        borderLeft: '3px solid var(--mantine-color-blue-5)',
        paddingLeft: 8,
        display: 'block',
        maxWidth: '100%',
      }}
    >
      <Text size="xs" fw={600} truncate="end">
        {quoted.author?.name ?? t('chats.message.someone')}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
        {quoted.deleted ? t('chats.message.deleted') : quoted.excerpt}
      </Text>
    </UnstyledButton>
  );
}

interface MessageItemProps {
  message: Message;
  chat: ChatView;
  meId: string | undefined;
  meName: string | undefined;
  othersReadSeq: number;
  /** "Read by N" under the viewer's newest message in a chat of more than two. */
  readBy?: number | undefined;
  /** First of a run by the same author: shows the name and photo. */
  showAuthor: boolean;
  inThread: boolean;
  actions: MessageActions;
}

/** One message: author, text (the server's sanitised HTML), attachments, reactions, receipts, actions. */
export function MessageItem({
  message,
  chat,
  meId,
  meName,
  othersReadSeq,
  readBy,
  showAuthor,
  inThread,
  actions,
}: MessageItemProps) {
  const { t, i18n } = useTranslation();
  const { dateTime } = useFormatters();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleting, setDeleting] = useState<{ pending: boolean; error: unknown }>({
    pending: false,
    error: null,
  });
  const [pickerOpen, setPickerOpen] = useState(false);
  const mine = Boolean(meId && message.author?.id === meId);
  const deleted = message.deletedAt !== null;

  if (message.kind === 'system') {
    return (
      <Text
        size="xs"
        c="dimmed"
        ta="center"
        py={4}
        data-testid="message-system"
        style={{ overflowWrap: 'anywhere' }}
      >
        {message.body}
      </Text>
    );
  }

  const react = async (emoji: string) => {
    setPickerOpen(false);
    const mineAlready = message.reactions.some(
      (r) => r.emoji === emoji && meName && r.people.includes(meName),
    );
    const path = chatPaths.reaction(message.chatId, message.id, emoji);
    try {
      const answer = mineAlready ? await api.delete<unknown>(path) : await api.put<unknown>(path);
      if (isMessage(answer)) actions.onUpdated(answer);
    } catch {
      // The reactions bar stays as it was; the next update of the message corrects it anyway.
    }
  };

  const remove = async () => {
    setDeleting({ pending: true, error: null });
    try {
      const answer = await api.delete<unknown>(chatPaths.message(message.chatId, message.id));
      if (isMessage(answer)) actions.onUpdated(answer);
      setConfirmDelete(false);
      setDeleting({ pending: false, error: null });
    } catch (error) {
      setDeleting({ pending: false, error });
    }
  };

  const stamp = new Date(message.createdAt).toLocaleTimeString(
    i18n.resolvedLanguage === 'ru' ? 'ru-RU' : 'en-GB',
    {
      hour: '2-digit',
      minute: '2-digit',
    },
  );
  const read = mine && message.seq <= othersReadSeq;

  return (
    <Group
      gap="xs"
      wrap="nowrap"
      align="flex-start"
      id={`message-${message.id}`}
      data-testid="message"
      data-message-id={message.id}
      data-seq={message.seq}
      data-mine={mine || undefined}
      pt={showAuthor ? 6 : 0}
      style={{ flexDirection: mine ? 'row-reverse' : 'row' }}
    >
      <Box w={32} style={{ flex: 'none' }}>
        {showAuthor && !mine && message.author ? (
          <UserAvatar name={message.author.name} photoUrl={message.author.photoUrl} size={32} />
        ) : null}
      </Box>
      <Stack gap={2} miw={0} maw="min(640px, 85%)" align={mine ? 'flex-end' : 'flex-start'}>
        {showAuthor && !mine && message.author && chat.kind !== 'direct' ? (
          <Text size="xs" fw={600} c="dimmed" truncate="end" maw="100%">
            {message.author.name}
          </Text>
        ) : null}
        <Paper
          px="sm"
          py={6}
          radius="lg"
          bg={mine ? 'var(--mantine-color-blue-light)' : 'var(--mantine-color-default-hover)'}
          maw="100%"
          style={{ overflowWrap: 'anywhere', minWidth: 0 }}
        >
          <Stack gap={4}>
            {message.forwardedFrom ? (
              <Text size="xs" c="dimmed" fs="italic">
                {t('chats.message.forwardedFrom', {
                  name: message.forwardedFrom.author?.name ?? t('chats.message.someone'),
                })}
              </Text>
            ) : null}
            {message.replyTo ? (
              <Quote
                quoted={message.replyTo}
                onClick={() => actions.onShowQuoted(message.replyTo?.id ?? '')}
              />
            ) : null}
            {deleted ? (
              <Text size="sm" c="dimmed" fs="italic" data-testid="message-deleted">
                {t('chats.message.deleted')}
              </Text>
            ) : (
              <>
                {message.sticker ? (
                  <Image
                    src={message.sticker.url}
                    alt={message.sticker.emoji ?? t('chats.message.sticker')}
                    w={128}
                    h={128}
                    fit="contain"
                    data-testid="message-sticker"
                  />
                ) : null}
                {message.html ? (
                  <Box data-testid="message-body" fz="sm">
                    <PostHtml html={message.html} />
                  </Box>
                ) : null}
                <Attachments attachments={message.attachments} />
              </>
            )}
          </Stack>
        </Paper>
        {message.reactions.length > 0 && !deleted ? (
          <Group gap={4}>
            {message.reactions.map((r) => {
              const reacted = Boolean(meName && r.people.includes(meName));
              return (
                <Tooltip
                  key={r.emoji}
                  label={r.people.join(', ')}
                  withinPortal
                  disabled={r.people.length === 0}
                >
                  <Button
                    size="compact-xs"
                    radius="xl"
                    variant={reacted ? 'light' : 'default'}
                    aria-pressed={reacted}
                    onClick={() => void react(r.emoji)}
                    data-testid="message-reaction"
                  >
                    {r.emoji} {r.count}
                  </Button>
                </Tooltip>
              );
            })}
          </Group>
        ) : null}
        <Group gap={6} wrap="nowrap" justify={mine ? 'flex-end' : 'flex-start'}>
          <Text size="xs" c="dimmed" title={dateTime(message.createdAt)}>
            {stamp}
          </Text>
          {message.editedAt && !deleted ? (
            <Text size="xs" c="dimmed" data-testid="message-edited" title={dateTime(message.editedAt)}>
              {t('chats.message.edited')}
            </Text>
          ) : null}
          {mine ? (
            <Box
              c={read ? 'blue' : 'dimmed'}
              role="img"
              aria-label={read ? t('chats.receipts.read') : t('chats.receipts.sent')}
              data-testid="message-receipt"
              data-read={read ? 'true' : 'false'}
              style={{ lineHeight: 0 }}
            >
              <ChatsIcon name={read ? 'checks' : 'check'} size={14} />
            </Box>
          ) : null}
          {readBy !== undefined && readBy > 0 && chat.memberCount > 2 ? (
            <Text size="xs" c="dimmed" data-testid="message-read-by">
              {t('chats.receipts.readBy', { count: readBy })}
            </Text>
          ) : null}
          {!inThread && message.threadReplyCount > 0 ? (
            <Anchor component="button" type="button" size="xs" onClick={() => actions.onThread(message)}>
              {t('chats.thread.replies', { count: message.threadReplyCount })}
            </Anchor>
          ) : null}
          {!deleted ? (
            <Popover opened={pickerOpen} onChange={setPickerOpen} position="top" withinPortal>
              <Popover.Target>
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="gray"
                  aria-label={t('chats.message.react')}
                  onClick={() => setPickerOpen((o) => !o)}
                >
                  <ChatsIcon name="smile" size={14} />
                </ActionIcon>
              </Popover.Target>
              <Popover.Dropdown p={4}>
                <Group gap={2}>
                  {reactionEmoji.map((emoji) => (
                    <ActionIcon
                      key={emoji}
                      variant="subtle"
                      size="lg"
                      onClick={() => void react(emoji)}
                      aria-label={t('chats.message.reactWith', { emoji })}
                    >
                      <span aria-hidden="true">{emoji}</span>
                    </ActionIcon>
                  ))}
                </Group>
              </Popover.Dropdown>
            </Popover>
          ) : null}
          {!deleted ? (
            <Menu position={mine ? 'bottom-end' : 'bottom-start'} withinPortal>
              <Menu.Target>
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="gray"
                  aria-label={t('chats.message.actions')}
                  data-testid="message-menu"
                >
                  <ChatsIcon name="dots" size={14} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                {chat.abilities.post ? (
                  <Menu.Item
                    leftSection={<ChatsIcon name="reply" size={14} />}
                    onClick={() => actions.onReply(message)}
                  >
                    {t('chats.message.reply')}
                  </Menu.Item>
                ) : null}
                {!inThread ? (
                  <Menu.Item
                    leftSection={<ChatsIcon name="thread" size={14} />}
                    onClick={() => actions.onThread(message)}
                  >
                    {t('chats.message.replyInThread')}
                  </Menu.Item>
                ) : null}
                <Menu.Item
                  leftSection={<ChatsIcon name="forward" size={14} />}
                  onClick={() => actions.onForward(message)}
                >
                  {t('chats.message.forward')}
                </Menu.Item>
                {mine && message.kind === 'text' ? (
                  <Menu.Item
                    leftSection={<ChatsIcon name="settings" size={14} />}
                    onClick={() => actions.onEdit(message)}
                  >
                    {t('common.edit')}
                  </Menu.Item>
                ) : null}
                {mine || chat.abilities.moderate ? (
                  <Menu.Item color="red" onClick={() => setConfirmDelete(true)}>
                    {t('common.delete')}
                  </Menu.Item>
                ) : null}
              </Menu.Dropdown>
            </Menu>
          ) : null}
        </Group>
      </Stack>
      <ConfirmDialog
        opened={confirmDelete}
        title={t('chats.message.deleteTitle')}
        text={t('chats.message.deleteText')}
        confirmLabel={t('common.delete')}
        loading={deleting.pending}
        error={deleting.error}
        onClose={() => setConfirmDelete(false)}
        onConfirm={() => void remove()}
      />
    </Group>
  );
}

/** The viewer's message on its way: greyed while sending; on failure, why, with "Try again". */
export function PendingItem({
  pending,
  onRetry,
  onDiscard,
}: {
  pending: PendingMessage;
  onRetry: () => void;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  const failed = pending.status === 'failed';
  return (
    <Group
      gap="xs"
      wrap="nowrap"
      align="flex-start"
      style={{ flexDirection: 'row-reverse' }}
      data-testid="message-pending"
      data-client-id={pending.clientId}
      data-status={pending.status}
    >
      <Box w={32} style={{ flex: 'none' }} />
      <Stack gap={2} miw={0} maw="min(640px, 85%)" align="flex-end">
        <Paper
          px="sm"
          py={6}
          radius="lg"
          bg="var(--mantine-color-blue-light)"
          style={{ opacity: failed ? 1 : 0.6, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}
        >
          <Stack gap={4}>
            {pending.replyTo ? <Quote quoted={pending.replyTo} /> : null}
            {pending.sticker ? (
              <Image
                src={pending.sticker.url}
                alt={pending.sticker.emoji ?? t('chats.message.sticker')}
                w={128}
                h={128}
                fit="contain"
              />
            ) : null}
            {pending.request.body ? <Text size="sm">{pending.request.body}</Text> : null}
            <Attachments attachments={pending.attachments} />
          </Stack>
        </Paper>
        {failed ? (
          <Group gap={6} wrap="wrap" justify="flex-end">
            <Text size="xs" c="red" role="alert">
              {pending.error ?? t('chats.sendFailed')}
            </Text>
            <Button size="compact-xs" variant="light" onClick={onRetry}>
              {t('common.retry')}
            </Button>
            <Button size="compact-xs" variant="subtle" color="gray" onClick={onDiscard}>
              {t('chats.discard')}
            </Button>
          </Group>
        ) : (
          <Group gap={4} c="dimmed" aria-label={t('chats.receipts.sending')} role="img">
            <ChatsIcon name="clock" size={14} />
          </Group>
        )}
      </Stack>
    </Group>
  );
}
