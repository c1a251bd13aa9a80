import { Alert, Button, Center, Divider, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommentThread, EmbeddedPost } from '../../../../shared/api/posts.js';
import { ErrorAlert } from '../../../ui/ErrorAlert.js';
import { PageLoader } from '../../../ui/PageLoader.js';
import { FeedIcon } from '../FeedIcon.js';
import { useComments } from '../posts.api.js';
import { CommentForm } from './CommentForm.js';
import { CommentItem } from './CommentItem.js';

function Thread({ thread, canComment }: { thread: CommentThread; canComment: boolean }) {
  const [replying, setReplying] = useState(false);
  return (
    <Stack gap="xs" component="li">
      <CommentItem comment={thread} onReply={canComment ? () => setReplying(true) : undefined} />
      {thread.replies.length > 0 || replying ? (
        <Stack gap="xs" pl={{ base: 'md', sm: 44 }} component="ul" m={0} style={{ listStyle: 'none' }}>
          {thread.replies.map((reply) => (
            <li key={reply.id}>
              <CommentItem comment={reply} />
            </li>
          ))}
          {replying ? (
            <li>
              <CommentForm
                postId={thread.postId}
                parentId={thread.id}
                onDone={() => setReplying(false)}
                autoFocus
              />
            </li>
          ) : null}
        </Stack>
      ) : null}
    </Stack>
  );
}

/**
 * A post's conversation: top-level comments oldest first with their replies (one level), page
 * by page, and the box for a new comment when the viewer may comment.
 */
export function CommentsSection({ post, autoFocus }: { post: EmbeddedPost; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const comments = useComments(post.id);
  const threads = comments.data?.pages.flatMap((page) => page.items) ?? [];
  const canComment = post.abilities.comment;
  return (
    <section aria-label={t('comments.title')}>
      <Divider mb="sm" />
      <ErrorAlert error={comments.error} />
      {comments.isPending ? <PageLoader /> : null}
      <Stack
        gap="md"
        component="ul"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-busy={comments.isFetching}
      >
        {threads.map((thread) => (
          <Thread key={thread.id} thread={thread} canComment={canComment} />
        ))}
      </Stack>
      {comments.hasNextPage ? (
        <Center mt="sm">
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => void comments.fetchNextPage()}
            loading={comments.isFetchingNextPage}
          >
            {t('comments.loadMore')}
          </Button>
        </Center>
      ) : null}
      {comments.isSuccess && threads.length === 0 && canComment ? (
        <Text size="sm" c="dimmed" mb="xs">
          {t('comments.empty')}
        </Text>
      ) : null}
      <div style={{ marginTop: 'var(--mantine-spacing-sm)' }}>
        {post.commentsLocked ? (
          <Alert variant="light" color="gray" icon={<FeedIcon name="lock" />}>
            {t('comments.locked')}
          </Alert>
        ) : canComment ? (
          <CommentForm postId={post.id} autoFocus={autoFocus} />
        ) : null}
      </div>
    </section>
  );
}
