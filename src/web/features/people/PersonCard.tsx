import { Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { UserSummary } from '../../../shared/api/users.js';
import { UserAvatar } from '../../ui/UserAvatar.js';
import { GuestBadge } from '../guests/GuestBadge.js';
import { PresenceDot } from '../presence/PresenceDot.js';
import classes from './PersonCard.module.css';

/** A person in the directory: photo or initials, name, position, department. */
export function PersonCard({ person }: { person: UserSummary }) {
  return (
    <Card component={Link} to={`/people/${person.id}`} withBorder padding="md" className={classes.card}>
      <Group wrap="nowrap" align="flex-start" gap="md">
        <div style={{ position: 'relative', flex: 'none', lineHeight: 0 }}>
          <UserAvatar name={person.name} photoUrl={person.photoUrl} size={56} />
          <span style={{ position: 'absolute', right: 0, bottom: 0 }}>
            <PresenceDot userId={person.id} />
          </span>
        </div>
        <Stack gap={2} miw={0}>
          <Text fw={600} className={classes.name}>
            {person.name}
          </Text>
          {person.isGuest ? <GuestBadge /> : null}
          {person.position ? (
            <Text size="sm" lineClamp={2}>
              {person.position}
            </Text>
          ) : null}
          {person.department ? (
            <Text size="sm" c="dimmed" lineClamp={1}>
              {person.department.name}
            </Text>
          ) : null}
        </Stack>
      </Group>
    </Card>
  );
}
