import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EventView, RsvpAnswerValue } from '../../../../shared/api/post-kinds.js';
import { useFormatters } from '../../../lib/useFormatters.js';
import { ErrorAlert } from '../../../ui/ErrorAlert.js';
import { FeedIcon } from '../FeedIcon.js';
import { useRsvp } from '../post-kinds.api.js';
import { isWebUrl } from './safe-url.js';

const answers: RsvpAnswerValue[] = ['going', 'maybe', 'no'];

/** An event: when and where, the viewer's answer with everyone's counts, and a calendar file. */
export function EventBlock({ postId, event }: { postId: string; event: EventView }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const rsvp = useRsvp(postId);
  const canAnswer = event.abilities.rsvp && !event.ended;
  return (
    <Paper withBorder p="sm" radius="md" bg="var(--mantine-color-default-hover)">
      <Stack gap={6}>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <FeedIcon name="calendar" />
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {event.title}
          </Text>
        </Group>
        <Text size="sm">
          {event.endsAt
            ? t('posts.event.fromTo', { start: dateTime(event.startsAt), end: dateTime(event.endsAt) })
            : dateTime(event.startsAt)}
          {event.ended ? ` · ${t('posts.event.ended')}` : ''}
        </Text>
        {event.location ? (
          <Group gap={6} wrap="nowrap">
            <FeedIcon name="place" size={16} />
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {event.location}
            </Text>
          </Group>
        ) : null}
        {event.onlineUrl && isWebUrl(event.onlineUrl) ? (
          <Group gap={6} wrap="nowrap">
            <FeedIcon name="link" size={16} />
            <Anchor
              href={event.onlineUrl}
              target="_blank"
              rel="noopener noreferrer nofollow"
              size="sm"
              style={{ overflowWrap: 'anywhere' }}
            >
              {t('posts.event.joinOnline')}
            </Anchor>
          </Group>
        ) : null}
        {event.remindBefore !== null ? (
          <Text size="xs" c="dimmed">
            {t('posts.event.reminder', { count: event.remindBefore })}
          </Text>
        ) : null}
        <Group gap="xs" mt={4} role="group" aria-label={t('posts.event.rsvpLabel')}>
          {answers.map((answer) => (
            <Button
              key={answer}
              size="compact-sm"
              variant={event.myAnswer === answer ? 'filled' : 'default'}
              aria-pressed={event.myAnswer === answer}
              disabled={!canAnswer}
              loading={rsvp.isPending && rsvp.variables === answer}
              onClick={() => rsvp.mutate(answer)}
            >
              {t(`posts.event.answer.${answer}`)} · {event.rsvps[answer]}
            </Button>
          ))}
          <Button
            component="a"
            href={event.icsUrl}
            download
            size="compact-sm"
            variant="subtle"
            leftSection={<FeedIcon name="download" size={14} />}
          >
            {t('posts.event.addToCalendar')}
          </Button>
        </Group>
        <ErrorAlert error={rsvp.error} />
      </Stack>
    </Paper>
  );
}
