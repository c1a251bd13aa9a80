import { Anchor, CloseButton, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isWebUrl } from '../posts/kinds/safe-url.js';
import { PostHtml } from '../posts/PostHtml.js';
import { useRunningBanners } from './banners.api.js';

const storageKey = 'atrium-dismissed-banners';

function readDismissed(): string[] {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The pinned banners across the top of the feed. Closing one hides it for the rest of the
 * browser session (it comes back in a new session while it still runs).
 */
export function BannerStack() {
  const { t } = useTranslation();
  const banners = useRunningBanners();
  const [dismissed, setDismissed] = useState<string[]>(readDismissed);
  const shown = (banners.data?.items ?? []).filter((banner) => !dismissed.includes(banner.id));
  if (shown.length === 0) return null;

  function dismiss(id: string) {
    const next = [...dismissed, id];
    setDismissed(next);
    try {
      sessionStorage.setItem(storageKey, JSON.stringify(next));
    } catch {
      // Private mode without storage: hidden for this page view only.
    }
  }

  return (
    <Stack gap="xs" component="section" aria-label={t('banners.label')}>
      {shown.map((banner) => (
        <Paper
          key={banner.id}
          p="sm"
          radius="md"
          bg="var(--mantine-primary-color-light)"
          style={{ borderInlineStart: '4px solid var(--mantine-primary-color-filled)' }}
          data-testid="banner"
        >
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <Stack gap={4} miw={0}>
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {banner.title}
              </Text>
              {banner.html ? <PostHtml html={banner.html} /> : null}
              {banner.linkUrl && isWebUrl(banner.linkUrl) ? (
                <Anchor
                  href={banner.linkUrl}
                  target="_blank"
                  rel="noopener noreferrer"
                  size="sm"
                  w="fit-content"
                >
                  {t('banners.more')}
                </Anchor>
              ) : null}
            </Stack>
            <CloseButton
              onClick={() => dismiss(banner.id)}
              aria-label={t('banners.dismiss', { title: banner.title })}
            />
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
