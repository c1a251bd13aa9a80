import {
  type InfiniteData,
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ChatFolder,
  ChatKind,
  ChatMember,
  ChatNotify,
  ChatView,
  LinkedChat,
  Message,
  messageListSchema,
  messageReceiptsSchema,
  messageSearchHitSchema,
  StickerPack,
  UnreadSummary,
} from '../../../shared/api/chats.js';
import type { Page } from '../../../shared/api/pagination.js';
import { api } from '../../lib/api.js';

export type MessageList = z.infer<typeof messageListSchema>;
export type MessageReceipts = z.infer<typeof messageReceiptsSchema>;
export type MessageSearchHit = z.infer<typeof messageSearchHitSchema>;

/** The chat list's filter: a folder of the viewer's, all chats, or the archived ones. */
export type ChatFilter = { kind: 'all' } | { kind: 'archived' } | { kind: 'folder'; folderId: string };

/** Query keys; everything under `chats` is refetched when the socket says the chats changed. */
export const chatKeys = {
  all: ['chats'] as const,
  lists: ['chats', 'list'] as const,
  list: (filter: ChatFilter) => ['chats', 'list', filter] as const,
  unread: ['chats', 'unread'] as const,
  detail: (id: string) => ['chats', 'detail', id] as const,
  members: (id: string) => ['chats', 'members', id] as const,
  folders: ['chats', 'folders'] as const,
  search: (q: string) => ['chats', 'search', q] as const,
  receipts: (chatId: string, messageId: string) => ['chats', 'receipts', chatId, messageId] as const,
  stickers: ['chats', 'stickers'] as const,
};

/** The server's addresses, in one place. */
export const chatPaths = {
  chats: '/chats',
  chat: (id: string) => `/chats/${id}`,
  me: (id: string) => `/chats/${id}/me`,
  read: (id: string) => `/chats/${id}/read`,
  unread: '/chats/unread',
  search: '/chats/search',
  folders: '/chat-folders',
  folder: (id: string) => `/chat-folders/${id}`,
  members: (id: string) => `/chats/${id}/members`,
  member: (id: string, userId: string) => `/chats/${id}/members/${userId}`,
  messages: (id: string) => `/chats/${id}/messages`,
  message: (id: string, messageId: string) => `/chats/${id}/messages/${messageId}`,
  forward: (id: string, messageId: string) => `/chats/${id}/messages/${messageId}/forward`,
  reaction: (id: string, messageId: string, emoji: string) =>
    `/chats/${id}/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`,
  receipts: (id: string, messageId: string) => `/chats/${id}/messages/${messageId}/receipts`,
  attachments: (id: string) => `/chats/${id}/attachments`,
  stickers: '/stickers',
  groupChat: (groupId: string) => `/groups/${groupId}/chat`,
};

/** The viewer's chats (pinned first, then by newest message), page by page. */
export function useChatList(filter: ChatFilter) {
  return useInfiniteQuery({
    queryKey: chatKeys.list(filter),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<ChatView>>(chatPaths.chats, {
        query: {
          limit: 30,
          cursor: pageParam,
          folder: filter.kind === 'folder' ? filter.folderId : undefined,
          archived: filter.kind === 'archived' ? 'true' : undefined,
        },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Unread counts per chat and in total (the navigation's badge). */
export function useUnreadSummary(enabled = true) {
  return useQuery({
    queryKey: chatKeys.unread,
    queryFn: ({ signal }) => api.get<UnreadSummary>(chatPaths.unread, { signal }),
    enabled,
    staleTime: 60_000,
  });
}

export function useChat(id: string | undefined) {
  return useQuery({
    queryKey: chatKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<ChatView>(chatPaths.chat(id ?? ''), { signal }),
    enabled: Boolean(id),
  });
}

export function useChatMembers(id: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: chatKeys.members(id),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<ChatMember>>(chatPaths.members(id), { query: { limit: 100, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useChatFolders() {
  return useQuery({
    queryKey: chatKeys.folders,
    queryFn: ({ signal }) => api.get<{ items: ChatFolder[] }>(chatPaths.folders, { signal }),
    staleTime: 60_000,
  });
}

/** Messages of the viewer's chats containing every word of `q`. */
export function useMessageSearch(q: string) {
  return useInfiniteQuery({
    queryKey: chatKeys.search(q),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<MessageSearchHit>>(chatPaths.search, {
        query: { q, limit: 20, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: q.length > 0,
  });
}

export function useStickerPacks(enabled = true) {
  return useQuery({
    queryKey: chatKeys.stickers,
    queryFn: ({ signal }) => api.get<{ items: StickerPack[] }>(chatPaths.stickers, { signal }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useReceipts(chatId: string, messageId: string | undefined) {
  return useQuery({
    queryKey: chatKeys.receipts(chatId, messageId ?? ''),
    queryFn: ({ signal }) =>
      api.get<MessageReceipts>(chatPaths.receipts(chatId, messageId ?? ''), { signal }),
    enabled: Boolean(messageId),
  });
}

/** Refetches the list, the counts and one chat's details, after anything about chats changed. */
export function refreshChats(queryClient: QueryClient, chatId?: string): void {
  void queryClient.invalidateQueries({ queryKey: chatKeys.lists });
  void queryClient.invalidateQueries({ queryKey: chatKeys.unread });
  void queryClient.invalidateQueries({ queryKey: chatKeys.folders });
  if (chatId) {
    void queryClient.invalidateQueries({ queryKey: chatKeys.detail(chatId) });
    void queryClient.invalidateQueries({ queryKey: chatKeys.members(chatId) });
  }
}

export function useCreateChat() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: ChatKind; memberIds: string[]; name?: string }) =>
      api.post<ChatView>(chatPaths.chats, { body }),
    onSuccess: (chat) => {
      queryClient.setQueryData(chatKeys.detail(chat.id), chat);
      refreshChats(queryClient);
    },
  });
}

/** Opens (creating when needed) a group's own chat. */
export function useOpenGroupChat() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (groupId: string) => api.post<LinkedChat>(chatPaths.groupChat(groupId)),
    onSuccess: (linked) => {
      if (linked.chat) queryClient.setQueryData(chatKeys.detail(linked.chatId), linked.chat);
      refreshChats(queryClient);
    },
  });
}

export interface ChatSettings {
  muted?: boolean;
  notify?: ChatNotify;
  pinned?: boolean;
  archived?: boolean;
  folderId?: string | null;
}

export function useChatSettings(chatId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChatSettings) => api.patch<ChatView | undefined>(chatPaths.me(chatId), { body }),
    onSuccess: (chat) => {
      if (chat && typeof chat === 'object' && 'id' in chat)
        queryClient.setQueryData(chatKeys.detail(chatId), chat);
      refreshChats(queryClient, chatId);
    },
  });
}

export function useRenameChat(chatId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.patch<ChatView>(chatPaths.chat(chatId), { body: { name } }),
    onSuccess: () => refreshChats(queryClient, chatId),
  });
}

export function useAddMembers(chatId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (userIds: string[]) => {
      for (const userId of userIds) await api.post(chatPaths.member(chatId, userId));
    },
    onSettled: () => refreshChats(queryClient, chatId),
  });
}

export function useRemoveMember(chatId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.delete(chatPaths.member(chatId, userId)),
    onSettled: () => refreshChats(queryClient, chatId),
  });
}

export function useFolderMutations() {
  const queryClient = useQueryClient();
  const done = () => refreshChats(queryClient);
  return {
    create: useMutation({
      mutationFn: (name: string) => api.post<ChatFolder>(chatPaths.folders, { body: { name } }),
      onSuccess: done,
    }),
    rename: useMutation({
      mutationFn: ({ id, name }: { id: string; name: string }) =>
        api.patch<ChatFolder>(chatPaths.folder(id), { body: { name } }),
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api.delete(chatPaths.folder(id)),
      onSuccess: done,
    }),
  };
}

export function markRead(chatId: string, seq: number): Promise<unknown> {
  return api.post(chatPaths.read(chatId), { body: { seq } });
}

export function sendOverHttp(chatId: string, body: object): Promise<Message> {
  return api.post<Message>(chatPaths.messages(chatId), { body });
}

export function fetchMessages(
  chatId: string,
  query: { before?: number; after?: number; thread?: string; limit?: number },
  signal?: AbortSignal,
): Promise<MessageList> {
  return api.get<MessageList>(chatPaths.messages(chatId), { query: { limit: 50, ...query }, signal });
}

/** Sets the unread count of one chat in the cached summary (after reading it here). */
export function setChatUnread(queryClient: QueryClient, chatId: string, unread: number): void {
  queryClient.setQueryData<UnreadSummary>(chatKeys.unread, (summary) => {
    if (!summary) return summary;
    const before = summary.chats[chatId] ?? 0;
    if (before === unread) return summary;
    const chats = { ...summary.chats };
    if (unread > 0) chats[chatId] = unread;
    else delete chats[chatId];
    return { total: Math.max(0, summary.total - before + unread), chats };
  });
  queryClient.setQueriesData<InfiniteData<Page<ChatView>>>({ queryKey: chatKeys.lists }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.map((chat) =>
              chat.id === chatId ? { ...chat, viewer: { ...chat.viewer, unread } } : chat,
            ),
          })),
        }
      : data,
  );
}
