import { ActionIcon, Menu } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { EmbeddedPost } from '../../../shared/api/posts.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { FeedIcon } from './FeedIcon.js';
import { useDeletePost } from './posts.api.js';
import { type PostModerationAction, useModeratePost } from './posts.moderation.api.js';
import { ReportDialog } from './ReportDialog.js';

interface PostMenuProps {
  post: EmbeddedPost;
  onEdit: () => void;
  onShowVersions: () => void;
  /** Where to go after deleting (the post page leaves for the feed). */
  afterDeletePath?: string;
}

/** The "…" menu of a post: only the actions its `abilities` allow. */
export function PostMenu({ post, onEdit, onShowVersions, afterDeletePath }: PostMenuProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [deleting, deleteDialog] = useDisclosure(false);
  const [reporting, reportDialog] = useDisclosure(false);
  const remove = useDeletePost(post.id);
  const moderate = useModeratePost(post.id);
  const { abilities } = post;
  const any =
    abilities.edit ||
    abilities.delete ||
    abilities.viewVersions ||
    abilities.report ||
    abilities.hide ||
    abilities.pin ||
    abilities.lockComments;
  if (!any) return null;

  function act(action: PostModerationAction, done: string) {
    moderate.mutate(action, {
      onSuccess: () => notifications.show({ message: done, color: 'teal' }),
      onError: (error) => notifications.show({ message: error.message, color: 'red' }),
    });
  }

  return (
    <>
      <Menu position="bottom-end" withinPortal width={240}>
        <Menu.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('posts.menu.label')}
            data-testid="post-menu"
          >
            <FeedIcon name="dots" />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {abilities.edit ? (
            <Menu.Item leftSection={<FeedIcon name="text" size={16} />} onClick={onEdit}>
              {t('posts.menu.edit')}
            </Menu.Item>
          ) : null}
          {abilities.viewVersions ? (
            <Menu.Item leftSection={<FeedIcon name="history" size={16} />} onClick={onShowVersions}>
              {t('posts.menu.versions')}
            </Menu.Item>
          ) : null}
          {abilities.pin ? (
            <Menu.Item
              leftSection={<FeedIcon name="pin" size={16} />}
              onClick={() =>
                post.pinned
                  ? act('unpin', t('posts.moderation.unpinned'))
                  : act('pin', t('posts.moderation.pinned'))
              }
            >
              {post.pinned ? t('posts.menu.unpin') : t('posts.menu.pin')}
            </Menu.Item>
          ) : null}
          {abilities.lockComments ? (
            <Menu.Item
              leftSection={<FeedIcon name={post.commentsLocked ? 'unlock' : 'lock'} size={16} />}
              onClick={() =>
                post.commentsLocked
                  ? act('unlock-comments', t('posts.moderation.unlocked'))
                  : act('lock-comments', t('posts.moderation.locked'))
              }
            >
              {post.commentsLocked ? t('posts.menu.unlockComments') : t('posts.menu.lockComments')}
            </Menu.Item>
          ) : null}
          {abilities.hide ? (
            <Menu.Item
              leftSection={<FeedIcon name={post.hidden ? 'eye' : 'eyeOff'} size={16} />}
              onClick={() =>
                post.hidden
                  ? act('unhide', t('posts.moderation.unhidden'))
                  : act('hide', t('posts.moderation.hidden'))
              }
            >
              {post.hidden ? t('posts.menu.unhide') : t('posts.menu.hide')}
            </Menu.Item>
          ) : null}
          {abilities.report ? (
            <Menu.Item leftSection={<FeedIcon name="flag" size={16} />} onClick={reportDialog.open}>
              {t('posts.menu.report')}
            </Menu.Item>
          ) : null}
          {abilities.delete ? (
            <>
              <Menu.Divider />
              <Menu.Item
                color="red"
                leftSection={<FeedIcon name="trash" size={16} />}
                onClick={deleteDialog.open}
              >
                {t('posts.menu.delete')}
              </Menu.Item>
            </>
          ) : null}
        </Menu.Dropdown>
      </Menu>
      <ConfirmDialog
        opened={deleting}
        title={t('posts.delete.title')}
        text={t('posts.delete.confirm')}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        error={remove.error}
        onClose={deleteDialog.close}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              deleteDialog.close();
              notifications.show({ message: t('posts.delete.done'), color: 'teal' });
              if (afterDeletePath) navigate(afterDeletePath);
            },
          })
        }
      />
      {abilities.report ? (
        <ReportDialog postId={post.id} opened={reporting} onClose={reportDialog.close} />
      ) : null}
    </>
  );
}
