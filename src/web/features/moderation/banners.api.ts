import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Banner, CreateBannerBody, UpdateBannerBody } from '../../../shared/api/banners.js';
import type { Page } from '../../../shared/api/pagination.js';
import { api } from '../../lib/api.js';

/** Banners share this key with the feed's banner strip, so an edit shows there at once. */
export const bannersKey = ['banners'] as const;

/** Banners, page by page, as the administration lists them. */
export function useBannerAdminList() {
  return useInfiniteQuery({
    queryKey: [...bannersKey, 'admin'] as const,
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Banner>>('/banners', { query: { limit: 50, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

function useRefreshBanners() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: bannersKey });
}

/** Pins a new banner over everyone's feed until its end date. */
export function useCreateBanner() {
  const onSuccess = useRefreshBanners();
  return useMutation({
    mutationFn: (body: CreateBannerBody) => api.post<Banner>('/banners', { body }),
    onSuccess,
  });
}

/** Changes a banner's text, link or end date. */
export function useUpdateBanner() {
  const onSuccess = useRefreshBanners();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateBannerBody }) =>
      api.patch<Banner>(`/banners/${id}`, { body }),
    onSuccess,
  });
}

/** Takes a banner down. */
export function useDeleteBanner() {
  const onSuccess = useRefreshBanners();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/banners/${id}`),
    onSuccess,
  });
}
