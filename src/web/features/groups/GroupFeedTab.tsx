import { Stack } from '@mantine/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Group as GroupView } from '../../../shared/api/groups.js';
import { api } from '../../lib/api.js';
import { EmptyNotice } from '../../ui/EmptyNotice.js';
import { Composer } from '../posts/Composer.js';
import { PostList } from '../posts/PostList.js';
import type { PostPage, PostPageFetcher } from '../posts/posts.api.js';

/** The group's posts, newest first, with the composer for those who may post. */
export function GroupFeedTab({ group }: { group: GroupView }) {
  const { t } = useTranslation();
  const fetchPage = useCallback<PostPageFetcher>(
    (cursor, signal) =>
      api.get<PostPage>(`/groups/${group.id}/feed`, { query: { limit: 20, cursor }, signal }),
    [group.id],
  );
  if (!group.abilities.read) return <EmptyNotice text={t('groups.feed.membersOnly')} />;
  return (
    <Stack gap="md" maw={760}>
      {group.abilities.post ? <Composer space={{ type: 'group', id: group.id }} /> : null}
      <PostList
        queryKey={['group', group.id]}
        fetchPage={fetchPage}
        label={t('groups.feed.label', { name: group.name })}
        acceptsLivePost={(event) => event.groupId === group.id}
        emptyText={t('groups.feed.empty')}
      />
    </Stack>
  );
}
