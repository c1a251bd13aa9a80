import { ActionIcon, Box, Center, Drawer, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Message } from '../../../shared/api/chats.js';
import { isApiError } from '../../lib/api.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { UserAvatar } from '../../ui/UserAvatar.js';
import { PresenceDot } from '../presence/PresenceDot.js';
import { ChatList } from './ChatList.js';
import classes from './Chats.module.css';
import { ChatsIcon } from './ChatsIcon.js';
import { useChat } from './chats.api.js';
import { ForwardDialog } from './ForwardDialog.js';
import { MemberPanel } from './MemberPanel.js';
import { MessagesPane } from './MessagesPane.js';

/** One chat: its header, its messages and composer, the thread and member panels. */
function Conversation({ chatId, narrow }: { chatId: string; narrow: boolean }) {
  const { t } = useTranslation();
  const chat = useChat(chatId);
  const [searchParams, setSearchParams] = useSearchParams();
  const [threadRoot, setThreadRoot] = useState<Message | null>(null);
  const [membersOpen, setMembersOpen] = useState(false);
  const [forwarding, setForwarding] = useState<Message | null>(null);
  const threadId = searchParams.get('thread');

  if (chat.isPending) {
    return (
      <Center h="100%">
        <Loader size="sm" />
      </Center>
    );
  }
  if (chat.error || !chat.data) {
    return (
      <Stack p="md">
        {isApiError(chat.error, 404) ? (
          <Text>{t('chats.conversation.notFound')}</Text>
        ) : (
          <ErrorAlert error={chat.error} />
        )}
      </Stack>
    );
  }
  const view = chat.data;
  const openThread = (message: Message) => {
    setThreadRoot(message);
    setSearchParams({ thread: message.id }, { replace: true });
  };
  const closeThread = () => {
    setThreadRoot(null);
    setSearchParams({}, { replace: true });
  };

  return (
    <Stack gap={0} h="100%" miw={0}>
      <Group
        gap="sm"
        wrap="nowrap"
        pb="xs"
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      >
        {narrow ? (
          <ActionIcon component={Link} to="/chats" variant="subtle" aria-label={t('chats.conversation.back')}>
            <ChatsIcon name="back" />
          </ActionIcon>
        ) : null}
        <UserAvatar name={view.name} photoUrl={view.photoUrl} size={36} />
        <Stack gap={0} miw={0} style={{ flex: 1 }}>
          <Title
            order={2}
            size="h4"
            lineClamp={1}
            style={{ overflowWrap: 'anywhere' }}
            data-testid="conversation-title"
          >
            {view.name}
          </Title>
          {view.kind === 'direct' && view.peer ? (
            <PresenceDot userId={view.peer.id} withLabel size={8} />
          ) : (
            <Text size="xs" c="dimmed">
              {t(view.kind === 'channel' ? 'chats.conversation.subscribers' : 'chats.conversation.members', {
                count: view.memberCount,
              })}
            </Text>
          )}
        </Stack>
        <ActionIcon
          variant="subtle"
          size="lg"
          aria-label={t('chats.conversation.details')}
          onClick={() => setMembersOpen(true)}
          data-testid="chat-details"
        >
          <ChatsIcon name="members" />
        </ActionIcon>
      </Group>
      <MessagesPane
        key={view.id}
        chat={view}
        threadRoot={null}
        onOpenThread={openThread}
        onForward={setForwarding}
      />
      <Drawer
        opened={Boolean(threadId && threadRoot)}
        onClose={closeThread}
        position="right"
        size={narrow ? '100%' : 'md'}
        title={t('chats.thread.title')}
        styles={{ body: { height: 'calc(100% - 60px)', display: 'flex', flexDirection: 'column' } }}
      >
        {threadRoot ? (
          <MessagesPane
            key={`${view.id}:${threadRoot.id}`}
            chat={view}
            threadRoot={threadRoot}
            onOpenThread={() => {}}
            onForward={setForwarding}
          />
        ) : null}
      </Drawer>
      <Drawer
        opened={membersOpen}
        onClose={() => setMembersOpen(false)}
        position="right"
        size={narrow ? '100%' : 'md'}
        title={view.name}
      >
        <MemberPanel chat={view} />
      </Drawer>
      {forwarding ? <ForwardDialog message={forwarding} onClose={() => setForwarding(null)} /> : null}
    </Stack>
  );
}

/**
 * Chats (C1–C4): the list beside the open conversation on wide screens; on a phone, the list
 * and the conversation are separate screens (`/chats` and `/chats/:id`).
 */
export function ChatsPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const open = useChat(id);
  usePageTitle(open.data?.name ?? t('chats.title'));
  return (
    <div className={classes.screen}>
      {wide || !id ? (
        <Box className={classes.list} component="section" aria-label={t('chats.list.label')}>
          <ChatList activeId={id} />
        </Box>
      ) : null}
      {id ? (
        <Box className={classes.conversation} component="section" aria-label={t('chats.conversation.label')}>
          <Conversation key={id} chatId={id} narrow={!wide} />
        </Box>
      ) : wide ? (
        <Center className={classes.conversation}>
          <Text c="dimmed">{t('chats.conversation.pick')}</Text>
        </Center>
      ) : null}
    </div>
  );
}
