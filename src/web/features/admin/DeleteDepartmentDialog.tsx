import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../shared/api/departments.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { useDeleteDepartment } from '../departments/departments.api.js';

interface DeleteDepartmentDialogProps {
  department: Department;
  onClose: () => void;
}

/** Confirms deleting an empty department. */
export function DeleteDepartmentDialog({ department, onClose }: DeleteDepartmentDialogProps) {
  const { t } = useTranslation();
  const remove = useDeleteDepartment();
  return (
    <Modal opened onClose={onClose} title={t('admin.departments.deleteTitle')}>
      <Stack>
        <Text>{t('admin.departments.deleteConfirm', { name: department.name })}</Text>
        <ErrorAlert error={remove.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() => remove.mutate(department.id, { onSuccess: onClose })}
          >
            {t('common.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
