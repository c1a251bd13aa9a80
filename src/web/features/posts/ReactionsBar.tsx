import { ActionIcon, Button, Group, Popover, SimpleGrid, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { type EmbeddedPost, reactionEmojis } from '../../../shared/api/posts.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { FeedIcon } from './FeedIcon.js';
import { useReaction } from './posts.api.js';

/**
 * The reactions of a post: each emoji with its count (pressed when the viewer is among them),
 * and a picker of the allowed emoji. Without the `react` ability the counts are read-only.
 */
export function ReactionsBar({ post }: { post: EmbeddedPost }) {
  const { t } = useTranslation();
  const reaction = useReaction(post.id);
  const [pickerOpened, picker] = useDisclosure(false);
  const canReact = post.abilities.react;
  const mine = new Set(post.reactions.filter((r) => r.mine).map((r) => r.emoji));

  function toggle(emoji: string) {
    reaction.mutate({ emoji, on: !mine.has(emoji) });
    picker.close();
  }

  return (
    <>
      <Group gap={6} wrap="wrap" role="group" aria-label={t('posts.reactions.label')}>
        {post.reactions
          .filter((r) => r.count > 0)
          .map((r) => (
            <Button
              key={r.emoji}
              size="compact-sm"
              radius="xl"
              variant={r.mine ? 'light' : 'default'}
              aria-pressed={r.mine}
              disabled={!canReact}
              onClick={() => toggle(r.emoji)}
              aria-label={t(r.mine ? 'posts.reactions.remove' : 'posts.reactions.add', {
                emoji: r.emoji,
                count: r.count,
              })}
              data-testid="reaction"
            >
              <span aria-hidden="true">{r.emoji}</span>
              <span aria-hidden="true" style={{ marginInlineStart: 4 }}>
                {r.count}
              </span>
            </Button>
          ))}
        {canReact ? (
          <Popover opened={pickerOpened} onChange={picker.toggle} position="top-start" withinPortal trapFocus>
            <Popover.Target>
              <ActionIcon
                variant="subtle"
                color="gray"
                radius="xl"
                onClick={picker.toggle}
                aria-label={t('posts.reactions.pick')}
                aria-expanded={pickerOpened}
              >
                <FeedIcon name="smile" />
              </ActionIcon>
            </Popover.Target>
            <Popover.Dropdown p={4}>
              <SimpleGrid cols={5} spacing={2} role="group" aria-label={t('posts.reactions.pick')}>
                {reactionEmojis.map((emoji) => (
                  <UnstyledButton
                    key={emoji}
                    onClick={() => toggle(emoji)}
                    aria-label={t('posts.reactions.with', { emoji })}
                    aria-pressed={mine.has(emoji)}
                    fz={22}
                    p={4}
                    ta="center"
                    style={{
                      borderRadius: 8,
                      background: mine.has(emoji) ? 'var(--mantine-primary-color-light)' : undefined,
                    }}
                  >
                    {emoji}
                  </UnstyledButton>
                ))}
              </SimpleGrid>
            </Popover.Dropdown>
          </Popover>
        ) : null}
      </Group>
      {reaction.error ? <ErrorAlert error={reaction.error} /> : null}
    </>
  );
}
