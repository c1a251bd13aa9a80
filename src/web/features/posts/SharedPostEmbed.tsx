import { Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EmbeddedPost } from '../../../shared/api/posts.js';
import { AttachmentGallery } from './AttachmentGallery.js';
import { PostKindBlock } from './kinds/PostKindBlock.js';
import { PostFiles } from './PostFiles.js';
import { PostHeader } from './PostHeader.js';
import { PostHtml } from './PostHtml.js';

/** The post a share points at, framed inside the sharing post; a note when it is gone. */
export function SharedPostEmbed({ post }: { post: EmbeddedPost | null }) {
  const { t } = useTranslation();
  if (!post) {
    return (
      <Paper withBorder p="sm" radius="md">
        <Text size="sm" c="dimmed">
          {t('posts.sharedUnavailable')}
        </Text>
      </Paper>
    );
  }
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      component="figure"
      m={0}
      aria-label={t('posts.sharedPost', { name: post.author.name })}
    >
      <Stack gap="xs">
        <PostHeader post={post} compact />
        {post.html ? <PostHtml html={post.html} /> : null}
        <PostKindBlock post={post} />
        <AttachmentGallery attachments={post.attachments} />
        <PostFiles files={post.files} />
      </Stack>
    </Paper>
  );
}
