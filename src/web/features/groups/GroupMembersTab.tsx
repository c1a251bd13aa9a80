import { Anchor, Badge, Button, Center, Group, Modal, Paper, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type GroupMember,
  type GroupRole,
  type Group as GroupView,
  groupRoles,
} from '../../../shared/api/groups.js';
import { useMe } from '../../lib/useMe.js';
import { EmptyNotice } from '../../ui/EmptyNotice.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { UserAvatar } from '../../ui/UserAvatar.js';
import { PersonSelect } from '../people/PersonSelect.js';
import { useGroupMembers, useMemberActions } from './groups.api.js';

/** The members tab: who is in the group, with roles; admins add, promote and remove. */
export function GroupMembersTab({ group }: { group: GroupView }) {
  return (
    <Stack gap="md">
      {group.abilities.manageMembers || group.abilities.invite ? <AddMemberForm group={group} /> : null}
      <MemberList group={group} />
    </Stack>
  );
}

function MemberList({ group }: { group: GroupView }) {
  const { t } = useTranslation();
  const members = useGroupMembers(group.id);
  const [removing, setRemoving] = useState<GroupMember | null>(null);
  const items = members.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <ErrorAlert error={members.error} />
      {members.isPending ? <PageLoader /> : null}
      {members.isSuccess && items.length === 0 ? <EmptyNotice text={t('groups.members.empty')} /> : null}
      {items.length > 0 ? (
        <Paper withBorder>
          <Stack
            component="ul"
            gap={0}
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-label={t('groups.members.title')}
          >
            {items.map((member) => (
              <MemberRow key={member.user.id} groupId={group.id} member={member} onRemove={setRemoving} />
            ))}
          </Stack>
        </Paper>
      ) : null}
      {members.hasNextPage ? (
        <Center>
          <Button
            variant="default"
            onClick={() => void members.fetchNextPage()}
            loading={members.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Center>
      ) : null}
      {removing ? (
        <RemoveMemberDialog groupId={group.id} member={removing} onClose={() => setRemoving(null)} />
      ) : null}
    </>
  );
}

interface MemberRowProps {
  groupId: string;
  member: GroupMember;
  onRemove: (member: GroupMember) => void;
}

function MemberRow({ groupId, member, onRemove }: MemberRowProps) {
  const { t } = useTranslation();
  const { changeRole } = useMemberActions(groupId);
  // Leaving is the header's "Leave group"; one's own row offers no "Remove".
  const isSelf = useMe().data?.user.id === member.user.id;
  const { user } = member;
  return (
    <Group
      component="li"
      justify="space-between"
      gap="sm"
      wrap="wrap"
      px="md"
      py="sm"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      data-testid="group-member"
    >
      <Group gap="sm" wrap="nowrap" miw={0} style={{ flex: '1 1 220px' }}>
        <UserAvatar name={user.name} photoUrl={user.photoUrl} size={40} />
        <Stack gap={0} miw={0}>
          <Anchor component={Link} to={`/people/${user.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
            {user.name}
          </Anchor>
          {user.position ? (
            <Text size="sm" c="dimmed" lineClamp={1}>
              {user.position}
            </Text>
          ) : null}
        </Stack>
      </Group>
      <Group gap="xs" wrap="wrap">
        {user.platformRole === 'guest' ? (
          <Badge variant="light" color="gray">
            {t('groups.members.guest')}
          </Badge>
        ) : null}
        {member.viaDepartment ? (
          <Badge variant="light" color="gray">
            {t('groups.members.viaDepartment')}
          </Badge>
        ) : null}
        {member.abilities.changeRole ? (
          <Select
            aria-label={t('groups.members.roleOf', { name: user.name })}
            data={groupRoles.map((role) => ({ value: role, label: t(`groups.roles.${role}`) }))}
            value={member.role}
            onChange={(role) => {
              if (!role || role === member.role) return;
              changeRole.mutate(
                { userId: user.id, role: role as GroupRole },
                {
                  onError: (error) =>
                    notifications.show({ color: 'red', title: user.name, message: error.message }),
                },
              );
            }}
            disabled={changeRole.isPending}
            w={150}
            size="xs"
            comboboxProps={{ withinPortal: true }}
          />
        ) : member.role !== 'member' ? (
          <Badge variant="light">{t(`groups.roles.${member.role}`)}</Badge>
        ) : null}
        {member.abilities.remove && !isSelf ? (
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            onClick={() => onRemove(member)}
            aria-label={t('groups.members.removeNamed', { name: user.name })}
          >
            {t('groups.members.remove')}
          </Button>
        ) : null}
      </Group>
    </Group>
  );
}

/**
 * Adds a colleague. Group admins (and members of an open group) add people directly; members of
 * a closed group invite them, and the answer says which happened.
 */
function AddMemberForm({ group }: { group: GroupView }) {
  const { t } = useTranslation();
  const { add } = useMemberActions(group.id);
  const [person, setPerson] = useState<{ id: string; name: string } | null>(null);
  const direct = group.abilities.manageMembers;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!person) return;
    add.mutate(person.id, {
      onSuccess: (result) => {
        notifications.show({
          color: 'green',
          message:
            result.state === 'invited'
              ? t('groups.members.invited', { name: person.name })
              : t('groups.members.added', { name: person.name }),
        });
        setPerson(null);
      },
    });
  }

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <div style={{ flex: '1 1 240px', minWidth: 0 }}>
            <PersonSelect
              label={direct ? t('groups.members.addLabel') : t('groups.members.inviteLabel')}
              value={person}
              onChange={(next) => {
                setPerson(next);
                add.reset();
              }}
            />
          </div>
          <Button type="submit" disabled={!person} loading={add.isPending}>
            {direct ? t('groups.members.add') : t('groups.members.invite')}
          </Button>
        </Group>
        <ErrorAlert error={add.error} />
      </Stack>
    </Paper>
  );
}

interface RemoveMemberDialogProps {
  groupId: string;
  member: GroupMember;
  onClose: () => void;
}

function RemoveMemberDialog({ groupId, member, onClose }: RemoveMemberDialogProps) {
  const { t } = useTranslation();
  const { remove } = useMemberActions(groupId);
  return (
    <Modal opened onClose={onClose} title={t('groups.members.removeTitle')}>
      <Stack>
        <Text>{t('groups.members.removeConfirm', { name: member.user.name })}</Text>
        <ErrorAlert error={remove.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() => remove.mutate(member.user.id, { onSuccess: onClose })}
          >
            {t('groups.members.remove')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
