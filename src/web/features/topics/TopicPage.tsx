import { Badge, Button, Group, Paper, Stack, Text, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { type TopicView, topicTagParamsSchema } from '../../../shared/api/topics.js';
import { NotFoundPage } from '../../app/NotFoundPage.js';
import { api, isApiError } from '../../lib/api.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { PostList } from '../posts/PostList.js';
import type { PostPage, PostPageFetcher } from '../posts/posts.api.js';
import { useFollowTopic, useTopic } from './topics.api.js';

/**
 * A topic's page (`/topics/:tag`): its name, followers, priority mark, a follow button and its
 * posts the viewer may read. A topic the viewer cannot know of reads as a missing page.
 */
export function TopicPage() {
  const { tag = '' } = useParams();
  const valid = topicTagParamsSchema.safeParse({ tag }).success;
  return valid ? <TopicLoader tag={tag} /> : <NotFoundPage />;
}

function TopicLoader({ tag }: { tag: string }) {
  const topic = useTopic(tag);
  usePageTitle(topic.data ? `#${topic.data.name}` : undefined);
  if (topic.isPending) return <PageLoader />;
  if (topic.isError) {
    const missing = isApiError(topic.error, 404) || isApiError(topic.error, 400);
    return missing ? <NotFoundPage /> : <ErrorAlert error={topic.error} />;
  }
  return <TopicDetails topic={topic.data} />;
}

function TopicDetails({ topic }: { topic: TopicView }) {
  const { t } = useTranslation();
  const fetchPage = useCallback<PostPageFetcher>(
    (cursor, signal) =>
      api.get<PostPage>(`/topics/${encodeURIComponent(topic.tag)}/feed`, {
        query: { limit: 20, cursor },
        signal,
      }),
    [topic.tag],
  );
  return (
    <Stack gap="md" maw={760}>
      <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
        <Group justify="space-between" align="flex-start" gap="md" wrap="wrap">
          <Stack gap={6} miw={0} style={{ flex: '1 1 240px' }}>
            <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
              #{topic.name}
            </Title>
            <Group gap="xs" wrap="wrap">
              {topic.priority ? <PriorityBadge /> : null}
              <Text size="sm" c="dimmed" data-testid="topic-followers">
                {t('topics.followers', { count: topic.followersCount })}
              </Text>
            </Group>
          </Stack>
          <FollowTopicButton topic={topic} />
        </Group>
      </Paper>
      <PostList
        queryKey={['topic', topic.tag]}
        fetchPage={fetchPage}
        label={t('topics.postsLabel', { name: topic.name })}
        emptyText={t('topics.empty')}
      />
    </Stack>
  );
}

/** "Priority" with what it means on hover, focus or touch. */
export function PriorityBadge() {
  const { t } = useTranslation();
  return (
    <Tooltip
      label={t('topics.priorityHint')}
      multiline
      w={260}
      withArrow
      events={{ hover: true, focus: true, touch: true }}
    >
      <Badge variant="light" color="orange" tabIndex={0} style={{ cursor: 'help' }}>
        {t('topics.priority')}
        <VisuallyHidden>. {t('topics.priorityHint')}</VisuallyHidden>
      </Badge>
    </Tooltip>
  );
}

function FollowTopicButton({ topic }: { topic: TopicView }) {
  const { t } = useTranslation();
  const follow = useFollowTopic(topic.tag);
  if (!topic.abilities.follow) return null;
  const following = topic.followedByMe;
  return (
    <Stack gap="xs" align="flex-end">
      <Button
        variant={following ? 'default' : 'filled'}
        onClick={() => follow.mutate(!following)}
        loading={follow.isPending}
      >
        {following ? t('topics.unfollow') : t('topics.follow')}
      </Button>
      <ErrorAlert error={follow.error} />
    </Stack>
  );
}
