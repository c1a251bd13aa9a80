import { Anchor, Badge, Button, Group, Paper, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OrgNode } from '../../../shared/api/users.js';
import { EmptyNotice } from '../../ui/EmptyNotice.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageLoader } from '../../ui/PageLoader.js';
import classes from '../../ui/TreeList.module.css';
import { TreeToggle } from '../../ui/TreeToggle.js';
import { UserAvatar } from '../../ui/UserAvatar.js';
import { useManagerLevel } from './people.api.js';

/** Who reports to whom, starting from the people without a manager; levels load on expand. */
export function ManagerTree() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }}>
      <ManagerLevel rootId={null} label={t('org.managersTab')} emptyText={t('org.noPeople')} />
    </Paper>
  );
}

interface ManagerLevelProps {
  rootId: string | null;
  id?: string;
  label?: string;
  emptyText?: string;
}

function ManagerLevel({ rootId, id, label, emptyText }: ManagerLevelProps) {
  const { t } = useTranslation();
  const level = useManagerLevel(rootId);
  if (level.isPending) return <PageLoader />;
  if (level.isError) return <ErrorAlert error={level.error} />;
  const nodes = level.data.pages.flatMap((page) => page.items);
  if (nodes.length === 0 && emptyText) return <EmptyNotice text={emptyText} />;
  return (
    <>
      <ul className={classes.list} id={id} aria-label={label}>
        {nodes.map((node) => (
          <ManagerRow key={node.user.id} node={node} />
        ))}
      </ul>
      {level.hasNextPage ? (
        <Button
          variant="subtle"
          size="compact-sm"
          ml={40}
          onClick={() => void level.fetchNextPage()}
          loading={level.isFetchingNextPage}
        >
          {t('common.loadMore')}
        </Button>
      ) : null}
    </>
  );
}

function ManagerRow({ node }: { node: OrgNode }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { user, reportsCount } = node;
  const childrenId = `reports-of-${user.id}`;
  return (
    <li>
      <Group gap="xs" wrap="nowrap" align="flex-start" className={classes.row}>
        {reportsCount > 0 ? (
          <TreeToggle
            expanded={open}
            onToggle={() => setOpen(!open)}
            label={t(open ? 'org.hideReports' : 'org.showReports', { name: user.name })}
            controls={childrenId}
          />
        ) : (
          <span className={classes.spacer} />
        )}
        <UserAvatar name={user.name} photoUrl={user.photoUrl} size="sm" />
        <Group gap={6} wrap="wrap" miw={0} mih={28} style={{ flex: 1 }}>
          <Anchor component={Link} to={`/people/${user.id}`} fw={600}>
            {user.name}
          </Anchor>
          {user.position ? (
            <Text size="sm" c="dimmed">
              {user.position}
            </Text>
          ) : null}
          {reportsCount > 0 ? (
            <Badge variant="light" color="gray">
              {t('org.reports', { count: reportsCount })}
            </Badge>
          ) : null}
        </Group>
      </Group>
      {open ? <ManagerLevel rootId={user.id} id={childrenId} /> : null}
    </li>
  );
}
