import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { SessionItem } from '../../../shared/api/auth.js';
import { useFormatters } from '../../lib/useFormatters.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { useEndOtherSessions, useEndSession, useSessions } from './auth.api.js';
import { describeUserAgent } from './describe-user-agent.js';

/** The person's signed-in browsers and devices; any of them can be ended from here. */
export function SessionsPage() {
  const { t } = useTranslation();
  const sessions = useSessions();
  const items = sessions.data?.pages.flatMap((page) => page.items) ?? [];
  const endOthers = useEndOtherSessions();
  const hasOthers = items.some((session) => !session.current);

  return (
    <>
      <PageHeader
        title={t('sessions.title')}
        description={t('sessions.description')}
        actions={
          hasOthers ? (
            <Button
              variant="light"
              color="red"
              loading={endOthers.isPending}
              onClick={() =>
                endOthers.mutate(items, {
                  onSuccess: () => notifications.show({ message: t('sessions.endedOthers'), color: 'green' }),
                })
              }
            >
              {t('sessions.endOthers')}
            </Button>
          ) : null
        }
      />
      <ErrorAlert error={endOthers.error} />
      {sessions.isPending ? <PageLoader /> : null}
      <ErrorAlert error={sessions.error} />
      <Stack component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('sessions.title')}>
        {items.map((session) => (
          <SessionRow key={session.id} session={session} />
        ))}
      </Stack>
      {sessions.hasNextPage ? (
        <Button
          variant="default"
          mt="md"
          onClick={() => void sessions.fetchNextPage()}
          loading={sessions.isFetchingNextPage}
        >
          {t('common.loadMore')}
        </Button>
      ) : null}
    </>
  );
}

function SessionRow({ session }: { session: SessionItem }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const end = useEndSession();
  const device = describeUserAgent(session.userAgent) ?? t('sessions.unknownDevice');

  function endSession() {
    end.mutate(session, {
      onSuccess: () => {
        if (!session.current) notifications.show({ message: t('sessions.ended'), color: 'green' });
      },
    });
  }

  return (
    <Card
      component="li"
      withBorder
      padding="md"
      data-testid="session"
      aria-current={session.current || undefined}
    >
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2} miw={0} style={{ flex: '1 1 240px' }}>
          <Group gap="xs">
            <Text fw={600}>{device}</Text>
            {session.current ? <Badge variant="light">{t('sessions.current')}</Badge> : null}
          </Group>
          <Text size="sm" c="dimmed">
            {t('sessions.lastSeen', { when: format.dateTime(session.lastSeenAt) })}
            {session.ip ? ` · ${session.ip}` : ''}
          </Text>
          <Text size="xs" c="dimmed">
            {t('sessions.started', { when: format.dateTime(session.createdAt) })}
          </Text>
        </Stack>
        <Button
          variant={session.current ? 'default' : 'light'}
          color={session.current ? undefined : 'red'}
          onClick={endSession}
          loading={end.isPending}
          aria-label={session.current ? t('sessions.signOutHere') : t('sessions.endNamed', { device })}
        >
          {session.current ? t('sessions.signOutHere') : t('sessions.end')}
        </Button>
      </Group>
      <ErrorAlert error={end.error} />
    </Card>
  );
}
