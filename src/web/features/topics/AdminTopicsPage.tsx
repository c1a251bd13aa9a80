import { Anchor, Button, Center, Group, Paper, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type TopicSummary, topicLimits, topicTagParamsSchema } from '../../../shared/api/topics.js';
import { EmptyNotice } from '../../ui/EmptyNotice.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { useSetTopicPriority, useTopicDirectory } from './topics.api.js';

/**
 * Priority topics (`/admin/topics`): find a topic by the start of its tag and switch it on or
 * off; the posts of a priority topic reach every employee's feed.
 */
export function AdminTopicsPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim().replace(/^#+/, ''), 300);
  const topics = useTopicDirectory(q);
  const items = topics.data?.pages.flatMap((page) => page.items) ?? [];
  // A tag nobody has used yet can still be made a priority topic ahead of time.
  const exact = items.some((topic) => topic.tag === q.toLowerCase());
  const canAdd = q !== '' && !exact && topicTagParamsSchema.safeParse({ tag: q }).success;

  return (
    <>
      <PageHeader title={t('topics.admin.title')} description={t('topics.admin.description')} />
      <TextInput
        label={t('topics.admin.search')}
        placeholder="#onboarding"
        type="search"
        value={search}
        maxLength={topicLimits.query + 1}
        onChange={(event) => setSearch(event.currentTarget.value)}
        w={360}
        maw="100%"
        mb="md"
      />
      <ErrorAlert error={topics.error} />
      {topics.isPending ? <PageLoader /> : null}
      {canAdd && topics.isSuccess ? <NewPriorityTopic tag={q} /> : null}
      {topics.isSuccess && items.length === 0 && !canAdd ? (
        <EmptyNotice text={q ? t('topics.admin.noMatches') : t('topics.admin.empty')} />
      ) : null}
      {items.length > 0 ? (
        <Paper withBorder>
          <Stack
            component="ul"
            gap={0}
            p={0}
            m={0}
            style={{ listStyle: 'none', opacity: topics.isPlaceholderData ? 0.6 : 1 }}
            aria-label={t('topics.admin.results')}
            aria-busy={topics.isFetching}
          >
            {items.map((topic) => (
              <TopicRow key={topic.tag} topic={topic} />
            ))}
          </Stack>
        </Paper>
      ) : null}
      {topics.hasNextPage ? (
        <Center mt="lg">
          <Button
            variant="default"
            onClick={() => void topics.fetchNextPage()}
            loading={topics.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Center>
      ) : null}
    </>
  );
}

function TopicRow({ topic }: { topic: TopicSummary }) {
  const { t } = useTranslation();
  const setPriority = useSetTopicPriority();
  return (
    <Group
      component="li"
      justify="space-between"
      gap="sm"
      wrap="nowrap"
      px="md"
      py="sm"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      data-testid="topic-row"
    >
      <Anchor
        component={Link}
        to={`/topics/${encodeURIComponent(topic.tag)}`}
        miw={0}
        style={{ overflowWrap: 'anywhere' }}
      >
        #{topic.name}
      </Anchor>
      <Switch
        label={t('topics.priority')}
        aria-label={t('topics.admin.priorityOf', { name: topic.name })}
        checked={topic.priority}
        disabled={setPriority.isPending}
        onChange={(event) =>
          setPriority.mutate(
            { tag: topic.tag, priority: event.currentTarget.checked },
            {
              onError: (error) =>
                notifications.show({ color: 'red', title: `#${topic.name}`, message: error.message }),
            },
          )
        }
      />
    </Group>
  );
}

function NewPriorityTopic({ tag }: { tag: string }) {
  const { t } = useTranslation();
  const setPriority = useSetTopicPriority();
  return (
    <Paper withBorder p="md" mb="md">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Text style={{ overflowWrap: 'anywhere' }}>{t('topics.admin.unused', { tag })}</Text>
        <Button
          variant="light"
          loading={setPriority.isPending}
          onClick={() =>
            setPriority.mutate(
              { tag, priority: true },
              {
                onSuccess: () =>
                  notifications.show({ color: 'green', message: t('topics.admin.added', { tag }) }),
              },
            )
          }
        >
          {t('topics.admin.makePriority')}
        </Button>
      </Group>
      <ErrorAlert error={setPriority.error} />
    </Paper>
  );
}
