import { Anchor, Stack, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../lib/api.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { FeedIcon } from './FeedIcon.js';
import { PostCard } from './PostCard.js';
import { usePost } from './posts.api.js';
import { usePostLiveUpdates } from './posts.live.js';

/** A post's own page (`/posts/:id`): the post with its comments open, kept live. */
export function PostPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const post = usePost(id);
  usePostLiveUpdates();
  usePageTitle(
    post.data ? t('posts.pageTitle', { name: post.data.author.name }) : t('posts.pageTitleLoading'),
  );

  return (
    <Stack gap="md" maw={760} mx="auto">
      <Anchor component={Link} to="/" size="sm" w="fit-content">
        <FeedIcon name="chevronLeft" size={14} /> {t('posts.backToFeed')}
      </Anchor>
      <VisuallyHidden component="h1">
        {post.data ? t('posts.pageTitle', { name: post.data.author.name }) : t('posts.pageTitleLoading')}
      </VisuallyHidden>
      {post.isPending ? <PageLoader /> : null}
      {post.isError ? (
        <ErrorAlert
          error={
            isApiError(post.error, 404) || isApiError(post.error, 400)
              ? new Error(t('posts.notFound'))
              : post.error
          }
        />
      ) : null}
      {post.data ? <PostCard post={post.data} commentsOpen afterDeletePath="/" /> : null}
    </Stack>
  );
}
