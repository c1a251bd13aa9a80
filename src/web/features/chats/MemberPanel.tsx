import {
  ActionIcon,
  Badge,
  Button,
  Divider,
  Group,
  Loader,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type ChatNotify, type ChatView, chatLimits } from '../../../shared/api/chats.js';
import { useMe } from '../../lib/useMe.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { UserAvatar } from '../../ui/UserAvatar.js';
import { ConfirmDialog } from '../posts/ConfirmDialog.js';
import { PresenceDot } from '../presence/PresenceDot.js';
import { usePresence } from '../presence/presence.store.js';
import { ChatsIcon } from './ChatsIcon.js';
import {
  useAddMembers,
  useChatFolders,
  useChatMembers,
  useChatSettings,
  useRemoveMember,
  useRenameChat,
} from './chats.api.js';
import { PeoplePicker, type PickedPerson } from './PeoplePicker.js';

/** The viewer's own settings of a chat: mute, notifications, pin, archive, folder. */
function ChatSettingsForm({ chat }: { chat: ChatView }) {
  const { t } = useTranslation();
  const settings = useChatSettings(chat.id);
  const folders = useChatFolders().data?.items ?? [];
  const { viewer } = chat;
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('chats.settings.title')}
      </Title>
      <Switch
        label={t('chats.settings.muted')}
        checked={viewer.muted}
        onChange={(e) => settings.mutate({ muted: e.currentTarget.checked })}
      />
      <Select
        label={t('chats.settings.notify')}
        data={(['all', 'mentions', 'none'] as const).map((value) => ({
          value,
          label: t(`chats.settings.notifyOptions.${value}`),
        }))}
        value={viewer.notify}
        onChange={(value) => value && settings.mutate({ notify: value as ChatNotify })}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
      />
      <Switch
        label={t('chats.settings.pinned')}
        checked={viewer.pinned}
        onChange={(e) => settings.mutate({ pinned: e.currentTarget.checked })}
      />
      <Switch
        label={t('chats.settings.archived')}
        checked={viewer.archived}
        onChange={(e) => settings.mutate({ archived: e.currentTarget.checked })}
      />
      <Select
        label={t('chats.folders.folder')}
        data={[
          { value: '', label: t('chats.folders.none') },
          ...folders.map((f) => ({ value: f.id, label: f.name })),
        ]}
        value={viewer.folderId ?? ''}
        onChange={(value) => settings.mutate({ folderId: value || null })}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
      />
      <ErrorAlert error={settings.error} />
    </Stack>
  );
}

/**
 * Who is in a chat and what the viewer may do about it (C1): members with roles and presence,
 * add and remove (when the chat's abilities allow), rename, leave, and the viewer's settings.
 */
export function MemberPanel({ chat }: { chat: ChatView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const meId = useMe().data?.user.id;
  const members = useChatMembers(chat.id);
  const list = members.data?.pages.flatMap((p) => p.items) ?? [];
  usePresence(list.map((m) => m.id));
  const add = useAddMembers(chat.id);
  const remove = useRemoveMember(chat.id);
  const rename = useRenameChat(chat.id);
  const [adding, setAdding] = useState<PickedPerson[]>([]);
  const [name, setName] = useState(chat.name);
  const [leaving, setLeaving] = useState(false);
  const leave = useRemoveMember(chat.id);

  return (
    <Stack gap="md">
      {chat.abilities.edit && chat.kind !== 'direct' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) rename.mutate(name.trim());
          }}
        >
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label={t('chats.members.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              maxLength={chatLimits.name}
              style={{ flex: 1 }}
            />
            <Button type="submit" variant="default" loading={rename.isPending}>
              {t('common.save')}
            </Button>
          </Group>
          <ErrorAlert error={rename.error} />
        </form>
      ) : null}
      <ChatSettingsForm chat={chat} />
      <Divider />
      <Title order={3} size="h5">
        {t('chats.members.title', { count: chat.memberCount })}
      </Title>
      {chat.abilities.addMembers ? (
        <Stack gap="xs">
          <PeoplePicker
            label={t('chats.members.add')}
            value={adding}
            onChange={setAdding}
            excludeIds={list.map((m) => m.id)}
          />
          <Button
            size="xs"
            disabled={adding.length === 0}
            loading={add.isPending}
            onClick={() =>
              add.mutate(
                adding.map((p) => p.id),
                { onSuccess: () => setAdding([]) },
              )
            }
          >
            {t('chats.members.addSubmit')}
          </Button>
          <ErrorAlert error={add.error} />
        </Stack>
      ) : null}
      <ErrorAlert error={remove.error} />
      {members.isPending ? <Loader size="sm" /> : null}
      <Stack gap={6} data-testid="chat-members">
        {list.map((member) => (
          <Group key={member.id} gap="sm" wrap="nowrap">
            <UserAvatar name={member.name} photoUrl={member.photoUrl} size={32} />
            <Stack gap={0} miw={0} style={{ flex: 1 }}>
              <Group gap={6} wrap="nowrap">
                <Text size="sm" component={Link} to={`/people/${member.id}`} truncate="end">
                  {member.name}
                </Text>
                <PresenceDot userId={member.id} size={8} />
              </Group>
              <Group gap={4}>
                {member.role === 'admin' ? (
                  <Badge size="xs" variant="light">
                    {t('chats.members.admin')}
                  </Badge>
                ) : null}
                {member.isGuest ? (
                  <Badge size="xs" variant="light" color="gray">
                    {t('chats.members.guest')}
                  </Badge>
                ) : null}
              </Group>
            </Stack>
            {chat.abilities.removeMembers && member.id !== meId && member.via !== 'linked' ? (
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('chats.members.remove', { name: member.name })}
                onClick={() => remove.mutate(member.id)}
              >
                <ChatsIcon name="close" size={16} />
              </ActionIcon>
            ) : null}
          </Group>
        ))}
        {members.hasNextPage ? (
          <Button
            variant="subtle"
            size="xs"
            onClick={() => members.fetchNextPage()}
            loading={members.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        ) : null}
      </Stack>
      {chat.abilities.leave && meId ? (
        <>
          <Divider />
          <Button color="red" variant="light" onClick={() => setLeaving(true)}>
            {t('chats.members.leave')}
          </Button>
          <ConfirmDialog
            opened={leaving}
            title={t('chats.members.leave')}
            text={t('chats.members.leaveText', { name: chat.name })}
            confirmLabel={t('chats.members.leave')}
            loading={leave.isPending}
            error={leave.error}
            onClose={() => setLeaving(false)}
            onConfirm={() => leave.mutate(meId, { onSuccess: () => navigate('/chats') })}
          />
        </>
      ) : null}
    </Stack>
  );
}
