import { Button, Center, Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Report } from '../../../shared/api/moderation.js';
import { isApiError } from '../../lib/api.js';
import { EmptyNotice } from '../../ui/EmptyNotice.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { type ReportTab, useReports } from './moderation.api.js';
import { ReportCard } from './ReportCard.js';
import { type ResolveAction, ResolveDialog } from './ResolveDialog.js';

/**
 * The review queue (`/moderation`): reports on content the viewer moderates — everything for
 * platform moderators, their groups for group admins and moderators — open or resolved.
 */
export function ModerationPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status: ReportTab = params.get('status') === 'resolved' ? 'resolved' : 'open';
  return (
    <>
      <PageHeader title={t('moderation.title')} description={t('moderation.description')} />
      <Tabs
        value={status}
        onChange={(value) => setParams(value === 'resolved' ? { status: 'resolved' } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="open">{t('moderation.tabs.open')}</Tabs.Tab>
          <Tabs.Tab value="resolved">{t('moderation.tabs.resolved')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="open">
          <ReportList status="open" />
        </Tabs.Panel>
        <Tabs.Panel value="resolved">
          <ReportList status="resolved" />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function ReportList({ status }: { status: ReportTab }) {
  const { t } = useTranslation();
  const reports = useReports(status);
  const [resolving, setResolving] = useState<{ report: Report; action: ResolveAction } | null>(null);
  const items = reports.data?.pages.flatMap((page) => page.items) ?? [];
  if (isApiError(reports.error, 403)) return <EmptyNotice text={t('moderation.forbidden')} />;
  return (
    <>
      <ErrorAlert error={reports.error} />
      {reports.isPending ? <PageLoader /> : null}
      {reports.isSuccess && items.length === 0 ? (
        <EmptyNotice text={status === 'open' ? t('moderation.emptyOpen') : t('moderation.emptyResolved')} />
      ) : null}
      {items.length > 0 ? (
        <Stack
          component="ul"
          gap="md"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('moderation.reports')}
        >
          {items.map((report) => (
            <ReportCard
              key={report.id}
              report={report}
              onResolve={(action) => setResolving({ report, action })}
            />
          ))}
        </Stack>
      ) : null}
      {reports.hasNextPage ? (
        <Center mt="lg">
          <Button
            variant="default"
            onClick={() => void reports.fetchNextPage()}
            loading={reports.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Center>
      ) : null}
      {resolving ? (
        <ResolveDialog
          report={resolving.report}
          action={resolving.action}
          onClose={() => setResolving(null)}
        />
      ) : null}
    </>
  );
}
