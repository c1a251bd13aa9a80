import { Button, Group, Paper, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PostView } from '../../../shared/api/posts.js';
import { AttachmentGallery } from './AttachmentGallery.js';
import { CommentsSection } from './comments/CommentsSection.js';
import { FeedIcon } from './FeedIcon.js';
import { PostKindBlock } from './kinds/PostKindBlock.js';
import { LinkPreviewCard } from './LinkPreviewCard.js';
import { PostEditForm } from './PostEditForm.js';
import { PostFiles } from './PostFiles.js';
import { PostHeader } from './PostHeader.js';
import { PostHtml } from './PostHtml.js';
import { PostMenu } from './PostMenu.js';
import { ReactionsBar } from './ReactionsBar.js';
import { ShareDialog } from './ShareDialog.js';
import { SharedPostEmbed } from './SharedPostEmbed.js';
import { VersionsDialog } from './VersionsDialog.js';

export interface PostCardProps {
  post: PostView;
  /** Marks the post as new since the viewer's last visit. */
  isNew?: boolean;
  /** Shows the comments open from the start (the post's own page). */
  commentsOpen?: boolean;
  /** Where to go after the post is deleted (the post page goes back to the feed). */
  afterDeletePath?: string;
}

/**
 * A post as every list and the post page show it: header, the server's HTML, the kind's block,
 * images, link preview, the shared post, reactions, comments and the actions the viewer may
 * take. Only `html` fields are inserted as HTML; everything else is text.
 */
export function PostCard({ post, isNew, commentsOpen = false, afterDeletePath }: PostCardProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [showComments, setShowComments] = useState(commentsOpen);
  const [versionsOpened, versions] = useDisclosure(false);
  const [shareOpened, share] = useDisclosure(false);

  return (
    <Paper
      withBorder
      p={{ base: 'sm', sm: 'md' }}
      component="article"
      aria-label={t('posts.cardLabel', { name: post.author.name || t('posts.formerColleague') })}
      data-testid="post-card"
      data-post-id={post.id}
    >
      <Stack gap="sm">
        <PostHeader
          post={post}
          isNew={isNew}
          onShowVersions={versions.open}
          menu={
            <PostMenu
              post={post}
              onEdit={() => setEditing(true)}
              onShowVersions={versions.open}
              afterDeletePath={afterDeletePath}
            />
          }
        />
        {editing ? (
          <PostEditForm post={post} onDone={() => setEditing(false)} />
        ) : post.html ? (
          <PostHtml html={post.html} />
        ) : null}
        <PostKindBlock post={post} />
        <AttachmentGallery attachments={post.attachments} />
        <PostFiles files={post.files} />
        {post.preview ? <LinkPreviewCard preview={post.preview} /> : null}
        {post.sharedPostId ? <SharedPostEmbed post={post.sharedPost} /> : null}
        <Group justify="space-between" gap="xs" wrap="wrap">
          <ReactionsBar post={post} />
          <Group gap={4} wrap="nowrap">
            <Button
              variant="subtle"
              color="gray"
              size="compact-sm"
              leftSection={<FeedIcon name="comment" size={16} />}
              onClick={() => setShowComments((open) => !open)}
              aria-expanded={showComments}
              aria-label={t('posts.comments', { count: post.commentCount })}
            >
              {post.commentCount}
            </Button>
            {post.abilities.share ? (
              <Button
                variant="subtle"
                color="gray"
                size="compact-sm"
                leftSection={<FeedIcon name="share" size={16} />}
                onClick={share.open}
              >
                {t('posts.share.button')}
              </Button>
            ) : null}
          </Group>
        </Group>
        {showComments ? <CommentsSection post={post} autoFocus={!commentsOpen} /> : null}
      </Stack>
      {post.abilities.viewVersions ? (
        <VersionsDialog postId={post.id} opened={versionsOpened} onClose={versions.close} />
      ) : null}
      {post.abilities.share ? (
        <ShareDialog postId={post.id} opened={shareOpened} onClose={share.close} />
      ) : null}
    </Paper>
  );
}
