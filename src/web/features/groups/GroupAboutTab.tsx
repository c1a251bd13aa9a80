import { Anchor, Button, Group, Modal, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type Group as GroupView, groupLimits, type UpdateGroupBody } from '../../../shared/api/groups.js';
import { useFormatters } from '../../lib/useFormatters.js';
import { fieldError, useFormValues } from '../../lib/useFormValues.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { DepartmentSelect } from '../departments/DepartmentSelect.js';
import { useDeleteGroup, useUpdateGroup } from './groups.api.js';
import { VisibilityField } from './VisibilityField.js';

/** The about tab: description, visibility, department; group admins edit it and may delete the group. */
export function GroupAboutTab({ group }: { group: GroupView }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  if (editing) return <GroupEditForm group={group} onDone={() => setEditing(false)} />;
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="md">
        <Group justify="space-between" gap="sm">
          <Title order={2} size="h4">
            {t('groups.about.title')}
          </Title>
          <Group gap="xs">
            {group.abilities.edit ? (
              <Button variant="default" onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            ) : null}
            {group.abilities.delete ? (
              <Button variant="subtle" color="red" onClick={() => setDeleting(true)}>
                {t('groups.about.delete')}
              </Button>
            ) : null}
          </Group>
        </Group>
        <GroupFacts group={group} />
      </Stack>
      {deleting ? <DeleteGroupDialog group={group} onClose={() => setDeleting(false)} /> : null}
    </Paper>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {children}
    </div>
  );
}

function GroupFacts({ group }: { group: GroupView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Stack gap="sm">
      <Fact label={t('groups.form.description')}>
        <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
          {group.description || t('groups.about.noDescription')}
        </Text>
      </Fact>
      <Fact label={t('groups.form.visibility')}>
        <Text>{t(`groups.visibility.${group.visibility}`)}</Text>
        <Text size="sm" c="dimmed">
          {t(`groups.visibility.${group.visibility}Hint`)}
        </Text>
      </Fact>
      <Fact label={t('groups.about.handle')}>
        <Text style={{ overflowWrap: 'anywhere' }}>@{group.handle}</Text>
      </Fact>
      {group.department ? (
        <Fact label={t('groups.form.department')}>
          <Anchor component={Link} to={`/people?${new URLSearchParams({ department: group.department.id })}`}>
            {group.department.name}
          </Anchor>
          <Text size="sm" c="dimmed">
            {t('groups.form.departmentHint')}
          </Text>
        </Fact>
      ) : null}
      <Fact label={t('groups.about.created')}>
        <Text>{format.dateTime(group.createdAt)}</Text>
      </Fact>
    </Stack>
  );
}

/** Edits the group; only changed fields are sent. */
function GroupEditForm({ group, onDone }: { group: GroupView; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateGroup(group.id);
  const form = useFormValues(
    {
      name: group.name,
      description: group.description,
      visibility: group.visibility,
      departmentId: group.department?.id ?? null,
    },
    ['name'],
  );
  const { values, setField } = form;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.validate()) return;
    const body: UpdateGroupBody = {};
    if (values.name.trim() !== group.name) body.name = values.name.trim();
    if (values.description.trim() !== group.description) body.description = values.description.trim();
    if (values.visibility !== group.visibility) body.visibility = values.visibility;
    if (group.abilities.linkDepartment && values.departmentId !== (group.department?.id ?? null)) {
      body.departmentId = values.departmentId;
    }
    if (Object.keys(body).length === 0) {
      onDone();
      return;
    }
    update.mutate(body, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('common.saved') });
        onDone();
      },
    });
  }

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="form" onSubmit={submit} noValidate>
      <Stack>
        <Title order={2} size="h4">
          {t('groups.about.editTitle')}
        </Title>
        <ErrorAlert error={update.error} />
        <TextInput
          label={t('groups.form.name')}
          required
          data-autofocus
          maxLength={groupLimits.name}
          value={values.name}
          onChange={(event) => setField('name', event.currentTarget.value)}
          error={form.requiredError('name') ?? fieldError(update.error, 'name')}
        />
        <Textarea
          label={t('groups.form.description')}
          autosize
          minRows={3}
          maxRows={12}
          maxLength={groupLimits.description}
          value={values.description}
          onChange={(event) => setField('description', event.currentTarget.value)}
          error={fieldError(update.error, 'description')}
        />
        <VisibilityField
          value={values.visibility}
          onChange={(visibility) => setField('visibility', visibility)}
          error={fieldError(update.error, 'visibility')}
        />
        {group.abilities.linkDepartment ? (
          <DepartmentSelect
            label={t('groups.form.department')}
            description={t('groups.form.departmentHint')}
            placeholder={t('groups.form.noDepartment')}
            value={values.departmentId}
            onChange={(id) => setField('departmentId', id)}
            error={fieldError(update.error, 'departmentId')}
          />
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function DeleteGroupDialog({ group, onClose }: { group: GroupView; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useDeleteGroup(group.id);
  return (
    <Modal opened onClose={onClose} title={t('groups.about.deleteTitle')}>
      <Stack>
        <Text>{t('groups.about.deleteConfirm', { name: group.name })}</Text>
        <ErrorAlert error={remove.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() =>
              remove.mutate(undefined, {
                onSuccess: () => {
                  onClose();
                  notifications.show({
                    color: 'green',
                    message: t('groups.about.deleted', { name: group.name }),
                  });
                  void navigate('/groups', { replace: true });
                },
              })
            }
          >
            {t('groups.about.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
