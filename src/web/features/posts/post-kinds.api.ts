import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../shared/api/pagination.js';
import type {
  CreateAnnouncementBody,
  CreateEventBody,
  CreatePollBody,
  CreateReferralBody,
  CreateVacancyBody,
  EventView,
  PersonRef,
  PollView,
  Referral,
  RsvpAnswerValue,
} from '../../../shared/api/post-kinds.js';
import type { PostView } from '../../../shared/api/posts.js';
import { api } from '../../lib/api.js';
import { patchPostEverywhere, postKeys } from './posts.api.js';

/** A post of a kind the composer publishes besides plain posts, with its request body. */
export type KindPostRequest =
  | { kind: 'event'; body: CreateEventBody }
  | { kind: 'poll'; body: CreatePollBody }
  | { kind: 'announcement'; body: CreateAnnouncementBody }
  | { kind: 'vacancy'; body: CreateVacancyBody };

const kindPaths: Record<KindPostRequest['kind'], string> = {
  event: '/events',
  poll: '/polls',
  announcement: '/announcements',
  vacancy: '/vacancies',
};

/** Publishes an event, a poll, an announcement or a vacancy. */
export function useCreateKindPost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, body }: KindPostRequest) => api.post<PostView>(kindPaths[kind], { body }),
    onSuccess: (post) => {
      queryClient.setQueryData(postKeys.detail(post.id), post);
      void queryClient.invalidateQueries({ queryKey: postKeys.lists });
    },
  });
}

/** Answers an event: going, maybe or no. */
export function useRsvp(postId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answer: RsvpAnswerValue) =>
      api.put<EventView>(`/posts/${postId}/rsvp`, { body: { answer } }),
    onSuccess: (event) => patchPostEverywhere(queryClient, postId, (post) => ({ ...post, event })),
  });
}

/** Votes in a poll (or answers a quiz). */
export function useVote(postId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (optionIds: string[]) => api.put<PollView>(`/posts/${postId}/votes`, { body: { optionIds } }),
    onSuccess: (poll) => patchPostEverywhere(queryClient, postId, (post) => ({ ...post, poll })),
  });
}

/** "I have read it" on a must-read announcement. */
export function useConfirmRead(postId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ confirmedAt: string }>(`/posts/${postId}/read-confirmation`),
    onSuccess: ({ confirmedAt }) =>
      patchPostEverywhere(queryClient, postId, (post) =>
        post.announcement
          ? {
              ...post,
              announcement: {
                ...post.announcement,
                confirmedAt,
                abilities: { ...post.announcement.abilities, confirm: false },
              },
            }
          : post,
      ),
  });
}

/** One page of a must-read announcement's readers, with the counts of both lists. */
export interface ReaderPage extends Page<{ user: PersonRef; confirmedAt: string | null }> {
  counts: { confirmed: number; pending: number };
}

/** Who has confirmed a must-read announcement, or who has not yet (its author and moderators). */
export function useReaders(postId: string, status: 'confirmed' | 'pending') {
  return useInfiniteQuery({
    queryKey: ['posts', 'readers', postId, status],
    queryFn: ({ pageParam, signal }) =>
      api.get<ReaderPage>(`/posts/${postId}/readers`, {
        query: { status, limit: 50, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Reminds those who have not confirmed yet. */
export function useRemindReaders(postId: string) {
  return useMutation({
    mutationFn: () => api.post<{ notified: number }>(`/posts/${postId}/remind`),
  });
}

/** Recommends a candidate for a vacancy. */
export function useCreateReferral(postId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateReferralBody) => api.post<Referral>(`/posts/${postId}/referrals`, { body }),
    onSuccess: () =>
      patchPostEverywhere(queryClient, postId, (post) =>
        post.vacancy
          ? { ...post, vacancy: { ...post.vacancy, myReferralCount: post.vacancy.myReferralCount + 1 } }
          : post,
      ),
  });
}
