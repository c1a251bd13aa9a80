import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type GroupVisibility, groupLimits } from '../../../shared/api/groups.js';
import { fieldError, useFormValues } from '../../lib/useFormValues.js';
import { useMe } from '../../lib/useMe.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { DepartmentSelect } from '../departments/DepartmentSelect.js';
import { useCreateGroup } from './groups.api.js';
import { VisibilityField } from './VisibilityField.js';

/** Creates a group and opens it; administrators may link it to a department. */
export function CreateGroupDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateGroup();
  // Linking a department is the one platform-administrator choice; the server checks it too.
  const isAdmin = useMe().data?.user.role === 'admin';
  const form = useFormValues(
    {
      name: '',
      description: '',
      visibility: 'open' as GroupVisibility,
      departmentId: null as string | null,
    },
    ['name'],
  );
  const { values, setField } = form;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.validate()) return;
    create.mutate(
      {
        name: values.name.trim(),
        description: values.description.trim() || undefined,
        visibility: values.visibility,
        departmentId: values.departmentId ?? undefined,
      },
      {
        onSuccess: (group) => {
          onClose();
          void navigate(`/groups/${group.id}`);
        },
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title={t('groups.create.title')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={create.error} />
          <TextInput
            label={t('groups.form.name')}
            required
            data-autofocus
            maxLength={groupLimits.name}
            value={values.name}
            onChange={(event) => setField('name', event.currentTarget.value)}
            error={form.requiredError('name') ?? fieldError(create.error, 'name')}
          />
          <Textarea
            label={t('groups.form.description')}
            autosize
            minRows={3}
            maxRows={10}
            maxLength={groupLimits.description}
            value={values.description}
            onChange={(event) => setField('description', event.currentTarget.value)}
            error={fieldError(create.error, 'description')}
          />
          <VisibilityField
            value={values.visibility}
            onChange={(visibility) => setField('visibility', visibility)}
            error={fieldError(create.error, 'visibility')}
          />
          {isAdmin ? (
            <DepartmentSelect
              label={t('groups.form.department')}
              description={t('groups.form.departmentHint')}
              placeholder={t('groups.form.noDepartment')}
              value={values.departmentId}
              onChange={(id) => setField('departmentId', id)}
              error={fieldError(create.error, 'departmentId')}
            />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('groups.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
