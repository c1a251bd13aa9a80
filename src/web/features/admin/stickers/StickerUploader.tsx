import {
  ActionIcon,
  Button,
  FileButton,
  Group,
  Image,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chatLimits } from '../../../../shared/api/chats.js';
import { useAddSticker } from './stickers.api.js';

/** What the server accepts (it checks the bytes again): the browser only warns early. */
const accepted = ['image/png', 'image/webp', 'image/gif'];
const maxBytes = 512 * 1024;

interface Pending {
  key: string;
  file: File;
  emoji: string;
  url: string;
  problem: 'type' | 'size' | null;
}

/**
 * Chosen images shown as a preview grid, each with an optional emoji, then uploaded one by
 * one; those the server refuses stay in the grid with the reason.
 */
export function StickerUploader({ packId, room }: { packId: string; room: number }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<Pending[]>([]);
  const [failed, setFailed] = useState<Record<string, string>>({});
  const [running, setRunning] = useState(false);
  const add = useAddSticker();

  // The previews' object URLs are released when they leave the grid, and all of them with the page.
  const current = useRef(pending);
  current.current = pending;
  useEffect(
    () => () => {
      for (const p of current.current) URL.revokeObjectURL(p.url);
    },
    [],
  );

  function choose(files: File[]) {
    const next = files.slice(0, Math.max(0, room - pending.length)).map((file, i) => ({
      key: `${Date.now()}-${i}-${file.name}`,
      file,
      emoji: '',
      url: URL.createObjectURL(file),
      problem: !accepted.includes(file.type)
        ? ('type' as const)
        : file.size > maxBytes
          ? ('size' as const)
          : null,
    }));
    setPending((old) => [...old, ...next]);
  }

  function drop(key: string) {
    setPending((old) => {
      for (const p of old) if (p.key === key) URL.revokeObjectURL(p.url);
      return old.filter((p) => p.key !== key);
    });
  }

  async function uploadAll() {
    setRunning(true);
    const errors: Record<string, string> = {};
    const done = new Set<string>();
    for (const item of pending) {
      if (item.problem) continue;
      try {
        await add.mutateAsync({ packId, file: item.file, emoji: item.emoji });
        done.add(item.key);
      } catch (error) {
        errors[item.key] = error instanceof Error ? error.message : String(error);
      }
    }
    setFailed(errors);
    setPending((old) => {
      for (const p of old) if (done.has(p.key)) URL.revokeObjectURL(p.url);
      return old.filter((p) => !done.has(p.key));
    });
    setRunning(false);
  }

  const ready = pending.filter((p) => !p.problem).length;

  return (
    <Stack gap="xs">
      {pending.length > 0 ? (
        <SimpleGrid
          cols={{ base: 2, xs: 3, sm: 4, md: 6 }}
          spacing="xs"
          aria-label={t('stickers.admin.preview')}
        >
          {pending.map((item) => (
            <Paper key={item.key} withBorder p={6} radius="sm">
              <Stack gap={4} align="center">
                <Group justify="flex-end" w="100%">
                  <ActionIcon
                    size="xs"
                    variant="subtle"
                    color="gray"
                    aria-label={t('stickers.admin.removeChosen', { name: item.file.name })}
                    onClick={() => drop(item.key)}
                  >
                    ×
                  </ActionIcon>
                </Group>
                <Image src={item.url} alt={item.file.name} w={64} h={64} fit="contain" />
                <TextInput
                  size="xs"
                  aria-label={t('stickers.admin.emoji')}
                  placeholder={t('stickers.admin.emoji')}
                  value={item.emoji}
                  maxLength={chatLimits.emoji}
                  onChange={(event) => {
                    const emoji = event.currentTarget.value;
                    setPending((old) => old.map((p) => (p.key === item.key ? { ...p, emoji } : p)));
                  }}
                  w="100%"
                />
                {item.problem || failed[item.key] ? (
                  <Text size="xs" c="red" ta="center">
                    {item.problem === 'type'
                      ? t('stickers.admin.wrongType')
                      : item.problem === 'size'
                        ? t('stickers.admin.tooLarge')
                        : failed[item.key]}
                  </Text>
                ) : null}
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
      ) : null}
      <Group gap="xs" wrap="wrap">
        <FileButton onChange={choose} accept={accepted.join(',')} multiple>
          {(props) => (
            <Button {...props} variant="default" size="xs" disabled={running}>
              {t('stickers.admin.choose')}
            </Button>
          )}
        </FileButton>
        {ready > 0 ? (
          <Button size="xs" onClick={() => void uploadAll()} loading={running}>
            {t('stickers.admin.upload', { count: ready })}
          </Button>
        ) : null}
        <Text size="xs" c="dimmed">
          {t('stickers.admin.hint')}
        </Text>
      </Group>
    </Stack>
  );
}
