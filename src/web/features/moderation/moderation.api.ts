import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Report, ResolveReportBody, ResolveReportResult } from '../../../shared/api/moderation.js';
import type { Page } from '../../../shared/api/pagination.js';
import { api, isApiError } from '../../lib/api.js';
import { useMe } from '../../lib/useMe.js';

/** Which part of the queue is shown. */
export type ReportTab = 'open' | 'resolved';

export const moderationKeys = {
  all: ['moderation'] as const,
  reports: (status: ReportTab) => ['moderation', 'reports', status] as const,
  access: (userId: string) => ['moderation', 'access', userId] as const,
};

/** Reports in the review queue the viewer may resolve, newest first, page by page. */
export function useReports(status: ReportTab) {
  return useInfiniteQuery({
    queryKey: moderationKeys.reports(status),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Report>>('/moderation/reports', {
        query: { status, limit: 20, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Allows, hides or deletes the reported content; every open report on it is resolved. */
export function useResolveReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ResolveReportBody }) =>
      api.post<ResolveReportResult>(`/moderation/reports/${id}/resolve`, { body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['moderation', 'reports'] });
      // A hidden or deleted post changes every list that shows it.
      void queryClient.invalidateQueries({ queryKey: ['posts'] });
    },
  });
}

/**
 * Whether the viewer reviews reports anywhere: platform moderators and admins always; anyone
 * else when the queue answers them (group admins and moderators) rather than refusing with 403.
 * Guests never moderate. The answer is kept for a while: it changes only with a role.
 */
export function useCanModerate(): boolean {
  const me = useMe().data?.user;
  const platform = me?.role === 'admin' || me?.role === 'moderator';
  const probe = useQuery({
    queryKey: moderationKeys.access(me?.id ?? ''),
    queryFn: async ({ signal }) => {
      try {
        await api.get<Page<Report>>('/moderation/reports', { query: { limit: 1 }, signal });
        return true;
      } catch (error) {
        if (isApiError(error, 403)) return false;
        throw error;
      }
    },
    enabled: Boolean(me) && !platform && me?.role !== 'guest',
    staleTime: 5 * 60_000,
    retry: false,
  });
  return platform || probe.data === true;
}
