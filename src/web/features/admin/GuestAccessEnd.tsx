import { Badge, Button, Group, Popover, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { guestLimits } from '../../../shared/api/guests.js';
import type { UserSummary } from '../../../shared/api/users.js';
import { useFormatters } from '../../lib/useFormatters.js';
import { fieldError } from '../../lib/useFormValues.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { dateInputFromNow, endOfPickedDay } from '../files/date-input.js';
import type { useUserAdminRow } from './useUserAdminRow.js';

type RowState = ReturnType<typeof useUserAdminRow>;

/** `YYYY-MM-DD` of an instant in local time, as `<input type="date">` wants it. */
function dateInputOf(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * A guest's access end in the admin list — when it ends (or that it has ended) — and a small
 * form to set another day, within the same bounds as invitations. Nothing for other people.
 */
export function GuestAccessEnd({ user, row }: { user: UserSummary; row: RowState }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const [opened, setOpened] = useState(false);
  const [until, setUntil] = useState('');
  if (row.role !== 'guest' || row.accessExpiresAt === null) return null;
  const ended = Date.parse(row.accessExpiresAt) <= Date.now();

  function open() {
    row.resetAccessError();
    setUntil(ended ? dateInputFromNow(guestLimits.defaultAccessDays) : dateInputOf(row.accessExpiresAt!));
    setOpened(true);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const iso = endOfPickedDay(until, guestLimits.maxAccessDays);
    if (!iso) return;
    if (await row.changeAccessEnd(iso)) setOpened(false);
  }

  return (
    <Group gap={6} wrap="wrap">
      {ended ? (
        <Badge color="gray" variant="light">
          {t('admin.users.accessEnded')}
        </Badge>
      ) : null}
      <Text size="xs" c="dimmed">
        {t('admin.users.accessUntil', { date: dateTime(row.accessExpiresAt) })}
      </Text>
      <Popover opened={opened} onChange={setOpened} trapFocus withinPortal position="bottom-start">
        <Popover.Target>
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={opened ? () => setOpened(false) : open}
            aria-label={t('admin.users.changeAccessNamed', { name: user.name })}
          >
            {t('admin.users.changeAccess')}
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <form onSubmit={submit} noValidate>
            <Stack gap="xs">
              <TextInput
                type="date"
                label={t('admin.users.accessUntilLabel')}
                value={until}
                min={dateInputFromNow(1)}
                max={dateInputFromNow(guestLimits.maxAccessDays)}
                onChange={(event) => setUntil(event.currentTarget.value)}
                error={fieldError(row.accessError, 'accessExpiresAt')}
                data-autofocus
              />
              <ErrorAlert error={row.accessError} />
              <Group justify="flex-end" gap="xs">
                <Button size="xs" variant="default" onClick={() => setOpened(false)}>
                  {t('common.cancel')}
                </Button>
                <Button size="xs" type="submit" loading={row.accessBusy}>
                  {t('admin.users.saveAccess')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Popover.Dropdown>
      </Popover>
    </Group>
  );
}
