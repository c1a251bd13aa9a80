import { Badge, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Group as GroupDetail, GroupListItem } from '../../../shared/api/groups.js';
import { groupLimits } from '../../../shared/api/groups.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { useMembershipActions } from './groups.api.js';

interface GroupMembershipActionsProps {
  /** A directory item (joining abilities only) or the group page's group (all abilities). */
  group: GroupListItem | GroupDetail;
  /** Smaller buttons, for cards. */
  compact?: boolean;
}

/**
 * Where the viewer stands in a group and the one thing they can do about it: join, ask to join,
 * withdraw a pending request, answer an invitation, or leave. Every action is offered from the
 * `abilities` the server sent (directory items carry the joining ones, the group page all).
 */
export function GroupMembershipActions({ group, compact = false }: GroupMembershipActionsProps) {
  const { t } = useTranslation();
  const actions = useMembershipActions(group.id);
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'request' | 'leave' | null>(null);
  const size = compact ? 'compact-sm' : 'sm';
  const { membership, abilities } = group;
  const fail = (error: Error) =>
    notifications.show({ color: 'red', title: group.name, message: error.message });

  if (membership.state === 'invited') {
    return (
      <Group gap="xs" wrap="wrap">
        <Badge variant="light" color="brand">
          {t('groups.membership.invited')}
        </Badge>
        {abilities.acceptInvite ? (
          <>
            <Button
              size={size}
              loading={actions.accept.isPending}
              onClick={() =>
                actions.accept.mutate(undefined, {
                  onSuccess: () =>
                    notifications.show({
                      color: 'green',
                      message: t('groups.membership.joined', { name: group.name }),
                    }),
                  onError: fail,
                })
              }
              aria-label={t('groups.membership.acceptNamed', { name: group.name })}
            >
              {t('groups.membership.accept')}
            </Button>
            <Button
              size={size}
              variant="default"
              loading={actions.decline.isPending}
              onClick={() => actions.decline.mutate(undefined, { onError: fail })}
              aria-label={t('groups.membership.declineNamed', { name: group.name })}
            >
              {t('groups.membership.decline')}
            </Button>
          </>
        ) : null}
      </Group>
    );
  }

  if (membership.state === 'requested') {
    return (
      <Group gap="xs" wrap="wrap">
        <Badge variant="light" color="orange" size={compact ? 'md' : 'lg'}>
          {t('groups.membership.pending')}
        </Badge>
        {abilities.withdrawRequest ? (
          <Button
            size={size}
            variant="default"
            loading={actions.withdraw.isPending}
            onClick={() =>
              actions.withdraw.mutate(undefined, {
                onSuccess: () =>
                  notifications.show({
                    color: 'green',
                    message: t('groups.membership.withdrawn', { name: group.name }),
                  }),
                onError: fail,
              })
            }
            aria-label={t('groups.membership.withdrawNamed', { name: group.name })}
          >
            {t('groups.membership.withdraw')}
          </Button>
        ) : null}
      </Group>
    );
  }

  if (membership.state === 'member') {
    const canLeave = 'leave' in abilities && abilities.leave;
    return (
      <Group gap="xs" wrap="wrap">
        <Badge variant="light" color="green" size={compact ? 'md' : 'lg'}>
          {membership.role && membership.role !== 'member'
            ? t(`groups.roles.${membership.role}`)
            : t('groups.membership.member')}
        </Badge>
        {membership.viaDepartment && !compact ? (
          <Text size="sm" c="dimmed">
            {t('groups.membership.viaDepartment')}
          </Text>
        ) : null}
        {canLeave ? (
          <Button size={size} variant="default" onClick={() => setDialog('leave')}>
            {t('groups.membership.leave')}
          </Button>
        ) : null}
        {dialog === 'leave' ? (
          <LeaveDialog
            name={group.name}
            closed={group.visibility !== 'open'}
            pending={actions.leave.isPending}
            error={actions.leave.error}
            onConfirm={() =>
              actions.leave.mutate(undefined, {
                onSuccess: () => {
                  setDialog(null);
                  notifications.show({
                    color: 'green',
                    message: t('groups.membership.left', { name: group.name }),
                  });
                  // A secret group no longer exists for someone who left it.
                  if (group.visibility === 'secret') void navigate('/groups', { replace: true });
                },
              })
            }
            onClose={() => setDialog(null)}
          />
        ) : null}
      </Group>
    );
  }

  if (abilities.join) {
    return (
      <Button
        size={size}
        loading={actions.join.isPending}
        onClick={() =>
          actions.join.mutate(undefined, {
            onSuccess: () =>
              notifications.show({
                color: 'green',
                message: t('groups.membership.joined', { name: group.name }),
              }),
            onError: fail,
          })
        }
        aria-label={t('groups.membership.joinNamed', { name: group.name })}
      >
        {t('groups.membership.join')}
      </Button>
    );
  }
  if (abilities.requestToJoin) {
    return (
      <>
        <Button
          size={size}
          variant="light"
          onClick={() => setDialog('request')}
          aria-label={t('groups.membership.requestNamed', { name: group.name })}
        >
          {t('groups.membership.request')}
        </Button>
        {dialog === 'request' ? (
          <RequestDialog
            name={group.name}
            pending={actions.join.isPending}
            error={actions.join.error}
            onSend={(message) =>
              actions.join.mutate(message, {
                onSuccess: () => {
                  setDialog(null);
                  notifications.show({
                    color: 'green',
                    message: t('groups.membership.requestSent', { name: group.name }),
                  });
                },
              })
            }
            onClose={() => setDialog(null)}
          />
        ) : null}
      </>
    );
  }
  return null;
}

interface RequestDialogProps {
  name: string;
  pending: boolean;
  error: unknown;
  onSend: (message: string | undefined) => void;
  onClose: () => void;
}

/** Asks to join a closed group, with an optional note to its admins. */
function RequestDialog({ name, pending, error, onSend, onClose }: RequestDialogProps) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    onSend(message.trim() || undefined);
  }
  return (
    <Modal opened onClose={onClose} title={t('groups.membership.requestTitle', { name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('groups.membership.requestExplanation')}</Text>
          <ErrorAlert error={error} />
          <Textarea
            label={t('groups.membership.requestMessage')}
            autosize
            minRows={3}
            maxLength={groupLimits.description}
            value={message}
            onChange={(event) => setMessage(event.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending}>
              {t('groups.membership.requestSend')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface LeaveDialogProps {
  name: string;
  /** Closed and secret groups take people back only through an admin. */
  closed: boolean;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

function LeaveDialog({ name, closed, pending, error, onConfirm, onClose }: LeaveDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={t('groups.membership.leaveTitle', { name })}>
      <Stack>
        <Text>{closed ? t('groups.membership.leaveClosed') : t('groups.membership.leaveOpen')}</Text>
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={pending} onClick={onConfirm}>
            {t('groups.membership.leave')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
