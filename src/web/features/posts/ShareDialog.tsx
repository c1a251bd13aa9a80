import { Button, Group, Modal, MultiSelect, Select, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupPage } from '../../../shared/api/groups.js';
import type { UserPage } from '../../../shared/api/users.js';
import { api } from '../../lib/api.js';
import { fieldError } from '../../lib/useFormValues.js';
import { useMe } from '../../lib/useMe.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { useCreatePost, useShareToPeople } from './posts.api.js';

interface ShareDialogProps {
  postId: string;
  opened: boolean;
  onClose: () => void;
}

/** The groups the viewer is a member of (and so may post in), for pickers. */
export function useMyGroups(enabled = true) {
  return useQuery({
    queryKey: ['groups', 'list', { mine: true, picker: true }],
    queryFn: ({ signal }) => api.get<GroupPage>('/groups', { query: { mine: true, limit: 100 }, signal }),
    enabled,
    staleTime: 60_000,
  });
}

function ShareToGroup({ postId, onDone }: { postId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const groups = useMyGroups();
  const create = useCreatePost();
  const [groupId, setGroupId] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const options = (groups.data?.items ?? [])
    .filter((group) => group.membership.state === 'member')
    .map((group) => ({ value: group.id, label: group.name }));

  return (
    <Stack>
      <Select
        label={t('posts.share.group')}
        placeholder={t('posts.share.pickGroup')}
        data={options}
        value={groupId}
        onChange={setGroupId}
        searchable
        nothingFoundMessage={groups.isPending ? t('common.loading') : t('posts.share.noGroups')}
        error={fieldError(create.error, 'space')}
        comboboxProps={{ withinPortal: true }}
      />
      <Textarea
        label={t('posts.share.comment')}
        value={comment}
        onChange={(event) => setComment(event.currentTarget.value)}
        autosize
        minRows={2}
        error={fieldError(create.error, 'body')}
      />
      <ErrorAlert error={create.error} />
      <Group justify="flex-end">
        <Button
          disabled={!groupId}
          loading={create.isPending}
          onClick={() =>
            groupId &&
            create.mutate(
              { space: { type: 'group', id: groupId }, body: comment, sharedPostId: postId },
              {
                onSuccess: () => {
                  notifications.show({ message: t('posts.share.sharedToGroup'), color: 'teal' });
                  onDone();
                },
              },
            )
          }
        >
          {t('posts.share.submit')}
        </Button>
      </Group>
    </Stack>
  );
}

function ShareToPeople({ postId, onDone }: { postId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data?.user;
  const share = useShareToPeople(postId);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [chosen, setChosen] = useState<{ value: string; label: string }[]>([]);
  const people = useQuery({
    queryKey: ['users', 'picker', debounced],
    queryFn: ({ signal }) =>
      api.get<UserPage>('/users', { query: { q: debounced || undefined, limit: 20 }, signal }),
    placeholderData: keepPreviousData,
  });
  const found = (people.data?.items ?? [])
    .filter((person) => person.id !== me?.id)
    .map((person) => ({ value: person.id, label: person.name }));
  const data = [...chosen, ...found.filter((f) => !chosen.some((c) => c.value === f.value))];

  return (
    <Stack>
      <MultiSelect
        label={t('posts.share.people')}
        placeholder={t('people.pickPlaceholder')}
        data={data}
        value={chosen.map((c) => c.value)}
        onChange={(ids) =>
          setChosen(ids.map((id) => data.find((d) => d.value === id) ?? { value: id, label: id }))
        }
        searchable
        searchValue={search}
        onSearchChange={setSearch}
        filter={({ options }) => options}
        nothingFoundMessage={people.isFetching ? t('common.loading') : t('people.nobodyFound')}
        error={fieldError(share.error, 'userIds')}
        comboboxProps={{ withinPortal: true }}
      />
      <ErrorAlert error={share.error} />
      <Group justify="flex-end">
        <Button
          disabled={chosen.length === 0}
          loading={share.isPending}
          onClick={() =>
            share.mutate(
              chosen.map((c) => c.value),
              {
                onSuccess: ({ notified }) => {
                  notifications.show({
                    message: t('posts.share.sentToPeople', { count: notified }),
                    color: 'teal',
                  });
                  onDone();
                },
              },
            )
          }
        >
          {t('posts.share.send')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Shares a post into one of the viewer's groups (as a new post), or sends it to colleagues. */
export function ShareDialog({ postId, opened, onClose }: ShareDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('posts.share.title')}>
      <Tabs defaultValue="group" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="group">{t('posts.share.toGroup')}</Tabs.Tab>
          <Tabs.Tab value="people">{t('posts.share.toPeople')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="group">
          <ShareToGroup postId={postId} onDone={onClose} />
        </Tabs.Panel>
        <Tabs.Panel value="people">
          <Text size="sm" c="dimmed" mb="xs">
            {t('posts.share.peopleHint')}
          </Text>
          <ShareToPeople postId={postId} onDone={onClose} />
        </Tabs.Panel>
      </Tabs>
    </Modal>
  );
}
