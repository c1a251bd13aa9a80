import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateReportBody, PostModeration } from '../../../shared/api/moderation.js';
import { api } from '../../lib/api.js';
import { patchPostEverywhere, postKeys } from './posts.api.js';

/** The moderation actions on a post, as their paths under `/posts/{id}/`. */
export type PostModerationAction = 'hide' | 'unhide' | 'pin' | 'unpin' | 'lock-comments' | 'unlock-comments';

/** Hides, pins or locks a post; the post's state follows in every list that shows it. */
export function useModeratePost(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: PostModerationAction) =>
      api.post<PostModeration>(`/posts/${id}/${action}`, { body: {} }),
    onSuccess: (state) => {
      patchPostEverywhere(queryClient, id, (post) => ({
        ...post,
        hidden: state.hiddenAt !== null,
        commentsLocked: state.commentsLocked,
        pinned: state.pinnedAt !== null,
        pinnedAt: state.pinnedAt,
      }));
      // Pinning reorders lists; abilities (comment) may change with a lock.
      void queryClient.invalidateQueries({ queryKey: postKeys.lists });
      void queryClient.invalidateQueries({ queryKey: postKeys.detail(id) });
    },
  });
}

/** Hides or restores a comment. */
export function useModerateComment(postId: string, commentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (hide: boolean) =>
      api.post(`/posts/${postId}/comments/${commentId}/${hide ? 'hide' : 'unhide'}`, { body: {} }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: postKeys.comments(postId) }),
  });
}

/** Reports a post, or one of its comments, to the moderators. */
export function useReportPost(postId: string) {
  return useMutation({
    mutationFn: (body: CreateReportBody) => api.post(`/posts/${postId}/reports`, { body }),
  });
}
