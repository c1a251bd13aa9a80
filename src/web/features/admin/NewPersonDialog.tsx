import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { guestLimits } from '../../../shared/api/guests.js';
import { peopleLimits, type UserRole, userRoles } from '../../../shared/api/users.js';
import { fieldError, useFormValues } from '../../lib/useFormValues.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { DepartmentSelect } from '../departments/DepartmentSelect.js';
import { dateInputFromNow, endOfPickedDay } from '../files/date-input.js';
import { useCreatePerson } from './admin.api.js';

/**
 * Adds one person to the directory by hand (the CSV import does it in bulk). They get no
 * password: they claim the entry by signing up with this address. A guest's access ends on the
 * day picked (90 days from now unless another is chosen), as an invited guest's does.
 */
export function NewPersonDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreatePerson();
  const form = useFormValues(
    {
      name: '',
      email: '',
      position: '',
      departmentId: null as string | null,
      role: 'employee' as UserRole,
      until: dateInputFromNow(guestLimits.defaultAccessDays),
    },
    ['name', 'email'],
  );
  const { values, setField } = form;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.validate()) return;
    const accessExpiresAt =
      values.role === 'guest' ? endOfPickedDay(values.until, guestLimits.maxAccessDays) : null;
    create.mutate(
      {
        name: values.name.trim(),
        email: values.email.trim(),
        role: values.role,
        ...(values.position.trim() ? { position: values.position.trim() } : {}),
        ...(values.departmentId ? { departmentId: values.departmentId } : {}),
        ...(accessExpiresAt ? { accessExpiresAt } : {}),
      },
      { onSuccess: onClose },
    );
  }

  return (
    <Modal opened onClose={onClose} title={t('admin.users.newTitle')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={create.error} />
          <TextInput
            label={t('fields.name')}
            required
            data-autofocus
            maxLength={peopleLimits.name}
            value={values.name}
            onChange={(event) => setField('name', event.currentTarget.value)}
            error={form.requiredError('name') ?? fieldError(create.error, 'name')}
          />
          <TextInput
            label={t('fields.email')}
            type="email"
            required
            value={values.email}
            onChange={(event) => setField('email', event.currentTarget.value)}
            error={form.requiredError('email') ?? fieldError(create.error, 'email')}
          />
          <Select
            label={t('admin.users.role')}
            data={userRoles.map((value) => ({ value, label: t(`roles.${value}`) }))}
            value={values.role}
            onChange={(next) => next && setField('role', next as UserRole)}
            allowDeselect={false}
            error={fieldError(create.error, 'role')}
            comboboxProps={{ withinPortal: true }}
          />
          {values.role === 'guest' ? (
            <TextInput
              type="date"
              label={t('admin.users.accessUntilLabel')}
              description={t('admin.users.accessHint', { days: guestLimits.maxAccessDays })}
              value={values.until}
              min={dateInputFromNow(1)}
              max={dateInputFromNow(guestLimits.maxAccessDays)}
              onChange={(event) => setField('until', event.currentTarget.value)}
              error={fieldError(create.error, 'accessExpiresAt')}
            />
          ) : null}
          <TextInput
            label={t('fields.position')}
            maxLength={peopleLimits.position}
            value={values.position}
            onChange={(event) => setField('position', event.currentTarget.value)}
            error={fieldError(create.error, 'position')}
          />
          <DepartmentSelect
            label={t('fields.department')}
            value={values.departmentId}
            onChange={(id) => setField('departmentId', id)}
            error={fieldError(create.error, 'departmentId')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('admin.users.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
