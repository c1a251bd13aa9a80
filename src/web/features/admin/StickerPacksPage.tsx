import { Button, Group, Paper, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chatLimits } from '../../../shared/api/chats.js';
import { EmptyNotice } from '../../ui/EmptyNotice.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { PackCard } from './stickers/PackCard.js';
import { moved, useCreatePack, useReorderPacks, useStickerPacks } from './stickers/stickers.api.js';

/**
 * Corporate sticker packs (`/admin/stickers`): create, rename, order, archive and delete packs;
 * upload stickers with a preview, delete and order them. Archived packs stay listed here (their
 * stickers still show in old messages) but are no longer offered in chats.
 */
export function StickerPacksPage() {
  const { t } = useTranslation();
  const packs = useStickerPacks();
  const reorder = useReorderPacks();
  const items = packs.data?.items ?? [];
  const ids = items.map((p) => p.id);

  return (
    <>
      <PageHeader title={t('stickers.admin.title')} description={t('stickers.admin.description')} />
      <NewPackForm />
      <ErrorAlert error={packs.error ?? reorder.error} />
      {packs.isPending ? <PageLoader /> : null}
      {packs.isSuccess && items.length === 0 ? <EmptyNotice text={t('stickers.admin.empty')} /> : null}
      <Stack gap="md" aria-label={t('stickers.admin.packs')} component="section">
        {items.map((pack, index) => (
          <PackCard
            key={pack.id}
            pack={pack}
            onMove={
              reorder.isPending
                ? undefined
                : (delta) => {
                    const next = moved(ids, index, delta);
                    if (next.join() !== ids.join()) reorder.mutate(next);
                  }
            }
            first={index === 0}
            last={index === items.length - 1}
          />
        ))}
      </Stack>
    </>
  );
}

function NewPackForm() {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const create = useCreatePack();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    create.mutate(name.trim(), { onSuccess: () => setName('') });
  }

  return (
    <Paper withBorder p="md" mb="lg">
      <form onSubmit={submit} noValidate aria-label={t('stickers.admin.newPack')}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('stickers.admin.newPack')}
            placeholder={t('stickers.admin.namePlaceholder')}
            value={name}
            maxLength={chatLimits.stickerPackName}
            onChange={(event) => setName(event.currentTarget.value)}
            style={{ flex: '1 1 220px' }}
            error={create.error?.message}
          />
          <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
            {t('stickers.admin.create')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
