import {
  type InfiniteData,
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { FeedItem } from '../../../shared/api/feed.js';
import type { Page } from '../../../shared/api/pagination.js';
import type {
  CommentThread,
  CommentView,
  CreateCommentBody,
  CreatePostBody,
  EmbeddedPost,
  PostVersion,
  PostView,
  ReactionState,
  Upload,
} from '../../../shared/api/posts.js';
import { api } from '../../lib/api.js';

/**
 * A post as lists show it: feeds say why it stands at the top of the first page (`highlight`),
 * and the personal feed marks the ones new since the last visit (`isNew`).
 */
export type ListedPost = PostView & { highlight?: FeedItem['highlight']; isNew?: boolean };

/** One page of any post list (`/feed`, `/groups/{id}/feed`, `/topics/{tag}/feed`, …). */
export interface PostPage extends Page<ListedPost> {
  /** The personal feed only: the viewer's previous visit, for the "new since" divider. */
  lastVisitAt?: string | null;
}

/** Loads one page of a post list; `cursor` is undefined for the first page. */
export type PostPageFetcher = (cursor: string | undefined, signal: AbortSignal) => Promise<PostPage>;

/**
 * Query keys of posts. Every post list lives under `['posts', 'list', …]` so one change (an
 * edit, a reaction, a deletion) can be applied to every list that shows the post.
 */
export const postKeys = {
  all: ['posts'] as const,
  lists: ['posts', 'list'] as const,
  list: (...parts: readonly unknown[]) => ['posts', 'list', ...parts] as const,
  detail: (id: string) => ['posts', 'detail', id] as const,
  comments: (id: string) => ['posts', 'comments', id] as const,
  versions: (id: string) => ['posts', 'versions', id] as const,
};

/** The posts of a list, page by page ("Load more"), kept under `postKeys.list(...key)`. */
export function usePostList(key: readonly unknown[], fetchPage: PostPageFetcher, enabled = true) {
  return useInfiniteQuery({
    queryKey: postKeys.list(...key),
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

/** One post with everything the viewer may see and do. */
export function usePost(id: string | undefined) {
  return useQuery({
    queryKey: postKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<PostView>(`/posts/${id}`, { signal }),
    enabled: Boolean(id),
  });
}

type PostPatch = (post: PostView) => PostView;

function patchEmbedded<T extends EmbeddedPost>(post: T, id: string, patch: PostPatch): T {
  return post.id === id ? (patch(post as unknown as PostView) as unknown as T) : post;
}

function patchView(post: PostView, id: string, patch: PostPatch): PostView {
  const own = patchEmbedded(post, id, patch);
  const shared = own.sharedPost ? patchEmbedded(own.sharedPost, id, patch) : own.sharedPost;
  return shared === own.sharedPost ? own : { ...own, sharedPost: shared };
}

/**
 * Applies a change to post `id` wherever it is cached: its own page, every list, and posts
 * that embed it as a share.
 */
export function patchPostEverywhere(queryClient: QueryClient, id: string, patch: PostPatch): void {
  queryClient.setQueriesData<PostView>({ queryKey: ['posts', 'detail'] }, (post) =>
    post ? patchView(post, id, patch) : post,
  );
  queryClient.setQueriesData<InfiniteData<PostPage>>({ queryKey: postKeys.lists }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.map((post) => ({
              ...patchView(post, id, patch),
              highlight: post.highlight,
              isNew: post.isNew,
            })),
          })),
        }
      : data,
  );
}

/** Drops a deleted post from every list and forgets its page. */
export function removePostEverywhere(queryClient: QueryClient, id: string): void {
  queryClient.setQueriesData<InfiniteData<PostPage>>({ queryKey: postKeys.lists }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({ ...page, items: page.items.filter((post) => post.id !== id) })),
        }
      : data,
  );
  queryClient.removeQueries({ queryKey: postKeys.detail(id) });
  queryClient.removeQueries({ queryKey: postKeys.comments(id) });
}

/** Replaces a post with a fresh copy from the server, wherever it is cached. */
export function putPostEverywhere(queryClient: QueryClient, post: PostView): void {
  queryClient.setQueryData(postKeys.detail(post.id), post);
  patchPostEverywhere(queryClient, post.id, () => post);
}

/** Publishes a plain post (`POST /posts`); every list refreshes to show it. */
export function useCreatePost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePostBody) => api.post<PostView>('/posts', { body }),
    onSuccess: (post) => {
      queryClient.setQueryData(postKeys.detail(post.id), post);
      void queryClient.invalidateQueries({ queryKey: postKeys.lists });
    },
  });
}

/** Saves a new version of a post's Markdown. */
export function useUpdatePost(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => api.patch<PostView>(`/posts/${id}`, { body: { body } }),
    onSuccess: (post) => {
      putPostEverywhere(queryClient, post);
      void queryClient.invalidateQueries({ queryKey: postKeys.versions(id) });
    },
  });
}

/** Deletes a post (it stays in the compliance archive). */
export function useDeletePost(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<void>(`/posts/${id}`),
    onSuccess: () => removePostEverywhere(queryClient, id),
  });
}

/** Adds or takes back the viewer's reaction; the answer is the post's reactions after it. */
export function useReaction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ emoji, on }: { emoji: string; on: boolean }) =>
      (on ? api.put : api.delete)<ReactionState>(`/posts/${id}/reactions/${encodeURIComponent(emoji)}`),
    onSuccess: (state) =>
      patchPostEverywhere(queryClient, id, (post) => ({
        ...post,
        reactions: state.reactions,
        reactionCount: state.reactionCount,
      })),
  });
}

/** Sends a post to colleagues: they get a notification (those who cannot read it are skipped). */
export function useShareToPeople(id: string) {
  return useMutation({
    mutationFn: (userIds: string[]) =>
      api.post<{ notified: number }>(`/posts/${id}/share`, { body: { userIds } }),
  });
}

/** The versions of a post, newest first (the author and moderators). */
export function usePostVersions(id: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: postKeys.versions(id),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<PostVersion>>(`/posts/${id}/versions`, { query: { cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

/** The comments of a post: top-level ones oldest first, each with its replies. */
export function useComments(postId: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: postKeys.comments(postId),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<CommentThread>>(`/posts/${postId}/comments`, {
        query: { limit: 30, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

function refreshAfterComment(queryClient: QueryClient, postId: string, delta: number): void {
  void queryClient.invalidateQueries({ queryKey: postKeys.comments(postId) });
  if (delta !== 0) {
    patchPostEverywhere(queryClient, postId, (post) => ({
      ...post,
      commentCount: Math.max(0, post.commentCount + delta),
    }));
  }
}

/** Writes a comment, or a reply when `parentId` is set. */
export function useCreateComment(postId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCommentBody) => api.post<CommentView>(`/posts/${postId}/comments`, { body }),
    onSuccess: () => refreshAfterComment(queryClient, postId, 1),
  });
}

/** Edits one's own comment. */
export function useUpdateComment(postId: string, commentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      api.patch<CommentView>(`/posts/${postId}/comments/${commentId}`, { body: { body } }),
    onSuccess: () => refreshAfterComment(queryClient, postId, 0),
  });
}

/** Deletes a comment (with its replies, when it is a top-level one). */
export function useDeleteComment(postId: string, commentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<void>(`/posts/${postId}/comments/${commentId}`),
    onSuccess: () => {
      // The server counts the replies that went with it; the post's page refetches the count.
      void queryClient.invalidateQueries({ queryKey: postKeys.detail(postId) });
      refreshAfterComment(queryClient, postId, -1);
    },
  });
}

/** Uploads an image for a post or a story; attach it by the id answered. */
export function useUploadImage() {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.post<Upload>('/uploads', { body: form });
    },
  });
}

/** The server's rendering of Markdown, exactly as a post would show it. */
export function useMarkdownPreview(body: string, enabled: boolean) {
  return useQuery({
    queryKey: ['markdown-preview', body],
    queryFn: ({ signal }) => api.post<{ html: string }>('/markdown/preview', { body: { body }, signal }),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: keepPreviousData,
  });
}
