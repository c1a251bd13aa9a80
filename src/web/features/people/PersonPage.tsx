import { Anchor, Badge, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { UserProfile } from '../../../shared/api/users.js';
import { isApiError } from '../../lib/api.js';
import { useMe } from '../../lib/useMe.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { Icon } from '../../ui/Icon.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { UserAvatar } from '../../ui/UserAvatar.js';
import { MessageButton } from '../chats/StartChatButtons.js';
import { FilesIcon } from '../files/FilesIcon.js';
import { PresenceDot } from '../presence/PresenceDot.js';
import { DirectReports } from './DirectReports.js';
import { FollowButton } from './FollowButton.js';
import { PersonAdminActions } from './PersonAdminActions.js';
import { PersonDetails } from './PersonDetails.js';
import { ProfileSection } from './ProfileSection.js';
import { useProfile } from './people.api.js';
import { TagList } from './TagList.js';

/** A person's page (`/people/:id`). */
export function PersonPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const profile = useProfile(id);
  usePageTitle(profile.data?.name);
  if (profile.isPending) return <PageLoader />;
  if (profile.isError) {
    // A mistyped or stale address (not a UUID, or nobody with it) reads as "not found".
    const missing = isApiError(profile.error, 404) || isApiError(profile.error, 400);
    return <ErrorAlert error={missing ? new Error(t('person.notFound')) : profile.error} />;
  }
  return <PersonView profile={profile.data} />;
}

function PersonView({ profile }: { profile: UserProfile }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <PersonHeader profile={profile} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            {profile.about ? (
              <ProfileSection title={t('person.about')}>
                <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{profile.about}</Text>
              </ProfileSection>
            ) : null}
            <ProfileSection title={t('person.skills')}>
              <TagList
                tags={profile.skills}
                emptyText={t('person.noSkills')}
                linkTo={(skill) => `/people?${new URLSearchParams({ skill })}`}
                linkLabel={(skill) => t('person.findBySkill', { skill })}
              />
            </ProfileSection>
            {profile.interests.length > 0 ? (
              <ProfileSection title={t('person.interests')}>
                <TagList tags={profile.interests} color="gray" />
              </ProfileSection>
            ) : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <ProfileSection title={t('person.contacts')}>
              <PersonDetails profile={profile} />
            </ProfileSection>
            <ProfileSection title={t('person.team')}>
              <Stack gap="xs">
                <Text size="sm">
                  <Text span c="dimmed" size="sm">
                    {t('person.manager')}:{' '}
                  </Text>
                  {profile.manager ? (
                    <Anchor component={Link} to={`/people/${profile.manager.id}`} size="sm">
                      {profile.manager.name}
                    </Anchor>
                  ) : (
                    t('person.noManager')
                  )}
                </Text>
                {profile.directReportsCount > 0 ? <DirectReports profile={profile} /> : null}
              </Stack>
            </ProfileSection>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function PersonHeader({ profile }: { profile: UserProfile }) {
  const { t } = useTranslation();
  // Issue 4: one's own documents ("My files") are reached from one's profile.
  const isMe = useMe().data?.user.id === profile.id;
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
      <Group align="flex-start" gap="lg" wrap="wrap">
        <UserAvatar name={profile.name} photoUrl={profile.photoUrl} size={96} />
        <Stack gap={4} style={{ flex: '1 1 240px' }} miw={0}>
          <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
            {profile.name}
          </Title>
          {profile.hasAccount ? <PresenceDot userId={profile.id} withLabel /> : null}
          {profile.position ? <Text size="lg">{profile.position}</Text> : null}
          {profile.department ? (
            <Anchor
              component={Link}
              to={`/people?${new URLSearchParams({ department: profile.department.id })}`}
              c="dimmed"
            >
              {profile.department.name}
            </Anchor>
          ) : null}
          <Group gap="xs" mt={4}>
            {profile.role !== 'employee' ? <Badge variant="light">{t(`roles.${profile.role}`)}</Badge> : null}
            {profile.status === 'deactivated' ? (
              <Badge color="red" variant="light">
                {t('status.deactivated')}
              </Badge>
            ) : null}
            {profile.status !== 'deactivated' && !profile.hasAccount ? (
              <Badge color="gray" variant="light">
                {t('person.noAccountYet')}
              </Badge>
            ) : null}
            <Text size="sm" c="dimmed">
              {t('person.followers', { count: profile.followersCount })}
            </Text>
          </Group>
        </Stack>
        <Group gap="xs">
          {isMe ? (
            <Button
              component={Link}
              to="/files"
              variant="default"
              leftSection={<FilesIcon name="files" size={16} />}
            >
              {t('files.profileButton')}
            </Button>
          ) : null}
          {!isMe && profile.hasAccount && profile.status !== 'deactivated' ? (
            <MessageButton userId={profile.id} />
          ) : null}
          <FollowButton profile={profile} />
          <PersonAdminActions profile={profile} />
          {profile.abilities.edit ? (
            <Button
              component={Link}
              to={`/people/${profile.id}/edit`}
              variant="default"
              leftSection={<Icon name="edit" size={16} />}
            >
              {t('person.edit')}
            </Button>
          ) : null}
        </Group>
      </Group>
    </Paper>
  );
}
