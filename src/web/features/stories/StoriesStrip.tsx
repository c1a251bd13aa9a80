import { Indicator, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/useMe.js';
import { UserAvatar } from '../../ui/UserAvatar.js';
import { FeedIcon } from '../posts/FeedIcon.js';
import { NewStoryDialog } from './NewStoryDialog.js';
import { StoryViewer } from './StoryViewer.js';
import { useStories } from './stories.api.js';

const tile = { width: 72 } as const;

/** The row of people with stories of the last 24 hours, and "Add a story", across the top of the feed. */
export function StoriesStrip() {
  const { t } = useTranslation();
  const me = useMe().data?.user;
  const stories = useStories();
  const authors = stories.data?.pages.flatMap((page) => page.items) ?? [];
  const [viewing, setViewing] = useState<number | null>(null);
  const [adding, addDialog] = useDisclosure(false);
  if (!me) return null;

  return (
    <section aria-label={t('stories.label')}>
      <ScrollArea type="auto" scrollbarSize={6} offsetScrollbars="x">
        <Stack component="ul" p={0} m={0} style={{ listStyle: 'none', flexDirection: 'row' }} gap="sm">
          <li>
            <UnstyledButton onClick={addDialog.open} style={tile} aria-label={t('stories.add')}>
              <Stack gap={4} align="center">
                <Indicator
                  label={<FeedIcon name="plus" size={12} />}
                  size={18}
                  offset={6}
                  position="bottom-end"
                  withBorder
                >
                  <UserAvatar name={me.name} photoUrl={me.photoUrl} size={56} />
                </Indicator>
                <Text size="xs" ta="center" lineClamp={1} w="100%" aria-hidden="true">
                  {t('stories.addShort')}
                </Text>
              </Stack>
            </UnstyledButton>
          </li>
          {authors.map((entry, index) => (
            <li key={entry.author.id}>
              <UnstyledButton
                onClick={() => setViewing(index)}
                style={tile}
                aria-label={t('stories.open', { name: entry.author.name, count: entry.stories.length })}
                data-testid="story-author"
              >
                <Stack gap={4} align="center">
                  <div
                    style={{
                      padding: 2,
                      borderRadius: '50%',
                      background: 'linear-gradient(135deg, var(--mantine-primary-color-filled), #f76b1c)',
                    }}
                  >
                    <div style={{ padding: 2, borderRadius: '50%', background: 'var(--mantine-color-body)' }}>
                      <UserAvatar name={entry.author.name} photoUrl={entry.author.photoUrl} size={48} />
                    </div>
                  </div>
                  <Text size="xs" ta="center" lineClamp={1} w="100%" aria-hidden="true">
                    {entry.author.name}
                  </Text>
                </Stack>
              </UnstyledButton>
            </li>
          ))}
        </Stack>
      </ScrollArea>
      {viewing !== null ? (
        <StoryViewer authors={authors} startAt={viewing} onClose={() => setViewing(null)} />
      ) : null}
      <NewStoryDialog opened={adding} onClose={addDialog.close} />
    </section>
  );
}
