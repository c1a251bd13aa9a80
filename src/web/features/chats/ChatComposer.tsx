import {
  ActionIcon,
  Box,
  CloseButton,
  FileButton,
  Group,
  Image,
  Paper,
  Popover,
  Progress,
  ScrollArea,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  UnstyledButton,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionResponse } from '../../../shared/api/auth.js';
import { chatLimits, type Message, type MessageAttachment, type Sticker } from '../../../shared/api/chats.js';
import { api } from '../../lib/api.js';
import { getRealtime } from '../../lib/realtime.js';
import { meKey } from '../../lib/useMe.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { ChatsIcon } from './ChatsIcon.js';
import { uploadChatAttachment } from './chat-upload.js';
import { chatPaths, useStickerPacks } from './chats.api.js';
import { newClientId } from './client-id.js';
import type { ConversationStore } from './conversation.store.js';
import { composerEmoji } from './emoji.js';
import { Quote } from './MessageItem.js';

interface Upload {
  key: string;
  name: string;
  progress: number;
  attachment?: MessageAttachment;
  error?: string;
  abort: AbortController;
}

interface ChatComposerProps {
  store: ConversationStore;
  replyTo: Message | null;
  onClearReply: () => void;
  editing: Message | null;
  onDoneEditing: () => void;
}

const typingEveryMs = 3000;

/** The stickers of the company's packs, one tab a pack. */
function StickerPicker({ onPick }: { onPick: (sticker: Sticker) => void }) {
  const { t } = useTranslation();
  const packs = (useStickerPacks().data?.items ?? []).filter((p) => !p.archived && p.stickers.length > 0);
  if (packs.length === 0)
    return (
      <Text size="sm" c="dimmed" p="xs">
        {t('chats.composer.noStickers')}
      </Text>
    );
  return (
    <Tabs defaultValue={packs[0]?.id} keepMounted={false}>
      <ScrollArea type="never">
        <Tabs.List style={{ flexWrap: 'nowrap' }}>
          {packs.map((pack) => (
            <Tabs.Tab key={pack.id} value={pack.id}>
              {pack.name}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </ScrollArea>
      {packs.map((pack) => (
        <Tabs.Panel key={pack.id} value={pack.id} pt="xs">
          <ScrollArea.Autosize mah={240}>
            <SimpleGrid cols={4} spacing={4}>
              {pack.stickers.map((sticker) => (
                <UnstyledButton
                  key={sticker.id}
                  onClick={() => onPick(sticker)}
                  aria-label={
                    sticker.emoji
                      ? t('chats.composer.stickerNamed', { emoji: sticker.emoji })
                      : t('chats.message.sticker')
                  }
                  data-testid="sticker-option"
                  p={2}
                >
                  <Image src={sticker.url} alt="" w={56} h={56} fit="contain" />
                </UnstyledButton>
              ))}
            </SimpleGrid>
          </ScrollArea.Autosize>
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}

/**
 * Writes a message (C4): Enter sends, Shift+Enter starts a new line; files are uploaded as soon as
 * they are picked (with progress) and sent with the text; stickers send at once; emoji go into
 * the text. Sends show as pending until the server has them (conversation.store.ts). Editing a
 * message of one's own reuses the field.
 */
export function ChatComposer({ store, replyTo, onClearReply, editing, onDoneEditing }: ChatComposerProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [stickersOpen, setStickersOpen] = useState(false);
  const [emojiOpen, setEmojiOpen] = useState(false);
  const [editError, setEditError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const lastTyping = useRef(0);
  const field = useRef<HTMLTextAreaElement>(null);
  const chatId = store.chatId;

  useEffect(() => {
    if (editing) {
      setText(editing.body);
      setEditError(null);
      field.current?.focus();
    }
  }, [editing]);
  useEffect(() => {
    if (replyTo) field.current?.focus();
  }, [replyTo]);

  const uploading = uploads.some((u) => !u.attachment && !u.error);
  const ready = uploads.filter((u) => u.attachment).map((u) => u.attachment as MessageAttachment);

  const quoteOf = (m: Message | null) =>
    m
      ? {
          id: m.id,
          seq: m.seq,
          author: m.author,
          excerpt: m.body.slice(0, 200),
          deleted: m.deletedAt !== null,
        }
      : null;

  const send = (sticker?: Sticker) => {
    const body = sticker ? '' : text.trim();
    if (!sticker && !body && ready.length === 0) return;
    if (uploading) return;
    const clientId = newClientId();
    store.send({
      clientId,
      request: {
        clientId,
        body,
        ...(replyTo ? { replyToId: replyTo.id } : {}),
        ...(store.threadRootId ? { threadRootId: store.threadRootId } : {}),
        ...(!sticker && ready.length > 0 ? { attachmentIds: ready.map((a) => a.id) } : {}),
        ...(sticker ? { stickerId: sticker.id } : {}),
      },
      replyTo: quoteOf(replyTo),
      sticker: sticker ?? null,
      attachments: sticker ? [] : ready,
    });
    if (!sticker) {
      setText('');
      setUploads([]);
    }
    onClearReply();
    setStickersOpen(false);
  };

  const saveEdit = async () => {
    if (!editing) return;
    const body = text.trim();
    if (!body) return;
    setSaving(true);
    try {
      const answer = await api.patch<Message>(chatPaths.message(chatId, editing.id), { body: { body } });
      if (answer && typeof answer === 'object' && 'seq' in answer) store.upsert(answer);
      setText('');
      onDoneEditing();
    } catch (error) {
      setEditError(error);
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      if (editing) void saveEdit();
      else send();
    }
    if (event.key === 'Escape' && editing) {
      setText('');
      onDoneEditing();
    }
  };

  const onChange = (value: string) => {
    setText(value);
    const now = Date.now();
    if (!editing && value && now - lastTyping.current > typingEveryMs) {
      lastTyping.current = now;
      getRealtime().typing(chatId);
    }
  };

  const attach = (files: File[]) => {
    const csrfToken = queryClient.getQueryData<SessionResponse | null>(meKey)?.csrfToken;
    for (const file of files.slice(0, chatLimits.attachments - uploads.length)) {
      const key = newClientId();
      const abort = new AbortController();
      setUploads((list) => [...list, { key, name: file.name, progress: 0, abort }]);
      const patch = (p: Partial<Upload>) =>
        setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...p } : u)));
      uploadChatAttachment(chatId, file, csrfToken, (progress) => patch({ progress }), abort.signal)
        .then((attachment) => patch({ attachment, progress: 1 }))
        .catch((error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError') return;
          patch({ error: error instanceof Error ? error.message : t('errors.unexpected') });
        });
    }
  };

  const removeUpload = (key: string) => {
    setUploads((list) => {
      list.find((u) => u.key === key)?.abort.abort();
      return list.filter((u) => u.key !== key);
    });
  };

  return (
    <Stack gap={6} pt="xs" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
      {replyTo && !editing ? (
        <Paper withBorder p={6} radius="md" data-testid="reply-chip">
          <Group gap="xs" wrap="nowrap" justify="space-between">
            <Box miw={0} style={{ flex: 1 }}>
              <Text size="xs" c="dimmed">
                {t('chats.composer.replyingTo')}
              </Text>
              <Quote
                quoted={quoteOf(replyTo) ?? { id: '', seq: 0, author: null, excerpt: '', deleted: false }}
              />
            </Box>
            <CloseButton aria-label={t('chats.composer.cancelReply')} onClick={onClearReply} />
          </Group>
        </Paper>
      ) : null}
      {editing ? (
        <Group gap="xs" justify="space-between" wrap="nowrap">
          <Text size="xs" c="dimmed">
            {t('chats.composer.editing')}
          </Text>
          <CloseButton
            aria-label={t('chats.composer.cancelEdit')}
            onClick={() => {
              setText('');
              onDoneEditing();
            }}
          />
        </Group>
      ) : null}
      <ErrorAlert error={editError} />
      {uploads.length > 0 ? (
        <Stack gap={4}>
          {uploads.map((u) => (
            <Group key={u.key} gap="xs" wrap="nowrap" data-testid="upload">
              <Text size="xs" truncate="end" style={{ flex: 1 }}>
                {u.name}
              </Text>
              {u.error ? (
                <Text size="xs" c="red" role="alert">
                  {u.error}
                </Text>
              ) : u.attachment ? (
                <Box
                  c="green"
                  role="img"
                  aria-label={t('chats.composer.uploaded', { name: u.name })}
                  style={{ lineHeight: 0 }}
                >
                  <ChatsIcon name="check" size={16} />
                </Box>
              ) : (
                <Progress
                  value={Math.round(u.progress * 100)}
                  w={80}
                  size="sm"
                  aria-label={t('chats.composer.uploadProgress', { name: u.name })}
                />
              )}
              <CloseButton
                size="sm"
                aria-label={t('chats.composer.removeFile', { name: u.name })}
                onClick={() => removeUpload(u.key)}
              />
            </Group>
          ))}
        </Stack>
      ) : null}
      <Group gap={4} wrap="nowrap" align="flex-end">
        {!editing ? (
          <FileButton onChange={attach} multiple>
            {(props) => (
              <ActionIcon
                {...props}
                variant="subtle"
                size="lg"
                aria-label={t('chats.composer.attach')}
                data-testid="composer-attach"
              >
                <ChatsIcon name="attach" />
              </ActionIcon>
            )}
          </FileButton>
        ) : null}
        <Textarea
          ref={field}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          placeholder={t('chats.composer.placeholder')}
          aria-label={t('chats.composer.label')}
          autosize
          minRows={1}
          maxRows={6}
          maxLength={chatLimits.body}
          style={{ flex: 1, minWidth: 0 }}
          data-testid="composer-input"
        />
        <Popover opened={emojiOpen} onChange={setEmojiOpen} position="top-end" withinPortal>
          <Popover.Target>
            <ActionIcon
              variant="subtle"
              size="lg"
              aria-label={t('chats.composer.emoji')}
              onClick={() => setEmojiOpen((o) => !o)}
            >
              <ChatsIcon name="smile" />
            </ActionIcon>
          </Popover.Target>
          <Popover.Dropdown p={4}>
            <SimpleGrid cols={8} spacing={2}>
              {composerEmoji.map((emoji) => (
                <ActionIcon
                  key={emoji}
                  variant="subtle"
                  onClick={() => {
                    setText((v) => v + emoji);
                    setEmojiOpen(false);
                    field.current?.focus();
                  }}
                  aria-label={emoji}
                >
                  <span aria-hidden="true">{emoji}</span>
                </ActionIcon>
              ))}
            </SimpleGrid>
          </Popover.Dropdown>
        </Popover>
        {!editing ? (
          <Popover
            opened={stickersOpen}
            onChange={setStickersOpen}
            position="top-end"
            width={300}
            withinPortal
          >
            <Popover.Target>
              <ActionIcon
                variant="subtle"
                size="lg"
                aria-label={t('chats.composer.stickers')}
                onClick={() => setStickersOpen((o) => !o)}
                data-testid="composer-stickers"
              >
                <ChatsIcon name="sticker" />
              </ActionIcon>
            </Popover.Target>
            <Popover.Dropdown p="xs">
              {stickersOpen ? <StickerPicker onPick={(s) => send(s)} /> : null}
            </Popover.Dropdown>
          </Popover>
        ) : null}
        <ActionIcon
          size="lg"
          aria-label={editing ? t('common.save') : t('chats.composer.send')}
          onClick={() => (editing ? void saveEdit() : send())}
          loading={saving}
          disabled={uploading}
          data-testid="composer-send"
        >
          <ChatsIcon name={editing ? 'check' : 'send'} />
        </ActionIcon>
      </Group>
    </Stack>
  );
}
