import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../shared/api/departments.js';
import { departmentLimits } from '../../../shared/api/departments.js';
import { fieldError, useFormValues } from '../../lib/useFormValues.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { DepartmentSelect } from '../departments/DepartmentSelect.js';
import { descendantIds } from '../departments/department-tree.js';
import { useCreateDepartment, useUpdateDepartment } from '../departments/departments.api.js';
import { PersonSelect } from '../people/PersonSelect.js';

interface DepartmentDialogProps {
  /** The department to edit, or null to create one. */
  department: Department | null;
  /** For a new department: where it goes. */
  parentId?: string | null;
  all: readonly Department[];
  onClose: () => void;
}

/** Creates a department, or renames, moves and sets the head of one. */
export function DepartmentDialog({ department, parentId = null, all, onClose }: DepartmentDialogProps) {
  const { t } = useTranslation();
  const create = useCreateDepartment();
  const update = useUpdateDepartment();
  const mutation = department ? update : create;
  const form = useFormValues(
    {
      name: department?.name ?? '',
      parentId: department ? department.parentId : parentId,
      head: department?.head ?? null,
    },
    ['name'],
  );
  const { values, setField } = form;
  const excluded = department ? descendantIds(all, department.id) : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.validate()) return;
    const body = { name: values.name.trim(), parentId: values.parentId, headId: values.head?.id ?? null };
    if (department) update.mutate({ id: department.id, body }, { onSuccess: onClose });
    else create.mutate(body, { onSuccess: onClose });
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title={
        department
          ? t('admin.departments.editTitle', { name: department.name })
          : t('admin.departments.newTitle')
      }
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={mutation.error} />
          <TextInput
            label={t('admin.departments.name')}
            required
            data-autofocus
            maxLength={departmentLimits.name}
            value={values.name}
            onChange={(event) => setField('name', event.currentTarget.value)}
            error={form.requiredError('name') ?? fieldError(mutation.error, 'name')}
          />
          <DepartmentSelect
            label={t('admin.departments.parent')}
            placeholder={t('admin.departments.topLevel')}
            value={values.parentId}
            onChange={(id) => setField('parentId', id)}
            exclude={excluded}
            error={fieldError(mutation.error, 'parentId')}
          />
          <PersonSelect
            label={t('admin.departments.head')}
            value={values.head}
            onChange={(head) => setField('head', head)}
            error={fieldError(mutation.error, 'headId')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {department ? t('common.save') : t('admin.departments.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
