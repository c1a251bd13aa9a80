import { Badge, Button, Center, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type GroupGuestItem, guestLimits } from '../../../shared/api/guests.js';
import { useFormatters } from '../../lib/useFormatters.js';
import { fieldError } from '../../lib/useFormValues.js';
import { EmptyNotice } from '../../ui/EmptyNotice.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { UserAvatar } from '../../ui/UserAvatar.js';
import { dateInputFromNow, endOfPickedDay } from '../files/date-input.js';
import { GuestBadge } from './GuestBadge.js';
import { useGroupGuests, useInviteGuest, useRevokeInvitation } from './guests.api.js';

/**
 * The group's "Guests" tab, for those who may invite people from outside the company: invite by
 * e-mail with the day their access ends (90 days unless another is picked), then the pending
 * invitations and the guests, with when each one's access ends.
 */
export function GroupGuestsTab({ groupId }: { groupId: string }) {
  return (
    <Stack gap="md" maw={760}>
      <InviteGuestForm groupId={groupId} />
      <GuestList groupId={groupId} />
    </Stack>
  );
}

function InviteGuestForm({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const invite = useInviteGuest(groupId);
  const [email, setEmail] = useState('');
  const [until, setUntil] = useState(() => dateInputFromNow(guestLimits.defaultAccessDays));
  const [attempted, setAttempted] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempted(true);
    if (email.trim() === '') return;
    const expiresAt = endOfPickedDay(until, guestLimits.maxAccessDays) ?? undefined;
    invite.mutate(
      { email: email.trim(), ...(expiresAt ? { expiresAt } : {}) },
      {
        onSuccess: (result) => {
          notifications.show({
            color: 'teal',
            message: t(`guests.invite.outcome.${result.outcome}`, { email: email.trim() }),
          });
          setEmail('');
          setAttempted(false);
        },
      },
    );
  }

  return (
    <Paper
      withBorder
      p="md"
      component="form"
      onSubmit={submit}
      noValidate
      aria-label={t('guests.invite.title')}
    >
      <Stack gap="sm">
        <Text fw={600}>{t('guests.invite.title')}</Text>
        <Text size="sm" c="dimmed">
          {t('guests.invite.hint')}
        </Text>
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            type="email"
            label={t('guests.invite.email')}
            value={email}
            onChange={(event) => {
              setEmail(event.currentTarget.value);
              invite.reset();
            }}
            autoComplete="off"
            required
            error={
              (attempted && email.trim() === '' ? t('form.required') : undefined) ??
              fieldError(invite.error, 'email')
            }
            style={{ flex: '1 1 240px' }}
          />
          <TextInput
            type="date"
            label={t('guests.invite.until')}
            value={until}
            min={dateInputFromNow(1)}
            max={dateInputFromNow(guestLimits.maxAccessDays)}
            onChange={(event) => setUntil(event.currentTarget.value)}
            error={fieldError(invite.error, 'expiresAt')}
            w={180}
          />
        </Group>
        <ErrorAlert error={invite.error} />
        <Group justify="flex-end">
          <Button type="submit" loading={invite.isPending}>
            {t('guests.invite.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function GuestList({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const guests = useGroupGuests(groupId);
  const revoke = useRevokeInvitation(groupId);
  const items = guests.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="xs">
      <Text fw={600}>{t('guests.list.title')}</Text>
      <ErrorAlert error={guests.error ?? revoke.error} />
      {guests.isPending ? <PageLoader /> : null}
      {guests.isSuccess && items.length === 0 ? <EmptyNotice text={t('guests.list.empty')} /> : null}
      {items.length > 0 ? (
        <Paper withBorder>
          <Stack
            component="ul"
            gap={0}
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-label={t('guests.list.title')}
          >
            {items.map((item) => (
              <GuestRow
                key={item.type === 'guest' ? `guest:${item.guest.id}` : `invitation:${item.invitation.id}`}
                item={item}
                revoking={
                  revoke.isPending && item.type === 'invitation' && revoke.variables === item.invitation.id
                }
                onRevoke={(id) => revoke.mutate(id)}
              />
            ))}
          </Stack>
        </Paper>
      ) : null}
      {guests.hasNextPage ? (
        <Center>
          <Button
            variant="default"
            onClick={() => void guests.fetchNextPage()}
            loading={guests.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Center>
      ) : null}
    </Stack>
  );
}

interface GuestRowProps {
  item: GroupGuestItem;
  revoking: boolean;
  onRevoke: (invitationId: string) => void;
}

function GuestRow({ item, revoking, onRevoke }: GuestRowProps) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const rowStyle = { borderBottom: '1px solid var(--mantine-color-default-border)' };
  if (item.type === 'guest') {
    const { guest } = item;
    return (
      <Group
        component="li"
        justify="space-between"
        gap="sm"
        wrap="wrap"
        px="md"
        py="sm"
        style={rowStyle}
        data-testid="group-guest"
      >
        <Group gap="sm" wrap="nowrap" miw={0} style={{ flex: '1 1 220px' }}>
          <UserAvatar name={guest.name} photoUrl={guest.photoUrl} size={36} />
          <Stack gap={0} miw={0}>
            <Group gap={6} wrap="wrap">
              <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {guest.name}
              </Text>
              <GuestBadge />
            </Group>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {guest.email}
            </Text>
          </Stack>
        </Group>
        <Stack gap={2} align="flex-end">
          {guest.expired ? (
            <Badge color="gray" variant="light">
              {t('guests.list.expired')}
            </Badge>
          ) : null}
          {guest.accessExpiresAt ? (
            <Text size="xs" c="dimmed">
              {t('guests.list.accessUntil', { date: dateTime(guest.accessExpiresAt) })}
            </Text>
          ) : null}
        </Stack>
      </Group>
    );
  }
  const { invitation } = item;
  return (
    <Group
      component="li"
      justify="space-between"
      gap="sm"
      wrap="wrap"
      px="md"
      py="sm"
      style={rowStyle}
      data-testid="guest-invitation"
    >
      <Stack gap={0} miw={0} style={{ flex: '1 1 220px' }}>
        <Group gap={6} wrap="wrap">
          <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {invitation.email}
          </Text>
          <Badge size="xs" variant="light" color={invitation.status === 'pending' ? 'brand' : 'gray'}>
            {t(`guests.status.${invitation.status}`)}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {invitation.invitedBy
            ? t('guests.list.invitedBy', {
                name: invitation.invitedBy.name,
                date: dateTime(invitation.createdAt),
              })
            : dateTime(invitation.createdAt)}
        </Text>
        <Text size="xs" c="dimmed">
          {t('guests.list.accessUntil', { date: dateTime(invitation.accessExpiresAt) })}
          {invitation.status === 'pending'
            ? ` · ${t('guests.list.linkUntil', { date: dateTime(invitation.linkExpiresAt) })}`
            : ''}
        </Text>
      </Stack>
      {invitation.abilities.revoke && invitation.status === 'pending' ? (
        <Button
          size="compact-sm"
          variant="subtle"
          color="red"
          loading={revoking}
          onClick={() => onRevoke(invitation.id)}
        >
          {t('guests.list.revoke')}
        </Button>
      ) : null}
    </Group>
  );
}
