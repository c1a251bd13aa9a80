import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Report, ResolveReportBody, ResolveReportResult } from '../../../shared/api/moderation.js';
import type { Page } from '../../../shared/api/pagination.js';
import { api } from '../../lib/api.js';
import { useMe } from '../../lib/useMe.js';

/** Which part of the queue is shown. */
export type ReportTab = 'open' | 'resolved';

export const moderationKeys = {
  all: ['moderation'] as const,
  reports: (status: ReportTab) => ['moderation', 'reports', status] as const,
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
 * Whether the viewer reviews reports anywhere, as `GET /me` says (`canModerate`: platform
 * moderators and admins, admins and moderators of a group). The answers of sign-in and setup
 * leave it out; then `/me` is asked once, and meanwhile the platform role decides.
 */
export function useCanModerate(): boolean {
  const me = useMe();
  const session = me.data;
  const known = session?.canModerate;
  const { refetch } = me;
  useEffect(() => {
    if (session && known === undefined) void refetch({ cancelRefetch: false });
  }, [session, known, refetch]);
  return known ?? (session?.user.role === 'admin' || session?.user.role === 'moderator');
}
