import { useQuery } from '@tanstack/react-query';
import type { Banner } from '../../../shared/api/banners.js';
import type { Page } from '../../../shared/api/pagination.js';
import { api } from '../../lib/api.js';

/** Under `['banners']`, which the banner administration invalidates on every change. */
export const runningBannersKey = ['banners', 'running'] as const;

/** The banners running now, newest first (none for guests). */
export function useRunningBanners() {
  return useQuery({
    queryKey: runningBannersKey,
    queryFn: ({ signal }) => api.get<Page<Banner>>('/banners', { query: { limit: 10 }, signal }),
    staleTime: 60_000,
    refetchInterval: 5 * 60_000,
  });
}
