import { Badge, Button, Group, Paper, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../shared/api/departments.js';
import { EmptyNotice } from '../../ui/EmptyNotice.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { PageLoader } from '../../ui/PageLoader.js';
import classes from '../../ui/TreeList.module.css';
import { buildDepartmentTree, type DepartmentNode } from '../departments/department-tree.js';
import { useDepartments } from '../departments/departments.api.js';
import { DeleteDepartmentDialog } from './DeleteDepartmentDialog.js';
import { DepartmentDialog } from './DepartmentDialog.js';

type Dialog =
  | { kind: 'create'; parentId: string | null }
  | { kind: 'edit'; department: Department }
  | { kind: 'delete'; department: Department }
  | null;

/** The department tree editor: create, rename, move, set the head, delete. */
export function AdminDepartmentsPage() {
  const { t } = useTranslation();
  const departments = useDepartments();
  const items = departments.data?.items ?? [];
  const roots = useMemo(() => buildDepartmentTree(departments.data?.items ?? []), [departments.data]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);

  return (
    <>
      <PageHeader
        title={t('admin.departments.title')}
        description={t('admin.departments.description')}
        actions={
          <Button onClick={() => setDialog({ kind: 'create', parentId: null })}>
            {t('admin.departments.new')}
          </Button>
        }
      />
      {departments.isPending ? <PageLoader /> : null}
      <ErrorAlert error={departments.error} />
      {departments.isSuccess && roots.length === 0 ? <EmptyNotice text={t('org.noDepartments')} /> : null}
      {roots.length > 0 ? (
        <Paper withBorder p={{ base: 'xs', sm: 'md' }}>
          <EditorBranch nodes={roots} onDialog={setDialog} />
        </Paper>
      ) : null}
      {dialog?.kind === 'create' ? (
        <DepartmentDialog department={null} parentId={dialog.parentId} all={items} onClose={close} />
      ) : null}
      {dialog?.kind === 'edit' ? (
        <DepartmentDialog department={dialog.department} all={items} onClose={close} />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <DeleteDepartmentDialog department={dialog.department} onClose={close} />
      ) : null}
    </>
  );
}

function EditorBranch({ nodes, onDialog }: { nodes: DepartmentNode[]; onDialog: (dialog: Dialog) => void }) {
  return (
    <ul className={classes.list}>
      {nodes.map((node) => (
        <EditorRow key={node.department.id} node={node} onDialog={onDialog} />
      ))}
    </ul>
  );
}

function EditorRow({ node, onDialog }: { node: DepartmentNode; onDialog: (dialog: Dialog) => void }) {
  const { t } = useTranslation();
  const { department } = node;
  return (
    <li>
      <Group
        justify="space-between"
        gap="xs"
        className={classes.row}
        wrap="wrap"
        data-testid="department-row"
      >
        <Group gap={6} miw={0} wrap="wrap">
          <Text fw={600}>{department.name}</Text>
          <Badge variant="light" color="gray">
            {t('org.people', { count: department.memberCount })}
          </Badge>
          {department.head ? (
            <Text size="sm" c="dimmed">
              {t('org.head')} {department.head.name}
            </Text>
          ) : null}
        </Group>
        <Group gap={4} wrap="nowrap">
          <Button
            size="compact-sm"
            variant="subtle"
            onClick={() => onDialog({ kind: 'create', parentId: department.id })}
            aria-label={t('admin.departments.addChildNamed', { name: department.name })}
          >
            {t('admin.departments.addChild')}
          </Button>
          {department.abilities.edit ? (
            <Button
              size="compact-sm"
              variant="subtle"
              onClick={() => onDialog({ kind: 'edit', department })}
              aria-label={t('admin.departments.editNamed', { name: department.name })}
            >
              {t('common.edit')}
            </Button>
          ) : null}
          {department.abilities.delete ? (
            <Button
              size="compact-sm"
              variant="subtle"
              color="red"
              onClick={() => onDialog({ kind: 'delete', department })}
              aria-label={t('admin.departments.deleteNamed', { name: department.name })}
            >
              {t('common.delete')}
            </Button>
          ) : null}
        </Group>
      </Group>
      {node.children.length > 0 ? <EditorBranch nodes={node.children} onDialog={onDialog} /> : null}
    </li>
  );
}
