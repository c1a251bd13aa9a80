import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../shared/api/pagination.js';
import type { CreateStoryBody, Story, StoryAuthor } from '../../../shared/api/stories.js';
import { api } from '../../lib/api.js';

export const storiesKey = ['stories'] as const;

/** People with stories of the last 24 hours, most recent poster first. */
export function useStories() {
  return useInfiniteQuery({
    queryKey: storiesKey,
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<StoryAuthor>>('/stories', { query: { limit: 30, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 60_000,
    refetchInterval: 5 * 60_000,
  });
}

/** Posts a story for 24 hours. */
export function useCreateStory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateStoryBody) => api.post<Story>('/stories', { body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: storiesKey }),
  });
}

/** Removes a story before its time. */
export function useDeleteStory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/stories/${id}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: storiesKey }),
  });
}
