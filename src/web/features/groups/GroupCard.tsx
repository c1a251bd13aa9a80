import { Anchor, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { GroupListItem } from '../../../shared/api/groups.js';
import { GroupMembershipActions } from './GroupMembershipActions.js';
import { VisibilityBadge } from './VisibilityBadge.js';

/** A group in the directory: name, visibility, members, description and the membership action. */
export function GroupCard({ group }: { group: GroupListItem }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" h="100%" data-testid="group-card">
      <Stack gap="xs" h="100%">
        <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
          <Anchor
            component={Link}
            to={`/groups/${group.id}`}
            fw={600}
            size="lg"
            miw={0}
            style={{ overflowWrap: 'anywhere' }}
          >
            {group.name}
          </Anchor>
          <VisibilityBadge visibility={group.visibility} />
        </Group>
        <Text size="sm" c="dimmed">
          {t('groups.memberCount', { count: group.memberCount })}
          {group.department ? ` · ${group.department.name}` : ''}
        </Text>
        {group.description ? (
          <Text size="sm" lineClamp={3} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>
            {group.description}
          </Text>
        ) : null}
        <Group mt="auto" pt="xs">
          <GroupMembershipActions group={group} compact />
        </Group>
      </Stack>
    </Card>
  );
}
