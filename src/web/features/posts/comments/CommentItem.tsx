import { ActionIcon, Anchor, Badge, Box, Button, Group, Menu, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type CommentView, postLimits } from '../../../../shared/api/posts.js';
import { fieldError } from '../../../lib/useFormValues.js';
import { ErrorAlert } from '../../../ui/ErrorAlert.js';
import { UserAvatar } from '../../../ui/UserAvatar.js';
import { GuestBadge } from '../../guests/GuestBadge.js';
import { ConfirmDialog } from '../ConfirmDialog.js';
import { MarkdownEditor } from '../composer/MarkdownEditor.js';
import { FeedIcon } from '../FeedIcon.js';
import { PostHtml } from '../PostHtml.js';
import { useDeleteComment, useUpdateComment } from '../posts.api.js';
import { useModerateComment } from '../posts.moderation.api.js';
import { RelativeTime } from '../RelativeTime.js';
import { ReportDialog } from '../ReportDialog.js';

function CommentEditor({ comment, onDone }: { comment: CommentView; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateComment(comment.postId, comment.id);
  const [body, setBody] = useState(comment.body);
  const save = () => update.mutate(body, { onSuccess: onDone });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <Stack gap="xs">
        <MarkdownEditor
          label={t('comments.editLabel')}
          hideLabel
          value={body}
          onChange={setBody}
          minRows={2}
          maxLength={postLimits.comment}
          error={fieldError(update.error, 'body')}
          autoFocus
          onSubmitShortcut={save}
        />
        <ErrorAlert error={update.error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="compact-md" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" size="compact-md" loading={update.isPending} disabled={body === comment.body}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface CommentItemProps {
  comment: CommentView;
  /** Opens the reply box of the thread (top-level comments only). */
  onReply?: () => void;
}

/** One comment: author, time, text, and the actions its abilities allow. */
export function CommentItem({ comment, onReply }: CommentItemProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [deleting, deleteDialog] = useDisclosure(false);
  const [reporting, reportDialog] = useDisclosure(false);
  const remove = useDeleteComment(comment.postId, comment.id);
  const moderate = useModerateComment(comment.postId, comment.id);
  const { abilities } = comment;
  const hasMenu = abilities.edit || abilities.delete || abilities.hide || abilities.report;

  return (
    <Group align="flex-start" gap="sm" wrap="nowrap" data-testid="comment">
      <UserAvatar name={comment.author.name} photoUrl={comment.author.photoUrl} size="sm" />
      <Box style={{ flex: 1 }} miw={0}>
        <Group gap={6} justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap={6} wrap="wrap" miw={0}>
            <Anchor
              component={Link}
              to={`/people/${comment.author.id}`}
              size="sm"
              fw={600}
              c="var(--mantine-color-text)"
              style={{ overflowWrap: 'anywhere' }}
            >
              {comment.author.name || t('posts.formerColleague')}
            </Anchor>
            {comment.author.isGuest ? <GuestBadge /> : null}
            <Text size="xs" c="dimmed">
              <RelativeTime iso={comment.createdAt} />
              {comment.editedAt ? ` · ${t('posts.edited')}` : ''}
            </Text>
            {comment.hidden ? (
              <Badge size="xs" variant="light" color="gray">
                {t('posts.badges.hidden')}
              </Badge>
            ) : null}
          </Group>
          {hasMenu ? (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t('comments.menu')}>
                  <FeedIcon name="dots" size={16} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                {abilities.edit ? (
                  <Menu.Item onClick={() => setEditing(true)}>{t('common.edit')}</Menu.Item>
                ) : null}
                {abilities.hide ? (
                  <Menu.Item onClick={() => moderate.mutate(!comment.hidden)}>
                    {comment.hidden ? t('posts.menu.unhide') : t('posts.menu.hide')}
                  </Menu.Item>
                ) : null}
                {abilities.report ? (
                  <Menu.Item onClick={reportDialog.open}>{t('posts.menu.report')}</Menu.Item>
                ) : null}
                {abilities.delete ? (
                  <Menu.Item color="red" onClick={deleteDialog.open}>
                    {t('common.delete')}
                  </Menu.Item>
                ) : null}
              </Menu.Dropdown>
            </Menu>
          ) : null}
        </Group>
        {editing ? (
          <CommentEditor comment={comment} onDone={() => setEditing(false)} />
        ) : (
          <PostHtml html={comment.html} />
        )}
        <ErrorAlert error={moderate.error} />
        {onReply && abilities.reply && !editing ? (
          <Button variant="subtle" size="compact-xs" px={0} mt={2} onClick={onReply}>
            {t('comments.reply')}
          </Button>
        ) : null}
      </Box>
      <ConfirmDialog
        opened={deleting}
        title={t('comments.deleteTitle')}
        text={comment.parentId ? t('comments.deleteConfirm') : t('comments.deleteThreadConfirm')}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        error={remove.error}
        onClose={deleteDialog.close}
        onConfirm={() => remove.mutate(undefined, { onSuccess: deleteDialog.close })}
      />
      {abilities.report ? (
        <ReportDialog
          postId={comment.postId}
          commentId={comment.id}
          opened={reporting}
          onClose={reportDialog.close}
        />
      ) : null}
    </Group>
  );
}
