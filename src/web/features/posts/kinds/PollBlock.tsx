import { Badge, Button, Checkbox, Group, Paper, Progress, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PollView } from '../../../../shared/api/post-kinds.js';
import { useFormatters } from '../../../lib/useFormatters.js';
import { ErrorAlert } from '../../../ui/ErrorAlert.js';
import { FeedIcon } from '../FeedIcon.js';
import { useVote } from '../post-kinds.api.js';

function PollResults({ poll }: { poll: PollView }) {
  const { t } = useTranslation();
  const { number } = useFormatters();
  return (
    <Stack gap={8} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {poll.options.map((option) => {
        const share = poll.totalVoters > 0 ? Math.round((option.votes / poll.totalVoters) * 100) : 0;
        const color =
          option.correct === true ? 'teal' : option.correct === false && option.votedByMe ? 'red' : undefined;
        return (
          <li key={option.id}>
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Group gap={6} wrap="nowrap" miw={0}>
                {option.votedByMe ? <FeedIcon name="check" size={14} /> : null}
                <Text size="sm" style={{ overflowWrap: 'anywhere' }} fw={option.votedByMe ? 600 : undefined}>
                  {option.text}
                </Text>
                {option.correct === true ? (
                  <Badge size="xs" color="teal" variant="light">
                    {t('posts.poll.correct')}
                  </Badge>
                ) : null}
              </Group>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {t('posts.poll.optionResult', { percent: share, count: option.votes })}
              </Text>
            </Group>
            <Progress value={share} color={color} size="sm" mt={4} aria-hidden="true" />
          </li>
        );
      })}
      <Text size="xs" c="dimmed" component="li">
        {t('posts.poll.voters', { count: poll.totalVoters, formatted: number(poll.totalVoters) })}
      </Text>
    </Stack>
  );
}

/** A poll or quiz: the options to choose from, or the results once answered or closed. */
export function PollBlock({ postId, poll }: { postId: string; poll: PollView }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const vote = useVote(postId);
  const voted = poll.myChoice.length > 0;
  const [changing, setChanging] = useState(false);
  const [choice, setChoice] = useState<string[]>(poll.myChoice);
  const voting = poll.abilities.vote && !poll.closed && (!voted || changing);

  function submit() {
    vote.mutate(choice, { onSuccess: () => setChanging(false) });
  }

  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <FeedIcon name="poll" />
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {poll.question}
          </Text>
        </Group>
        <Group gap={6}>
          {poll.quiz ? (
            <Badge size="sm" variant="light" color="grape">
              {t('posts.poll.quiz')}
            </Badge>
          ) : null}
          {poll.multiple ? (
            <Badge size="sm" variant="light" color="gray">
              {t('posts.poll.multiple')}
            </Badge>
          ) : null}
          {poll.anonymous ? (
            <Badge size="sm" variant="light" color="gray">
              {t('posts.poll.anonymous')}
            </Badge>
          ) : null}
          {poll.closed ? (
            <Badge size="sm" variant="light" color="red">
              {t('posts.poll.closed')}
            </Badge>
          ) : poll.closesAt ? (
            <Text size="xs" c="dimmed">
              {t('posts.poll.closesAt', { time: dateTime(poll.closesAt) })}
            </Text>
          ) : null}
        </Group>
        {voting ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}
          >
            {poll.multiple ? (
              <Checkbox.Group value={choice} onChange={setChoice}>
                <Stack gap={8} mt={4} role="group" aria-label={poll.question}>
                  {poll.options.map((option) => (
                    <Checkbox key={option.id} value={option.id} label={option.text} />
                  ))}
                </Stack>
              </Checkbox.Group>
            ) : (
              <Radio.Group value={choice[0] ?? null} onChange={(value) => setChoice([value])}>
                <Stack gap={8} mt={4} role="radiogroup" aria-label={poll.question}>
                  {poll.options.map((option) => (
                    <Radio key={option.id} value={option.id} label={option.text} />
                  ))}
                </Stack>
              </Radio.Group>
            )}
            <Group mt="sm" gap="xs">
              <Button type="submit" size="compact-md" disabled={choice.length === 0} loading={vote.isPending}>
                {poll.quiz ? t('posts.poll.answer') : t('posts.poll.vote')}
              </Button>
              {changing ? (
                <Button variant="default" size="compact-md" onClick={() => setChanging(false)}>
                  {t('common.cancel')}
                </Button>
              ) : null}
            </Group>
          </form>
        ) : (
          <PollResults poll={poll} />
        )}
        {poll.quizResult ? (
          <Text size="sm" c={poll.quizResult === 'correct' ? 'teal' : 'red'} role="status">
            {poll.quizResult === 'correct' ? t('posts.poll.quizCorrect') : t('posts.poll.quizIncorrect')}
          </Text>
        ) : null}
        {poll.anonymous ? (
          <Text size="xs" c="dimmed">
            {t('posts.poll.anonymousNote')}
          </Text>
        ) : null}
        {voted && !voting && !poll.quiz && !poll.closed && poll.abilities.vote ? (
          <Button variant="subtle" size="compact-sm" w="fit-content" onClick={() => setChanging(true)}>
            {t('posts.poll.change')}
          </Button>
        ) : null}
        <ErrorAlert error={vote.error} />
      </Stack>
    </Paper>
  );
}
