import { Anchor, Badge, Group, Paper, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyNotice } from '../../ui/EmptyNotice.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageLoader } from '../../ui/PageLoader.js';
import classes from '../../ui/TreeList.module.css';
import { TreeToggle } from '../../ui/TreeToggle.js';
import { buildDepartmentTree, type DepartmentNode } from './department-tree.js';
import { useDepartments } from './departments.api.js';

/** The department tree of the org chart: expandable, with heads and head counts. */
export function DepartmentTree() {
  const { t } = useTranslation();
  const departments = useDepartments();
  const roots = useMemo(() => buildDepartmentTree(departments.data?.items ?? []), [departments.data]);
  const [expanded, setExpanded] = useState<ReadonlySet<string> | null>(null);
  // Until the person toggles something, the first level is open.
  const open = expanded ?? new Set(roots.map((node) => node.department.id));

  function toggle(id: string) {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setExpanded(next);
  }

  if (departments.isPending) return <PageLoader />;
  if (departments.isError) return <ErrorAlert error={departments.error} />;
  if (roots.length === 0) return <EmptyNotice text={t('org.noDepartments')} />;

  return (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }}>
      <DepartmentBranch nodes={roots} open={open} onToggle={toggle} label={t('org.departmentsTab')} />
    </Paper>
  );
}

interface BranchProps {
  nodes: DepartmentNode[];
  open: ReadonlySet<string>;
  onToggle: (id: string) => void;
  id?: string;
  label?: string;
}

function DepartmentBranch({ nodes, open, onToggle, id, label }: BranchProps) {
  return (
    <ul className={classes.list} id={id} aria-label={label}>
      {nodes.map((node) => (
        <DepartmentRow key={node.department.id} node={node} open={open} onToggle={onToggle} />
      ))}
    </ul>
  );
}

function DepartmentRow({
  node,
  open,
  onToggle,
}: {
  node: DepartmentNode;
  open: ReadonlySet<string>;
  onToggle: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { department, children } = node;
  const isOpen = open.has(department.id);
  const childrenId = `department-children-${department.id}`;
  return (
    <li>
      <Group gap="xs" wrap="nowrap" align="flex-start" className={classes.row}>
        {children.length > 0 ? (
          <TreeToggle
            expanded={isOpen}
            onToggle={() => onToggle(department.id)}
            label={t(isOpen ? 'org.collapse' : 'org.expand', { name: department.name })}
            controls={childrenId}
          />
        ) : (
          <span className={classes.spacer} />
        )}
        <Group gap={6} wrap="wrap" miw={0} mih={28} style={{ flex: 1 }}>
          <Anchor
            component={Link}
            to={`/people?${new URLSearchParams({ department: department.id })}`}
            fw={600}
          >
            {department.name}
          </Anchor>
          <Badge variant="light" color="gray" title={t('org.memberCountHint')}>
            {t('org.people', { count: department.totalMemberCount })}
          </Badge>
          {department.head ? (
            <Text size="sm" c="dimmed">
              {t('org.head')}{' '}
              <Anchor component={Link} to={`/people/${department.head.id}`} size="sm">
                {department.head.name}
              </Anchor>
            </Text>
          ) : null}
        </Group>
      </Group>
      {children.length > 0 && isOpen ? (
        <DepartmentBranch nodes={children} open={open} onToggle={onToggle} id={childrenId} />
      ) : null}
    </li>
  );
}
