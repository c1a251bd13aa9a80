import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Image,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chatLimits, type Sticker, type StickerPack } from '../../../../shared/api/chats.js';
import { ErrorAlert } from '../../../ui/ErrorAlert.js';
import { StickerUploader } from './StickerUploader.js';
import { moved, useDeletePack, useDeleteSticker, useReorderStickers, useUpdatePack } from './stickers.api.js';

interface PackCardProps {
  pack: StickerPack;
  /** Moves the pack up (-1) or down (+1); absent while a move is saving. */
  onMove: ((delta: -1 | 1) => void) | undefined;
  first: boolean;
  last: boolean;
}

/** One pack: its name, order and archive state, its stickers, and the uploader. */
export function PackCard({ pack, onMove, first, last }: PackCardProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [name, setName] = useState(pack.name);
  const update = useUpdatePack();
  const remove = useDeletePack();
  const reorder = useReorderStickers();
  const removeSticker = useDeleteSticker();
  const ids = pack.stickers.map((s) => s.id);

  function rename() {
    if (!name.trim() || name.trim() === pack.name) return setEditing(false);
    update.mutate({ id: pack.id, name: name.trim() }, { onSuccess: () => setEditing(false) });
  }

  function deletePack() {
    remove.mutate(pack.id, {
      onSuccess: ({ archived }) => {
        setConfirming(false);
        notifications.show({
          message: archived ? t('stickers.admin.packArchivedInstead') : t('stickers.admin.packDeleted'),
        });
      },
    });
  }

  return (
    <Paper withBorder p="md" component="article" aria-label={pack.name}>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('stickers.admin.deletePackTitle', { name: pack.name })}
      >
        <Stack>
          <Text size="sm">{t('stickers.admin.deletePackText')}</Text>
          <ErrorAlert error={remove.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={deletePack}>
              {t('common.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          {editing ? (
            <Group gap="xs" style={{ flex: '1 1 220px' }} wrap="nowrap">
              <TextInput
                aria-label={t('stickers.admin.name')}
                value={name}
                maxLength={chatLimits.stickerPackName}
                onChange={(event) => setName(event.currentTarget.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') rename();
                  if (event.key === 'Escape') setEditing(false);
                }}
                style={{ flex: 1 }}
                data-autofocus
              />
              <Button size="xs" onClick={rename} loading={update.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          ) : (
            <Group gap="xs" style={{ flex: '1 1 220px' }} miw={0}>
              <Title order={2} size="h4" style={{ overflowWrap: 'anywhere' }}>
                {pack.name}
              </Title>
              {pack.archived ? <Badge color="gray">{t('stickers.admin.archived')}</Badge> : null}
              <Text size="sm" c="dimmed">
                {t('stickers.admin.count', { count: pack.stickers.length })}
              </Text>
            </Group>
          )}
          <Group gap={4} wrap="wrap">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('stickers.admin.moveUp')}
              disabled={first || !onMove}
              onClick={() => onMove?.(-1)}
            >
              ↑
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('stickers.admin.moveDown')}
              disabled={last || !onMove}
              onClick={() => onMove?.(1)}
            >
              ↓
            </ActionIcon>
            {!editing ? (
              <Button
                size="xs"
                variant="subtle"
                onClick={() => {
                  setName(pack.name);
                  setEditing(true);
                }}
              >
                {t('stickers.admin.rename')}
              </Button>
            ) : null}
            <Button
              size="xs"
              variant="subtle"
              loading={update.isPending && !editing}
              onClick={() => update.mutate({ id: pack.id, archived: !pack.archived })}
            >
              {pack.archived ? t('stickers.admin.restore') : t('stickers.admin.archive')}
            </Button>
            <Button size="xs" variant="subtle" color="red" onClick={() => setConfirming(true)}>
              {t('common.delete')}
            </Button>
          </Group>
        </Group>
        <ErrorAlert error={update.error ?? reorder.error ?? removeSticker.error} />
        {pack.stickers.length > 0 ? (
          <SimpleGrid
            cols={{ base: 3, xs: 4, sm: 6, md: 8 }}
            spacing="xs"
            component="ul"
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
          >
            {pack.stickers.map((sticker, index) => (
              <StickerTile
                key={sticker.id}
                sticker={sticker}
                first={index === 0}
                last={index === pack.stickers.length - 1}
                busy={reorder.isPending || removeSticker.isPending}
                onMove={(delta) => reorder.mutate({ packId: pack.id, ids: moved(ids, index, delta) })}
                onDelete={() => removeSticker.mutate({ packId: pack.id, stickerId: sticker.id })}
              />
            ))}
          </SimpleGrid>
        ) : (
          <Text size="sm" c="dimmed">
            {t('stickers.admin.noStickers')}
          </Text>
        )}
        {pack.stickers.length < chatLimits.stickersPerPack ? (
          <StickerUploader packId={pack.id} room={chatLimits.stickersPerPack - pack.stickers.length} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('stickers.admin.full', { max: chatLimits.stickersPerPack })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

interface StickerTileProps {
  sticker: Sticker;
  first: boolean;
  last: boolean;
  busy: boolean;
  onMove: (delta: -1 | 1) => void;
  onDelete: () => void;
}

function StickerTile({ sticker, first, last, busy, onMove, onDelete }: StickerTileProps) {
  const { t } = useTranslation();
  const label = sticker.emoji
    ? t('stickers.admin.stickerWith', { emoji: sticker.emoji })
    : t('stickers.admin.sticker');
  return (
    <Paper component="li" withBorder p={4} radius="sm">
      <Stack gap={2} align="center">
        <Image src={sticker.url} alt={label} w={64} h={64} fit="contain" loading="lazy" />
        <Text size="xs" h={18} aria-hidden>
          {sticker.emoji ?? ''}
        </Text>
        <Group gap={0} justify="center" wrap="nowrap">
          <ActionIcon
            size="sm"
            variant="subtle"
            color="gray"
            aria-label={t('stickers.admin.moveLeft')}
            disabled={first || busy}
            onClick={() => onMove(-1)}
          >
            ←
          </ActionIcon>
          <ActionIcon
            size="sm"
            variant="subtle"
            color="red"
            aria-label={t('stickers.admin.deleteSticker')}
            disabled={busy}
            onClick={onDelete}
          >
            ×
          </ActionIcon>
          <ActionIcon
            size="sm"
            variant="subtle"
            color="gray"
            aria-label={t('stickers.admin.moveRight')}
            disabled={last || busy}
            onClick={() => onMove(1)}
          >
            →
          </ActionIcon>
        </Group>
      </Stack>
    </Paper>
  );
}
