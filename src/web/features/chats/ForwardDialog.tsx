import { Button, Group, Modal, Select, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Message } from '../../../shared/api/chats.js';
import { api } from '../../lib/api.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { chatPaths, useChatList } from './chats.api.js';
import { newClientId } from './client-id.js';

/** Forwards a message into another chat of the viewer's (a copy, marked as forwarded). */
export function ForwardDialog({ message, onClose }: { message: Message; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const chats = useChatList({ kind: 'all' });
  const [toChatId, setToChatId] = useState<string | null>(null);
  // One id for this forward: pressing again after a lost answer forwards it once.
  const [clientId] = useState(newClientId);
  const forward = useMutation({
    mutationFn: (to: string) =>
      api.post<Message>(chatPaths.forward(message.chatId, message.id), { body: { toChatId: to, clientId } }),
    onSuccess: (_m, to) => {
      onClose();
      navigate(`/chats/${to}`);
    },
  });
  const options = (chats.data?.pages.flatMap((p) => p.items) ?? []).map((c) => ({
    value: c.id,
    label: c.name,
  }));
  return (
    <Modal opened onClose={onClose} title={t('chats.forward.title')}>
      <Stack>
        <Select
          label={t('chats.forward.to')}
          data={options}
          value={toChatId}
          onChange={setToChatId}
          searchable
          nothingFoundMessage={t('chats.list.none')}
          comboboxProps={{ withinPortal: true }}
        />
        {chats.hasNextPage ? (
          <Button
            variant="subtle"
            size="xs"
            onClick={() => chats.fetchNextPage()}
            loading={chats.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        ) : null}
        <ErrorAlert error={forward.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={!toChatId}
            loading={forward.isPending}
            onClick={() => toChatId && forward.mutate(toChatId)}
          >
            {t('chats.forward.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
