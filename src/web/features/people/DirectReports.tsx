import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { UserProfile } from '../../../shared/api/users.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { UserAvatar } from '../../ui/UserAvatar.js';
import { useDirectReports } from './people.api.js';

/** The people who report to this person directly. */
export function DirectReports({ profile }: { profile: UserProfile }) {
  const { t } = useTranslation();
  const reports = useDirectReports(profile.id);
  const people = reports.data?.items.map((node) => node.user) ?? [];
  const more = profile.directReportsCount - people.length;
  return (
    <Stack gap={6}>
      <Text size="sm" c="dimmed">
        {t('person.reports', { count: profile.directReportsCount })}
      </Text>
      <ErrorAlert error={reports.error} />
      <Stack
        gap={6}
        component="ul"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-label={t('person.reportsList')}
      >
        {people.map((person) => (
          <Group key={person.id} component="li" gap="xs" wrap="nowrap">
            <UserAvatar name={person.name} photoUrl={person.photoUrl} size="sm" />
            <Anchor component={Link} to={`/people/${person.id}`} size="sm">
              {person.name}
            </Anchor>
            {person.position ? (
              <Text size="xs" c="dimmed" truncate="end">
                {person.position}
              </Text>
            ) : null}
          </Group>
        ))}
      </Stack>
      {reports.isSuccess && more > 0 ? (
        <Anchor component={Link} to="/org?view=managers" size="sm">
          {t('person.moreReports', { count: more })}
        </Anchor>
      ) : null}
    </Stack>
  );
}
