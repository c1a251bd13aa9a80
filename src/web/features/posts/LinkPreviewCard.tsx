import { Group, Paper, Stack, Text } from '@mantine/core';
import type { EmbeddedPost } from '../../../shared/api/posts.js';
import { isWebUrl } from './kinds/safe-url.js';
import classes from './Posts.module.css';

/**
 * Images are shown only from our own origin: the Content-Security-Policy (img-src 'self')
 * blocks others, and a remote image would tell its site who reads the post.
 */
function ownImage(url: string | undefined): string | undefined {
  return url?.startsWith('/') && !url.startsWith('//') ? url : undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The card of the first link in a post: site, title and description, all as plain text. */
export function LinkPreviewCard({ preview }: { preview: NonNullable<EmbeddedPost['preview']> }) {
  if ((!preview.title && !preview.description) || !isWebUrl(preview.url)) return null;
  const image = ownImage(preview.imageUrl);
  return (
    <Paper
      withBorder
      p="sm"
      component="a"
      href={preview.url}
      target="_blank"
      rel="noopener noreferrer nofollow"
      referrerPolicy="no-referrer"
      className={classes.previewCard}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        {image ? <img src={image} alt="" width={72} height={72} style={{ objectFit: 'cover' }} /> : null}
        <Stack gap={2} miw={0}>
          <Text size="xs" c="dimmed" truncate="end">
            {preview.siteName || hostOf(preview.url)}
          </Text>
          {preview.title ? (
            <Text size="sm" fw={600} lineClamp={2}>
              {preview.title}
            </Text>
          ) : null}
          {preview.description ? (
            <Text size="xs" c="dimmed" lineClamp={3}>
              {preview.description}
            </Text>
          ) : null}
        </Stack>
      </Group>
    </Paper>
  );
}
