import { SegmentedControl, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../../lib/useMe.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { BannerStack } from '../banners/BannerStack.js';
import { Composer } from '../posts/Composer.js';
import { PostList } from '../posts/PostList.js';
import { StoriesStrip } from '../stories/StoriesStrip.js';
import { type FeedScope, fetchCompanyFeed, fetchPersonalFeed } from './feed.api.js';

/**
 * The home page (`/`): banners, stories, the composer, and the feed — the personal one, or the
 * whole company's — with posts new since the last visit marked.
 */
export function FeedPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const employee = useMe().data?.user.role !== 'guest';
  const scope: FeedScope = params.get('feed') === 'company' && employee ? 'company' : 'personal';
  return (
    <Stack gap="md" maw={760} mx="auto">
      <PageHeader title={t('feed.title')} />
      <BannerStack />
      {employee ? <StoriesStrip /> : null}
      <Composer />
      {employee ? (
        <SegmentedControl
          value={scope}
          onChange={(value) => setParams(value === 'company' ? { feed: 'company' } : {}, { replace: true })}
          data={[
            { value: 'personal', label: t('feed.scope.personal') },
            { value: 'company', label: t('feed.scope.company') },
          ]}
          aria-label={t('feed.scope.label')}
          w={{ base: '100%', xs: 'auto' }}
          style={{ alignSelf: 'flex-start' }}
        />
      ) : null}
      {scope === 'company' ? (
        <PostList
          key="company"
          queryKey={['company']}
          fetchPage={fetchCompanyFeed}
          label={t('feed.scope.company')}
          acceptsLivePost={(event) => !event.groupId}
          emptyText={t('feed.companyEmpty')}
        />
      ) : (
        <PostList key="personal" queryKey={['feed']} fetchPage={fetchPersonalFeed} label={t('feed.title')} />
      )}
    </Stack>
  );
}
