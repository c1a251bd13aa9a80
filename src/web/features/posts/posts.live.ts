import { type InfiniteData, type QueryClient, useQueryClient } from '@tanstack/react-query';
import type { PostView } from '../../../shared/api/posts.js';
import { api, isApiError } from '../../lib/api.js';
import { useRealtime } from '../../lib/realtime.js';
import { type PostPage, postKeys, putPostEverywhere, removePostEverywhere } from './posts.api.js';

/** Whether post `id` is shown anywhere in the cache (its page, a list, or embedded as a share). */
function isCached(queryClient: QueryClient, id: string): boolean {
  if (queryClient.getQueryData(postKeys.detail(id))) return true;
  return queryClient
    .getQueriesData<InfiniteData<PostPage>>({ queryKey: postKeys.lists })
    .some(([, data]) =>
      data?.pages.some((page) => page.items.some((post) => post.id === id || post.sharedPost?.id === id)),
    );
}

const pending = new Map<string, ReturnType<typeof setTimeout>>();

/**
 * Refetches a post the server said changed, once per burst however many lists and pages asked
 * (events name ids only: the content comes over HTTP, where access is checked). A post the
 * viewer can no longer read (deleted, hidden, moved out of reach) leaves every list.
 */
export function refreshPost(queryClient: QueryClient, id: string): void {
  if (pending.has(id) || !isCached(queryClient, id)) return;
  pending.set(
    id,
    setTimeout(() => {
      pending.delete(id);
      api.get<PostView>(`/posts/${id}`).then(
        (post) => putPostEverywhere(queryClient, post),
        (error: unknown) => {
          if (isApiError(error, 404) || isApiError(error, 403)) removePostEverywhere(queryClient, id);
        },
      );
    }, 250),
  );
}

/**
 * Keeps the posts on screen current: edits, deletions, reactions and comments announced over
 * the socket refresh the affected post, and the open comments of a post refetch. Mounted by
 * every post list and the post page; the refreshes are shared.
 */
export function usePostLiveUpdates(): void {
  const queryClient = useQueryClient();
  useRealtime('post.updated', ({ postId }) => refreshPost(queryClient, postId));
  useRealtime('post.deleted', ({ postId }) => removePostEverywhere(queryClient, postId));
  useRealtime('reaction.changed', ({ postId, commentId }) => {
    if (!commentId) refreshPost(queryClient, postId);
  });
  const onComment = ({ postId }: { postId: string }) => {
    void queryClient.invalidateQueries({ queryKey: postKeys.comments(postId) });
    refreshPost(queryClient, postId);
  };
  useRealtime('comment.created', onComment);
  useRealtime('comment.updated', onComment);
  useRealtime('comment.deleted', onComment);
  // A stream that could not be replayed (too far behind, or newly joined): refetch what it feeds.
  useRealtime('realtime.resync', ({ stream }) => {
    if (stream === 'company' || stream.startsWith('group:')) {
      void queryClient.invalidateQueries({ queryKey: postKeys.all });
    }
  });
}
