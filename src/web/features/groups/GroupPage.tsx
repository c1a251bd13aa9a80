import { Anchor, Badge, Button, Group, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import type { Group as GroupView } from '../../../shared/api/groups.js';
import { NotFoundPage } from '../../app/NotFoundPage.js';
import { isApiError } from '../../lib/api.js';
import { useMe } from '../../lib/useMe.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { OpenGroupChatButton } from '../chats/StartChatButtons.js';
import { GroupFilesTab } from '../files/GroupFilesTab.js';
import { GroupGuestsTab } from '../guests/GroupGuestsTab.js';
import { GroupAboutTab } from './GroupAboutTab.js';
import { GroupFeedTab } from './GroupFeedTab.js';
import { GroupMembershipActions } from './GroupMembershipActions.js';
import { GroupMembersTab } from './GroupMembersTab.js';
import { GroupRequestsTab } from './GroupRequestsTab.js';
import { useGroup } from './groups.api.js';
import { VisibilityBadge } from './VisibilityBadge.js';

const tabs = ['feed', 'members', 'about', 'requests', 'files', 'guests'] as const;
type Tab = (typeof tabs)[number];
const isTab = (value: string): value is Tab => (tabs as readonly string[]).includes(value);

/**
 * A group's page (`/groups/:id`, `/groups/:id/members|about|requests|files|guests`): the header with the
 * viewer's membership, then the tabs. A group the viewer may not know of (a secret group they
 * are not in) answers 404, and reads as an address that does not exist.
 */
export function GroupPage() {
  const { id, tab = 'feed' } = useParams();
  const group = useGroup(id);
  usePageTitle(group.data?.name);
  if (!isTab(tab)) return <NotFoundPage />;
  if (group.isPending) return <PageLoader />;
  if (group.isError) {
    const missing = isApiError(group.error, 404) || isApiError(group.error, 400);
    return missing ? <NotFoundPage /> : <ErrorAlert error={group.error} />;
  }
  if (tab === 'requests' && !group.data.abilities.manageMembers) {
    return <Navigate to={`/groups/${group.data.id}`} replace />;
  }
  return <GroupLayout group={group.data} tab={tab} />;
}

function GroupLayout({ group, tab }: { group: GroupView; tab: Tab }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const requests = group.pendingRequestCount ?? 0;
  // Issue 4: the Guests tab shows for those who may invite guests into this group.
  const canInviteGuests = group.abilities.inviteGuests;
  if (tab === 'guests' && !canInviteGuests) return <Navigate to={`/groups/${group.id}`} replace />;
  return (
    <Stack gap="md">
      <GroupHeader group={group} canInviteGuests={canInviteGuests} />
      <Tabs
        value={tab}
        onChange={(value) => {
          if (value && isTab(value))
            void navigate(value === 'feed' ? `/groups/${group.id}` : `/groups/${group.id}/${value}`);
        }}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="feed">{t('groups.tabs.feed')}</Tabs.Tab>
          <Tabs.Tab value="members">{t('groups.tabs.members')}</Tabs.Tab>
          <Tabs.Tab value="about">{t('groups.tabs.about')}</Tabs.Tab>
          <Tabs.Tab value="files">{t('files.tab')}</Tabs.Tab>
          {canInviteGuests ? <Tabs.Tab value="guests">{t('guests.tab')}</Tabs.Tab> : null}
          {group.abilities.manageMembers ? (
            <Tabs.Tab
              value="requests"
              rightSection={
                requests > 0 ? (
                  <Badge size="sm" circle aria-label={t('groups.requests.waiting', { count: requests })}>
                    {requests}
                  </Badge>
                ) : null
              }
            >
              {t('groups.tabs.requests')}
            </Tabs.Tab>
          ) : null}
        </Tabs.List>
        <Tabs.Panel value="feed" pt="md">
          <GroupFeedTab group={group} />
        </Tabs.Panel>
        <Tabs.Panel value="members" pt="md">
          <GroupMembersTab group={group} />
        </Tabs.Panel>
        <Tabs.Panel value="about" pt="md">
          <GroupAboutTab group={group} />
        </Tabs.Panel>
        <Tabs.Panel value="files" pt="md">
          <GroupFilesTab groupId={group.id} />
        </Tabs.Panel>
        {canInviteGuests ? (
          <Tabs.Panel value="guests" pt="md">
            <GroupGuestsTab groupId={group.id} />
          </Tabs.Panel>
        ) : null}
        {group.abilities.manageMembers ? (
          <Tabs.Panel value="requests" pt="md">
            <GroupRequestsTab group={group} />
          </Tabs.Panel>
        ) : null}
      </Tabs>
    </Stack>
  );
}

function GroupHeader({ group, canInviteGuests }: { group: GroupView; canInviteGuests: boolean }) {
  const { t } = useTranslation();
  const isPlatformAdmin = useMe().data?.user.role === 'admin';
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
      <Group justify="space-between" align="flex-start" gap="md" wrap="wrap">
        <Stack gap={6} style={{ flex: '1 1 280px' }} miw={0}>
          <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
            {group.name}
          </Title>
          <Group gap="xs" wrap="wrap">
            <VisibilityBadge visibility={group.visibility} />
            <Text size="sm" c="dimmed" data-testid="group-member-count">
              {t('groups.memberCount', { count: group.memberCount })}
            </Text>
            {group.department ? (
              <Anchor
                component={Link}
                to={`/people?${new URLSearchParams({ department: group.department.id })}`}
                size="sm"
              >
                {group.department.name}
              </Anchor>
            ) : null}
          </Group>
          {group.description ? (
            <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>
              {group.description}
            </Text>
          ) : null}
        </Stack>
        <Group gap="xs" wrap="wrap">
          {canInviteGuests ? (
            <Button component={Link} to={`/groups/${group.id}/guests`} variant="default">
              {t('guests.invite.open')}
            </Button>
          ) : null}
          {group.membership.role === 'admin' || group.membership.role === 'moderator' || isPlatformAdmin ? (
            <OpenGroupChatButton groupId={group.id} />
          ) : null}
          <GroupMembershipActions group={group} />
        </Group>
      </Group>
    </Paper>
  );
}
