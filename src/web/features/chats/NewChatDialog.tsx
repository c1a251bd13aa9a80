import { Button, Group, Modal, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type ChatKind, chatLimits } from '../../../shared/api/chats.js';
import { ApiError } from '../../lib/api.js';
import { useMe } from '../../lib/useMe.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { useCreateChat } from './chats.api.js';
import { PeoplePicker, type PickedPerson } from './PeoplePicker.js';

/** "New chat": a direct chat with one person, or a named group chat or channel with several. */
export function NewChatDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const meId = useMe().data?.user.id;
  const create = useCreateChat();
  const [kind, setKind] = useState<ChatKind>('direct');
  const [name, setName] = useState('');
  const [people, setPeople] = useState<PickedPerson[]>([]);
  const [problem, setProblem] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (kind === 'direct' && people.length !== 1) {
      setProblem(t('chats.new.pickOne'));
      return;
    }
    setProblem(undefined);
    create.mutate(
      { kind, memberIds: people.map((p) => p.id), ...(kind === 'direct' ? {} : { name: name.trim() }) },
      {
        onSuccess: (chat) => {
          onClose();
          navigate(`/chats/${chat.id}`);
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('chats.new.title')}>
      <form onSubmit={submit}>
        <Stack>
          <SegmentedControl
            fullWidth
            value={kind}
            onChange={(value) => {
              setKind(value as ChatKind);
              if (value === 'direct') setPeople((p) => p.slice(0, 1));
            }}
            data={[
              { value: 'direct', label: t('chats.kind.direct') },
              { value: 'group', label: t('chats.kind.group') },
              { value: 'channel', label: t('chats.kind.channel') },
            ]}
            aria-label={t('chats.new.kind')}
          />
          {kind !== 'direct' ? (
            <TextInput
              label={t('chats.new.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              maxLength={chatLimits.name}
              required
              error={create.error instanceof ApiError ? create.error.fieldMessage('name') : undefined}
            />
          ) : null}
          <PeoplePicker
            label={kind === 'direct' ? t('chats.new.person') : t('chats.new.people')}
            value={people}
            onChange={setPeople}
            excludeIds={meId ? [meId] : []}
            max={kind === 'direct' ? 1 : chatLimits.members}
            error={problem}
          />
          <ErrorAlert error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="new-chat-submit">
              {t('chats.new.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
