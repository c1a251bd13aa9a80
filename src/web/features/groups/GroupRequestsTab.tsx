import { Anchor, Button, Center, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Group as GroupView, JoinRequest } from '../../../shared/api/groups.js';
import { useFormatters } from '../../lib/useFormatters.js';
import { EmptyNotice } from '../../ui/EmptyNotice.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { UserAvatar } from '../../ui/UserAvatar.js';
import { useJoinRequests, useRequestActions } from './groups.api.js';

/** Join requests of a closed group, for its admins: approve or reject, oldest first. */
export function GroupRequestsTab({ group }: { group: GroupView }) {
  const { t } = useTranslation();
  const requests = useJoinRequests(group.id);
  const items = requests.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="md">
      <ErrorAlert error={requests.error} />
      {requests.isPending ? <PageLoader /> : null}
      {requests.isSuccess && items.length === 0 ? <EmptyNotice text={t('groups.requests.empty')} /> : null}
      {items.length > 0 ? (
        <Stack
          component="ul"
          gap="sm"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('groups.tabs.requests')}
        >
          {items.map((request) => (
            <RequestRow key={request.user.id} groupId={group.id} request={request} />
          ))}
        </Stack>
      ) : null}
      {requests.hasNextPage ? (
        <Center>
          <Button
            variant="default"
            onClick={() => void requests.fetchNextPage()}
            loading={requests.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Center>
      ) : null}
    </Stack>
  );
}

function RequestRow({ groupId, request }: { groupId: string; request: JoinRequest }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { approve, reject } = useRequestActions(groupId);
  const { user } = request;
  const fail = (error: Error) =>
    notifications.show({ color: 'red', title: user.name, message: error.message });
  return (
    <Paper component="li" withBorder p="md" data-testid="group-request">
      <Stack gap="xs">
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Group gap="sm" wrap="nowrap" miw={0} style={{ flex: '1 1 220px' }}>
            <UserAvatar name={user.name} photoUrl={user.photoUrl} size={40} />
            <Stack gap={0} miw={0}>
              <Anchor
                component={Link}
                to={`/people/${user.id}`}
                fw={600}
                style={{ overflowWrap: 'anywhere' }}
              >
                {user.name}
              </Anchor>
              <Text size="sm" c="dimmed">
                {[user.position, format.dateTime(request.createdAt)].filter(Boolean).join(' · ')}
              </Text>
            </Stack>
          </Group>
          <Group gap="xs">
            <Button
              size="compact-md"
              loading={approve.isPending}
              disabled={reject.isPending}
              onClick={() =>
                approve.mutate(user.id, {
                  onSuccess: () =>
                    notifications.show({
                      color: 'green',
                      message: t('groups.requests.approved', { name: user.name }),
                    }),
                  onError: fail,
                })
              }
              aria-label={t('groups.requests.approveNamed', { name: user.name })}
            >
              {t('groups.requests.approve')}
            </Button>
            <Button
              size="compact-md"
              variant="default"
              loading={reject.isPending}
              disabled={approve.isPending}
              onClick={() => reject.mutate(user.id, { onError: fail })}
              aria-label={t('groups.requests.rejectNamed', { name: user.name })}
            >
              {t('groups.requests.reject')}
            </Button>
          </Group>
        </Group>
        {request.message ? (
          <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
            {request.message}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
