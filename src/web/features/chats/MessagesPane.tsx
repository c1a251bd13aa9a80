import { Box, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatView, Message } from '../../../shared/api/chats.js';
import { useMe } from '../../lib/useMe.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { ChatComposer } from './ChatComposer.js';
import { chatKeys, markRead, setChatUnread, useReceipts } from './chats.api.js';
import { type TypingPerson, useConversation } from './conversation.store.js';
import { type MessageActions, MessageItem, PendingItem } from './MessageItem.js';

/** "Anna is typing…", "Anna and Boris are typing…", "Several people are typing…". */
function TypingLine({ typing }: { typing: TypingPerson[] }) {
  const { t } = useTranslation();
  const [a, b] = typing;
  const text = !a
    ? ''
    : typing.length === 1
      ? t('chats.typing.one', { name: a.name })
      : typing.length === 2
        ? t('chats.typing.two', { a: a.name, b: b?.name ?? '' })
        : t('chats.typing.many');
  return (
    <Text size="xs" c="dimmed" h={18} aria-live="polite" data-testid="typing-indicator" truncate="end">
      {text}
    </Text>
  );
}

const nearBottomPx = 80;

interface MessagesPaneProps {
  chat: ChatView;
  /** A thread's root message: the pane shows that thread; null for the chat itself. */
  threadRoot: Message | null;
  onOpenThread: (message: Message) => void;
  onForward: (message: Message) => void;
}

/**
 * The messages of a chat or a thread, with the composer under them. Scrolling to the top loads
 * older pages (keeping the view where it was); new messages scroll into view when the reader was
 * at the bottom; reaching the bottom marks the chat read.
 */
export function MessagesPane({ chat, threadRoot, onOpenThread, onForward }: MessagesPaneProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const me = useMe().data?.user;
  const conversation = useConversation(chat.id, threadRoot?.id ?? null, me?.id);
  const { store, messages, pending } = conversation;
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [editing, setEditing] = useState<Message | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const top = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const previous = useRef<{ first?: string; last?: string; height: number; count: number }>({
    height: 0,
    count: 0,
  });
  const readUpTo = useRef(chat.viewer.lastReadSeq);

  // Receipts: the others' read position starts from who read the viewer's newest message.
  const newestMine = [...messages].reverse().find((m) => m.author?.id === me?.id && m.kind !== 'system');
  const receipts = useReceipts(chat.id, newestMine?.id);
  useEffect(() => {
    if (receipts.data && newestMine && receipts.data.readCount > 0) store.setOthersReadSeq(newestMine.seq);
  }, [receipts.data, newestMine, store]);
  // A `chat.read` frame moved someone's position: "read by N" is counted again.
  const othersReadSeq = conversation.othersReadSeq;
  const newestMineId = newestMine?.id;
  useEffect(() => {
    if (newestMineId && othersReadSeq > 0) {
      void queryClient.invalidateQueries({ queryKey: chatKeys.receipts(chat.id, newestMineId) });
    }
  }, [othersReadSeq, newestMineId, queryClient, chat.id]);

  const markReadIfSeen = useCallback(() => {
    if (threadRoot || !atBottom.current || document.visibilityState !== 'visible') return;
    const seq = Math.max(store.latestSeq, messages.at(-1)?.seq ?? 0);
    if (seq <= readUpTo.current) return;
    readUpTo.current = seq;
    setChatUnread(queryClient, chat.id, 0);
    markRead(chat.id, seq).catch(() => {
      readUpTo.current = 0;
    });
  }, [threadRoot, store, messages, queryClient, chat.id]);

  useEffect(() => {
    document.addEventListener('visibilitychange', markReadIfSeen);
    return () => document.removeEventListener('visibilitychange', markReadIfSeen);
  }, [markReadIfSeen]);

  // Keep the view in place when older messages come in above; follow new ones at the bottom.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const before = previous.current;
    const first = messages[0]?.id;
    const last = pending.at(-1)?.clientId ?? messages.at(-1)?.id;
    const count = messages.length + pending.length;
    if (before.count === 0 && count > 0) {
      el.scrollTop = el.scrollHeight;
    } else if (first !== before.first && last === before.last) {
      el.scrollTop += el.scrollHeight - before.height;
    } else if (last !== before.last) {
      const mineNew = pending.length > 0 && pending.at(-1)?.clientId === last;
      if (atBottom.current || mineNew) el.scrollTop = el.scrollHeight;
    }
    previous.current = { first, last, height: el.scrollHeight, count };
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < nearBottomPx;
    markReadIfSeen();
  }, [messages, pending, markReadIfSeen]);

  // The top sentinel in view: the page before.
  useEffect(() => {
    const el = top.current;
    if (!el || !conversation.hasOlder) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) void store.loadOlder();
      },
      { root: scroller.current, rootMargin: '200px 0px 0px 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [conversation.hasOlder, store]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < nearBottomPx;
    if (atBottom.current) markReadIfSeen();
  };

  const actions: MessageActions = {
    onReply: setReplyTo,
    onThread: onOpenThread,
    onForward,
    onEdit: setEditing,
    onUpdated: (m) => store.upsert(m),
    onShowQuoted: (id) =>
      document.getElementById(`message-${id}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' }),
  };

  const shown =
    threadRoot && !messages.some((m) => m.id === threadRoot.id) ? [threadRoot, ...messages] : messages;

  return (
    <Stack gap={0} h="100%" miw={0} style={{ flex: 1, minHeight: 0 }}>
      <Box
        ref={scroller}
        onScroll={onScroll}
        style={{ flex: 1, minHeight: 0, overflowY: 'auto', overflowX: 'hidden' }}
        px={4}
        data-testid="messages"
        role="log"
        aria-label={t('chats.conversation.messages')}
      >
        <div ref={top} />
        {conversation.loadingOlder ? (
          <Center py="xs">
            <Loader size="xs" />
          </Center>
        ) : null}
        {conversation.hasOlder && !conversation.loadingOlder ? (
          <Center py="xs">
            <Button size="compact-xs" variant="subtle" onClick={() => void store.loadOlder()}>
              {t('chats.conversation.older')}
            </Button>
          </Center>
        ) : null}
        {conversation.loading && messages.length === 0 ? (
          <Center py="xl">
            <Loader size="sm" />
          </Center>
        ) : null}
        <ErrorAlert error={conversation.error} />
        {!conversation.loading && shown.length === 0 && pending.length === 0 ? (
          <Text c="dimmed" ta="center" size="sm" py="xl">
            {threadRoot ? t('chats.thread.empty') : t('chats.conversation.empty')}
          </Text>
        ) : null}
        <Stack gap={4} pb="xs">
          {shown.map((message, i) => {
            const prev = shown[i - 1];
            const showAuthor =
              !prev ||
              prev.author?.id !== message.author?.id ||
              prev.kind === 'system' ||
              new Date(message.createdAt).getTime() - new Date(prev.createdAt).getTime() > 5 * 60_000;
            return (
              <MessageItem
                key={message.id}
                message={message}
                chat={chat}
                meId={me?.id}
                meName={me?.name}
                othersReadSeq={conversation.othersReadSeq}
                readBy={message.id === newestMine?.id ? receipts.data?.readCount : undefined}
                showAuthor={showAuthor}
                inThread={Boolean(threadRoot)}
                actions={actions}
              />
            );
          })}
          {pending.map((p) => (
            <PendingItem
              key={p.clientId}
              pending={p}
              onRetry={() => store.retry(p.clientId)}
              onDiscard={() => store.discard(p.clientId)}
            />
          ))}
        </Stack>
      </Box>
      <TypingLine typing={conversation.typing} />
      {chat.abilities.post ? (
        <ChatComposer
          store={store}
          replyTo={replyTo}
          onClearReply={() => setReplyTo(null)}
          editing={editing}
          onDoneEditing={() => setEditing(null)}
        />
      ) : (
        <Text
          size="sm"
          c="dimmed"
          ta="center"
          py="xs"
          style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
        >
          {t('chats.conversation.readOnly')}
        </Text>
      )}
    </Stack>
  );
}
