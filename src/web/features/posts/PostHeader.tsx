import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EmbeddedPost } from '../../../shared/api/posts.js';
import { UserAvatar } from '../../ui/UserAvatar.js';
import { GuestBadge } from '../guests/GuestBadge.js';
import { RelativeTime } from './RelativeTime.js';

interface PostHeaderProps {
  post: EmbeddedPost;
  /** Opens the versions dialog from the "edited" marker (when the viewer may see them). */
  onShowVersions?: () => void;
  /** The "…" menu, on the right. */
  menu?: ReactNode;
  isNew?: boolean;
  compact?: boolean;
}

/** Where a post lives, when it is not evident: a group, or someone else's profile. */
function SpaceLink({ post }: { post: EmbeddedPost }) {
  const { t } = useTranslation();
  const { space } = post;
  if (space.type === 'group' && space.id) {
    return (
      <Anchor component={Link} to={`/groups/${space.id}`} size="sm" c="dimmed" fw={500}>
        {t('posts.inSpace', { name: space.name })}
      </Anchor>
    );
  }
  if (space.type === 'profile' && space.id && space.id !== post.author.id) {
    return (
      <Anchor component={Link} to={`/people/${space.id}`} size="sm" c="dimmed" fw={500}>
        {t('posts.onProfile', { name: space.name })}
      </Anchor>
    );
  }
  return null;
}

/** Author, space, time (a link to the post's page), "edited", badges and the menu. */
export function PostHeader({ post, onShowVersions, menu, isNew, compact }: PostHeaderProps) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
      <Group gap="sm" wrap="nowrap" align="flex-start" miw={0}>
        <UserAvatar name={post.author.name} photoUrl={post.author.photoUrl} size={compact ? 'sm' : 'md'} />
        <Stack gap={0} miw={0}>
          <Group gap={6} wrap="wrap">
            <Anchor
              component={Link}
              to={`/people/${post.author.id}`}
              fw={600}
              size="sm"
              c="var(--mantine-color-text)"
              style={{ overflowWrap: 'anywhere' }}
            >
              {post.author.name || t('posts.formerColleague')}
            </Anchor>
            {post.author.isGuest ? <GuestBadge /> : null}
            <SpaceLink post={post} />
          </Group>
          <Group gap={6} wrap="wrap">
            <Anchor component={Link} to={`/posts/${post.id}`} size="xs" c="dimmed">
              <RelativeTime iso={post.createdAt} />
            </Anchor>
            {post.editedAt ? (
              <>
                <Text size="xs" c="dimmed" aria-hidden="true">
                  ·
                </Text>
                {post.abilities.viewVersions && onShowVersions ? (
                  <Anchor component="button" type="button" size="xs" c="dimmed" onClick={onShowVersions}>
                    {t('posts.edited')}
                  </Anchor>
                ) : (
                  <Text size="xs" c="dimmed">
                    {t('posts.edited')}
                  </Text>
                )}
              </>
            ) : null}
          </Group>
        </Stack>
      </Group>
      <Group gap={6} wrap="nowrap">
        {isNew ? (
          <Badge size="sm" variant="filled">
            {t('posts.badges.new')}
          </Badge>
        ) : null}
        {post.pinned ? (
          <Badge size="sm" variant="light" color="brand">
            {t('posts.badges.pinned')}
          </Badge>
        ) : null}
        {post.mustRead ? (
          <Badge size="sm" variant="light" color="orange">
            {t('posts.badges.mustRead')}
          </Badge>
        ) : null}
        {post.hidden ? (
          <Badge size="sm" variant="light" color="gray">
            {t('posts.badges.hidden')}
          </Badge>
        ) : null}
        {menu}
      </Group>
    </Group>
  );
}
