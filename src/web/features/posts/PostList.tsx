import { Button, Center, Divider, Stack } from '@mantine/core';
import { useIntersection } from '@mantine/hooks';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRealtime } from '../../lib/realtime.js';
import { useFormatters } from '../../lib/useFormatters.js';
import { EmptyNotice } from '../../ui/EmptyNotice.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { FeedIcon } from './FeedIcon.js';
import { PostCard } from './PostCard.js';
import classes from './Posts.module.css';
import { type ListedPost, type PostPageFetcher, usePostList } from './posts.api.js';
import { usePostLiveUpdates } from './posts.live.js';

/** What a `post.created` event says about the new post. */
export interface LivePostEvent {
  postId: string;
  groupId?: string | null;
}

export interface PostListProps {
  /**
   * Names the list in the cache, e.g. `['feed']`, `['group', groupId]`, `['topic', tag]`; it is
   * kept under `['posts', 'list', ...queryKey]`, so edits and reactions anywhere update it.
   */
  queryKey: readonly unknown[];
  /** Loads one page of any `{ items, nextCursor }` post endpoint. */
  fetchPage: PostPageFetcher;
  /** The list's accessible name ("Feed", "Posts in Design"). */
  label: string;
  /**
   * Which posts announced live may belong here (e.g. `(e) => e.groupId === id`); matching ones
   * are offered as "N new posts" once the server lists them. Default: every announced post.
   */
  acceptsLivePost?: (event: LivePostEvent) => boolean;
  /** What an empty list says, and an optional action under it. */
  emptyText?: string;
  emptyAction?: ReactNode;
}

/**
 * Where the "new since your last visit" divider goes: before the first older post of the
 * newest-first part (the highlighted must-read and pinned posts above it are not counted).
 */
function dividerIndex(posts: readonly ListedPost[]): number {
  let sawNew = false;
  for (const [index, post] of posts.entries()) {
    if (post.highlight) continue;
    if (post.isNew) sawNew = true;
    else if (post.isNew === false) return sawNew ? index : -1;
  }
  return -1;
}

/**
 * Any list of posts: cards, "Load more" (and more on scrolling to the end), an empty state, and
 * live updates — edits, reactions and comments refresh in place, new posts are announced by
 * a "N new posts" button rather than pushing what the reader is looking at. The personal feed
 * also gets a divider where the posts new since the last visit end.
 */
export function PostList({
  queryKey,
  fetchPage,
  label,
  acceptsLivePost,
  emptyText,
  emptyAction,
}: PostListProps) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const list = usePostList(queryKey, fetchPage);
  const pages = list.data?.pages ?? [];
  const posts = pages.flatMap((page) => page.items);
  const lastVisitAt = pages[0]?.lastVisitAt ?? null;
  const loaded = new Set(posts.map((post) => post.id));
  const [announced, setAnnounced] = useState<string[]>([]);
  const waiting = list.isSuccess ? announced.filter((id) => !loaded.has(id)) : [];
  const top = useRef<HTMLDivElement>(null);
  const probe = useRef<ReturnType<typeof setTimeout>>(undefined);
  usePostLiveUpdates();

  // A new post may not belong in this list (the personal feed is not every company post): ask
  // the server for the first page and offer only the posts it now lists that are not shown. A
  // hidden tab asks once it is looked at again, not on every post.
  const missed = useRef(false);
  const probeFirstPage = useRef(() => {});
  probeFirstPage.current = () => {
    clearTimeout(probe.current);
    probe.current = setTimeout(() => {
      if (document.hidden) {
        missed.current = true;
        return;
      }
      fetchPage(undefined, new AbortController().signal).then(
        (page) => setAnnounced(page.items.map((post) => post.id)),
        () => undefined,
      );
    }, 400);
  };
  useRealtime('post.created', (event) => {
    if (!acceptsLivePost || acceptsLivePost(event)) probeFirstPage.current();
  });
  useEffect(() => {
    const onVisible = () => {
      if (!document.hidden && missed.current) {
        missed.current = false;
        probeFirstPage.current();
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      clearTimeout(probe.current);
    };
  }, []);

  const { ref: endRef, entry } = useIntersection({ rootMargin: '400px' });
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = list;
  useEffect(() => {
    if (entry?.isIntersecting && hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [entry?.isIntersecting, hasNextPage, isFetchingNextPage, isError, fetchNextPage]);

  function showNew() {
    setAnnounced([]);
    void list.refetch();
    top.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  const divider = dividerIndex(posts);
  return (
    <div ref={top} style={{ scrollMarginTop: 72 }}>
      {waiting.length > 0 ? (
        <div className={classes.pill}>
          <Button
            radius="xl"
            size="compact-md"
            leftSection={<FeedIcon name="arrowUp" size={16} />}
            onClick={showNew}
            mb="sm"
            data-testid="new-posts"
          >
            {t('feed.newPosts', { count: waiting.length })}
          </Button>
        </div>
      ) : null}
      <ErrorAlert error={list.error} />
      {list.isPending ? <PageLoader /> : null}
      {list.isSuccess && posts.length === 0 ? (
        <EmptyNotice text={emptyText ?? t('feed.empty')} action={emptyAction} />
      ) : null}
      <Stack
        gap="md"
        component="ul"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-label={label}
        aria-busy={list.isFetching}
      >
        {posts.map((post, index) => (
          <li key={post.id}>
            {index === divider ? (
              <Divider
                className={classes.newDivider}
                mb="md"
                labelPosition="center"
                label={
                  lastVisitAt
                    ? t('feed.seenBefore', { time: dateTime(lastVisitAt) })
                    : t('feed.seenBeforeNoTime')
                }
                role="separator"
              />
            ) : null}
            <PostCard post={post} isNew={post.isNew} />
          </li>
        ))}
      </Stack>
      <div ref={endRef} />
      {list.hasNextPage ? (
        <Center mt="lg">
          <Button
            variant="default"
            onClick={() => void list.fetchNextPage()}
            loading={list.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Center>
      ) : null}
    </div>
  );
}
