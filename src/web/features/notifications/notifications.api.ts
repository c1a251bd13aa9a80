import {
  type InfiniteData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type {
  Notification,
  NotificationSettings,
  NotificationSettingsUpdate,
  UnreadCount,
} from '../../../shared/api/notifications.js';
import type { Page } from '../../../shared/api/pagination.js';
import { api } from '../../lib/api.js';

export const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread-count'] as const,
  list: (unreadOnly: boolean) => ['notifications', 'list', { unreadOnly }] as const,
  settings: ['notifications', 'settings'] as const,
};

/** How many of the viewer's notifications are unread (kept live by the socket). */
export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: ({ signal }) => api.get<UnreadCount>('/notifications/unread-count', { signal }),
    enabled,
    staleTime: 60_000,
  });
}

/** The viewer's notifications, newest first, page by page. */
export function useNotifications(unreadOnly: boolean, enabled = true) {
  return useInfiniteQuery({
    queryKey: notificationKeys.list(unreadOnly),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Notification>>('/notifications', {
        query: { limit: 20, cursor: pageParam, unread: unreadOnly || undefined },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

function markInLists(queryClient: QueryClient, ids: readonly string[] | 'all'): void {
  const readAt = new Date().toISOString();
  queryClient.setQueriesData<InfiniteData<Page<Notification>>>(
    { queryKey: ['notifications', 'list'] },
    (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              items: page.items.map((n) =>
                n.readAt === null && (ids === 'all' || ids.includes(n.id)) ? { ...n, readAt } : n,
              ),
            })),
          }
        : data,
  );
}

/** Marks one notification read; the count follows. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<UnreadCount>(`/notifications/${id}/read`),
    onSuccess: (count, id) => {
      queryClient.setQueryData(notificationKeys.unread, count);
      markInLists(queryClient, [id]);
    },
  });
}

/** Marks every notification read. */
export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<UnreadCount>('/notifications/read-all'),
    onSuccess: (count) => {
      queryClient.setQueryData(notificationKeys.unread, count);
      markInLists(queryClient, 'all');
    },
  });
}

/** Which kinds of notifications the viewer gets in the app. */
export function useNotificationSettings() {
  return useQuery({
    queryKey: notificationKeys.settings,
    queryFn: ({ signal }) => api.get<NotificationSettings>('/notifications/settings', { signal }),
  });
}

/** Switches kinds of notifications on or off. */
export function useUpdateNotificationSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NotificationSettingsUpdate) =>
      api.put<NotificationSettings>('/notifications/settings', { body }),
    onSuccess: (settings) => queryClient.setQueryData(notificationKeys.settings, settings),
  });
}

/** Refetches the count and the lists, when the socket says they changed. */
export function refreshNotifications(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: notificationKeys.unread });
  void queryClient.invalidateQueries({ queryKey: ['notifications', 'list'] });
}
