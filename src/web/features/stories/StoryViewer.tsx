import { ActionIcon, Box, Button, Group, Modal, Progress, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoryAuthor } from '../../../shared/api/stories.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { UserAvatar } from '../../ui/UserAvatar.js';
import { FeedIcon } from '../posts/FeedIcon.js';
import { RelativeTime } from '../posts/RelativeTime.js';
import { useDeleteStory } from './stories.api.js';
import { storyBackgroundCss } from './story-backgrounds.js';

/** How long a story stays on screen before the next one, unless paused. */
const storyMs = 6000;

interface StoryViewerProps {
  authors: StoryAuthor[];
  /** The author whose stories open first. */
  startAt: number;
  onClose: () => void;
}

/**
 * Plays stories one after another, author after author: previous and next by button or arrow
 * key, a pause (stories move on by themselves), and removal of one's own story.
 */
export function StoryViewer({ authors, startAt, onClose }: StoryViewerProps) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  const [position, setPosition] = useState({ author: startAt, story: 0 });
  const [paused, setPaused] = useState(false);
  const remove = useDeleteStory();
  const author = authors[position.author];
  const story = author?.stories[position.story];

  const next = useCallback(() => {
    const { author: a, story: s } = position;
    if (s + 1 < (authors[a]?.stories.length ?? 0)) setPosition({ author: a, story: s + 1 });
    else if (a + 1 < authors.length) setPosition({ author: a + 1, story: 0 });
    else onClose();
  }, [authors, position, onClose]);

  const previous = useCallback(() => {
    const { author: a, story: s } = position;
    if (s > 0) setPosition({ author: a, story: s - 1 });
    else if (a > 0)
      setPosition({ author: a - 1, story: Math.max(0, (authors[a - 1]?.stories.length ?? 1) - 1) });
  }, [authors, position]);

  useEffect(() => {
    if (paused || !story) return;
    const timer = setTimeout(next, storyMs);
    return () => clearTimeout(timer);
  }, [paused, story, next]);

  // The list can shrink under the viewer (a story expired or was removed).
  useEffect(() => {
    if (!story) onClose();
  }, [story, onClose]);

  if (!author || !story) return null;
  const first = position.author === 0 && position.story === 0;

  return (
    <Modal
      opened
      onClose={onClose}
      fullScreen={phone}
      size={440}
      padding="sm"
      title={
        <Group gap="xs" wrap="nowrap">
          <UserAvatar name={author.author.name} photoUrl={author.author.photoUrl} size="sm" />
          <Stack gap={0}>
            <Text size="sm" fw={600}>
              {author.author.name}
            </Text>
            <Text size="xs" c="dimmed">
              <RelativeTime iso={story.createdAt} />
            </Text>
          </Stack>
        </Group>
      }
      closeButtonProps={{ 'aria-label': t('stories.close') }}
    >
      <Box
        onKeyDown={(event) => {
          if (event.key === 'ArrowRight') next();
          if (event.key === 'ArrowLeft') previous();
        }}
      >
        <Group gap={4} grow mb="xs" aria-hidden="true">
          {author.stories.map((s, index) => (
            <Progress key={s.id} size={3} value={index <= position.story ? 100 : 0} />
          ))}
        </Group>
        <Box
          role="img"
          aria-label={story.text ? story.text : t('stories.picture', { name: author.author.name })}
          style={{
            position: 'relative',
            aspectRatio: '9 / 14',
            maxHeight: phone ? 'calc(100dvh - 200px)' : '62vh',
            margin: '0 auto',
            borderRadius: 'var(--mantine-radius-md)',
            overflow: 'hidden',
            background: story.background
              ? storyBackgroundCss[story.background]
              : 'var(--mantine-color-dark-6)',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
          }}
        >
          {story.imageUrl ? (
            <img
              src={story.imageUrl}
              alt=""
              style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', objectFit: 'cover' }}
            />
          ) : null}
          {story.text ? (
            <Text
              c="white"
              fz={story.imageUrl ? 'md' : 'xl'}
              fw={600}
              ta="center"
              p="md"
              style={{
                position: 'relative',
                overflowWrap: 'anywhere',
                whiteSpace: 'pre-line',
                textShadow: '0 1px 3px rgba(0,0,0,0.6)',
                alignSelf: story.imageUrl ? 'flex-end' : 'center',
              }}
            >
              {story.text}
            </Text>
          ) : null}
        </Box>
        <Group justify="space-between" mt="sm" wrap="nowrap">
          <ActionIcon
            variant="default"
            size="lg"
            onClick={previous}
            disabled={first}
            aria-label={t('stories.previous')}
          >
            <FeedIcon name="chevronLeft" />
          </ActionIcon>
          <Group gap="xs" wrap="nowrap">
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => setPaused((p) => !p)}
              aria-pressed={paused}
            >
              {paused ? t('stories.play') : t('stories.pause')}
            </Button>
            {story.abilities.delete ? (
              <Button
                variant="subtle"
                color="red"
                size="compact-sm"
                loading={remove.isPending}
                onClick={() => remove.mutate(story.id)}
              >
                {t('stories.delete')}
              </Button>
            ) : null}
          </Group>
          <ActionIcon
            variant="default"
            size="lg"
            onClick={next}
            aria-label={t('stories.next')}
            data-autofocus
          >
            <FeedIcon name="chevronRight" />
          </ActionIcon>
        </Group>
        <ErrorAlert error={remove.error} />
      </Box>
    </Modal>
  );
}
