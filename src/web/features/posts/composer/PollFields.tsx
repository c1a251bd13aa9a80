import { ActionIcon, Button, Checkbox, Group, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { postKindLimits } from '../../../../shared/api/post-kinds.js';
import type { FieldErrorValue } from '../../../lib/useFormValues.js';
import { FeedIcon } from '../FeedIcon.js';
import type { PollDraft } from './composer-state.js';

interface PollFieldsProps {
  poll: PollDraft;
  onChange: (poll: PollDraft) => void;
  errorFor: (field: string) => FieldErrorValue;
}

/** Question, options (add, remove, mark the right ones for a quiz), and the poll's settings. */
export function PollFields({ poll, onChange, errorFor }: PollFieldsProps) {
  const { t } = useTranslation();
  const set = (patch: Partial<PollDraft>) => onChange({ ...poll, ...patch });
  // A problem with one option shows under it; one with the list as a whole, under the list.
  const optionsError = errorFor('options');
  const perOptionError = poll.options.some((_, index) => errorFor(`options.${index}`) !== undefined);

  function removeOption(index: number) {
    set({
      options: poll.options.filter((_, i) => i !== index),
      correct: poll.correct.filter((i) => i !== index).map((i) => (i > index ? i - 1 : i)),
    });
  }

  function toggleCorrect(index: number, on: boolean) {
    const others = poll.correct.filter((i) => i !== index);
    set({ correct: on ? (poll.multiple ? [...others, index] : [index]) : others });
  }

  return (
    <Stack gap="sm">
      <TextInput
        label={t('composer.poll.question')}
        value={poll.question}
        onChange={(e) => set({ question: e.currentTarget.value })}
        maxLength={postKindLimits.question}
        required
        error={errorFor('question')}
      />
      <Stack gap={6} role="group" aria-label={t('composer.poll.options')}>
        <Text size="sm" fw={500}>
          {t('composer.poll.options')}
        </Text>
        {poll.options.map((option, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: options have no identity before they are published.
          <Group key={index} gap="xs" wrap="nowrap" align="flex-start">
            {poll.quiz ? (
              <Checkbox
                mt={8}
                checked={poll.correct.includes(index)}
                onChange={(e) => toggleCorrect(index, e.currentTarget.checked)}
                aria-label={t('composer.poll.markCorrect', { number: index + 1 })}
              />
            ) : null}
            <TextInput
              style={{ flex: 1 }}
              aria-label={t('composer.poll.option', { number: index + 1 })}
              placeholder={t('composer.poll.option', { number: index + 1 })}
              value={option}
              onChange={(e) => {
                const options = [...poll.options];
                options[index] = e.currentTarget.value;
                set({ options });
              }}
              maxLength={postKindLimits.option}
              error={errorFor(`options.${index}`)}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              mt={4}
              disabled={poll.options.length <= postKindLimits.optionsMin}
              onClick={() => removeOption(index)}
              aria-label={t('composer.poll.removeOption', { number: index + 1 })}
            >
              <FeedIcon name="close" size={16} />
            </ActionIcon>
          </Group>
        ))}
        {typeof optionsError === 'string' && !perOptionError ? (
          <Text size="xs" c="red" role="alert">
            {optionsError}
          </Text>
        ) : null}
        {poll.quiz && typeof errorFor('quiz.correct') === 'string' ? (
          <Text size="xs" c="red" role="alert">
            {errorFor('quiz.correct')}
          </Text>
        ) : null}
        <Button
          variant="subtle"
          size="compact-sm"
          w="fit-content"
          leftSection={<FeedIcon name="plus" size={14} />}
          disabled={poll.options.length >= postKindLimits.optionsMax}
          onClick={() => set({ options: [...poll.options, ''] })}
        >
          {t('composer.poll.addOption')}
        </Button>
      </Stack>
      <Group gap="lg">
        <Switch
          label={t('composer.poll.multiple')}
          checked={poll.multiple}
          onChange={(e) =>
            set({
              multiple: e.currentTarget.checked,
              correct: e.currentTarget.checked ? poll.correct : poll.correct.slice(0, 1),
            })
          }
        />
        <Switch
          label={t('composer.poll.anonymous')}
          checked={poll.anonymous}
          onChange={(e) => set({ anonymous: e.currentTarget.checked })}
        />
        <Switch
          label={t('composer.poll.quiz')}
          description={poll.quiz ? t('composer.poll.quizHint') : undefined}
          checked={poll.quiz}
          onChange={(e) => set({ quiz: e.currentTarget.checked })}
        />
      </Group>
      <TextInput
        type="datetime-local"
        label={t('composer.poll.closesAt')}
        description={t('composer.optional')}
        value={poll.closesAt}
        onChange={(e) => set({ closesAt: e.currentTarget.value })}
        error={errorFor('closesAt')}
        maw={280}
      />
    </Stack>
  );
}
