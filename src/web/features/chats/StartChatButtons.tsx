import { Button, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { ChatsIcon } from './ChatsIcon.js';
import { useCreateChat, useOpenGroupChat } from './chats.api.js';

/** "Message" on a person's profile: opens the direct chat with them (created on first use). */
export function MessageButton({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateChat();
  return (
    <>
      <Button
        variant="default"
        leftSection={<ChatsIcon name="chat" size={16} />}
        loading={create.isPending}
        onClick={() =>
          create.mutate(
            { kind: 'direct', memberIds: [userId] },
            { onSuccess: (chat) => navigate(`/chats/${chat.id}`) },
          )
        }
        data-testid="message-person"
      >
        {t('chats.start.message')}
      </Button>
      <ErrorAlert error={create.error} />
    </>
  );
}

/**
 * "Open chat" on a group's page: the group's own chat, whose members follow the group's. Group
 * admins and moderators (and platform admins) open it; its members then find it in their list.
 */
export function OpenGroupChatButton({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = useOpenGroupChat();
  const [notMember, setNotMember] = useState(false);
  return (
    <>
      <Button
        variant="default"
        leftSection={<ChatsIcon name="chat" size={16} />}
        loading={open.isPending}
        onClick={() =>
          open.mutate(groupId, {
            onSuccess: (linked) => (linked.chat ? navigate(`/chats/${linked.chatId}`) : setNotMember(true)),
          })
        }
        data-testid="open-group-chat"
      >
        {t('chats.start.groupChat')}
      </Button>
      <ErrorAlert error={open.error} />
      {notMember ? (
        <Text size="sm" c="dimmed" role="status">
          {t('chats.start.groupChatNotMember')}
        </Text>
      ) : null}
    </>
  );
}
