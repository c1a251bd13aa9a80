import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { Page } from '../../../shared/api/pagination.js';
import type { TopicSummary, TopicView } from '../../../shared/api/topics.js';
import { api } from '../../lib/api.js';

export const topicKeys = {
  all: ['topics'] as const,
  detail: (tag: string) => ['topics', 'detail', tag] as const,
  directory: (q: string) => ['topics', 'directory', q] as const,
};

/** One topic with the viewer's follow state and abilities. */
export function useTopic(tag: string) {
  return useQuery({
    queryKey: topicKeys.detail(tag),
    queryFn: ({ signal }) => api.get<TopicView>(`/topics/${encodeURIComponent(tag)}`, { signal }),
  });
}

/** Topics whose tag starts with `q`, by tag, page by page. */
export function useTopicDirectory(q: string) {
  return useInfiniteQuery({
    queryKey: topicKeys.directory(q),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<TopicSummary>>('/topics', {
        query: { q: q || undefined, limit: 50, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Follows or unfollows a topic; its posts then join or leave the personal feed. */
export function useFollowTopic(tag: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (follow: boolean) =>
      (follow ? api.put : api.delete)<{ followedByMe: boolean; followersCount: number }>(
        `/topics/${encodeURIComponent(tag)}/follow`,
      ),
    onSuccess: (result) => {
      queryClient.setQueryData<TopicView>(topicKeys.detail(tag), (topic) =>
        topic ? { ...topic, ...result } : topic,
      );
      void queryClient.invalidateQueries({ queryKey: ['topics', 'directory'] });
      void queryClient.invalidateQueries({ queryKey: ['posts', 'list', 'feed'] });
    },
  });
}

/** Marks a topic as a priority topic (its posts reach every feed), or stops it being one. */
export function useSetTopicPriority() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ tag, priority }: { tag: string; priority: boolean }) =>
      api.put<TopicView>(`/admin/topics/${encodeURIComponent(tag)}/priority`, { body: { priority } }),
    onSuccess: (topic) => {
      queryClient.setQueryData(topicKeys.detail(topic.tag), topic);
      void queryClient.invalidateQueries({ queryKey: ['topics', 'directory'] });
      void queryClient.invalidateQueries({ queryKey: ['posts', 'list', 'feed'] });
    },
  });
}
