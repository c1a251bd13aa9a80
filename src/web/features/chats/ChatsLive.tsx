import { Badge } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useRealtime } from '../../lib/realtime.js';
import { useMe } from '../../lib/useMe.js';
import { trackActivity } from '../presence/presence.store.js';
import { chatKeys, refreshChats, useUnreadSummary } from './chats.api.js';

/**
 * Keeps the chat list and the unread counts right in every tab (C3): a message anywhere, a
 * chat read or changed in another tab or device (`chats.changed` on the person's own stream)
 * refetches them, at most a few times a second however busy the chats are.
 */
export function useChatsLive(enabled: boolean): void {
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const soon = (chatId?: string) => {
    if (chatId) refreshChats(queryClient, chatId);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => refreshChats(queryClient), 300);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  useRealtime('chat.message', () => soon(), enabled);
  useRealtime('chat.message.updated', () => soon(), enabled);
  useRealtime(
    'chats.changed',
    (data) => {
      // Read in some tab: only the counts changed (the list takes its counts from the summary).
      if (data.reason === 'read') void queryClient.invalidateQueries({ queryKey: chatKeys.unread });
      else soon(data.chatId);
    },
    enabled,
  );
  useRealtime('chat.updated', (data) => soon(data.chatId), enabled);
  useRealtime(
    'realtime.resync',
    ({ stream }) => (stream.startsWith('user:') || stream.startsWith('chat:')) && soon(),
    enabled,
  );
}

/**
 * The total of unread chat messages next to "Chats" in the navigation; also where every page
 * keeps the counts live and tells the server whether this tab is in use (presence).
 */
export function ChatsNavBadge() {
  const { t } = useTranslation();
  const signedIn = Boolean(useMe().data);
  const unread = useUnreadSummary(signedIn);
  useChatsLive(signedIn);
  useEffect(() => (signedIn ? trackActivity() : undefined), [signedIn]);
  const total = unread.data?.total ?? 0;
  if (total === 0) return null;
  return (
    <Badge
      size="sm"
      color="red"
      circle={total < 10}
      aria-label={t('chats.unreadTotal', { count: total })}
      data-testid="chats-unread-total"
    >
      {total > 99 ? '99+' : total}
    </Badge>
  );
}
