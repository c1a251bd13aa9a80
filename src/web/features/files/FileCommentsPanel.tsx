import { ActionIcon, Anchor, Box, Button, Center, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type FileCommentView, type FileView, fileLimits } from '../../../shared/api/files.js';
import { fieldError } from '../../lib/useFormValues.js';
import { EmptyNotice } from '../../ui/EmptyNotice.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { UserAvatar } from '../../ui/UserAvatar.js';
import { GuestBadge } from '../guests/GuestBadge.js';
import { ConfirmDialog } from '../posts/ConfirmDialog.js';
import { MarkdownEditor } from '../posts/composer/MarkdownEditor.js';
import { PostHtml } from '../posts/PostHtml.js';
import { RelativeTime } from '../posts/RelativeTime.js';
import { FilesIcon } from './FilesIcon.js';
import { useFileCommentActions, useFileComments } from './files.api.js';

/** The discussion of a document, oldest first; `@mentions` notify those who may read it. */
export function FileCommentsPanel({ file }: { file: FileView }) {
  const { t } = useTranslation();
  const comments = useFileComments(file.id);
  const items = comments.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="md">
      <ErrorAlert error={comments.error} />
      {comments.isPending ? <PageLoader /> : null}
      {comments.isSuccess && items.length === 0 ? <EmptyNotice text={t('files.comments.empty')} /> : null}
      {items.length > 0 ? (
        <Stack
          component="ul"
          gap="md"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('files.comments.title')}
        >
          {items.map((comment) => (
            <FileComment key={comment.id} comment={comment} />
          ))}
        </Stack>
      ) : null}
      {comments.hasNextPage ? (
        <Center>
          <Button
            variant="default"
            onClick={() => void comments.fetchNextPage()}
            loading={comments.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Center>
      ) : null}
      {file.abilities.comment ? <FileCommentForm fileId={file.id} /> : null}
    </Stack>
  );
}

function FileComment({ comment }: { comment: FileCommentView }) {
  const { t } = useTranslation();
  const { remove } = useFileCommentActions(comment.fileId);
  const [deleting, setDeleting] = useState(false);
  return (
    <Group component="li" align="flex-start" gap="sm" wrap="nowrap" data-testid="file-comment">
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
            </Text>
          </Group>
          {comment.abilities.delete ? (
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              onClick={() => setDeleting(true)}
              aria-label={t('files.comments.delete')}
            >
              <FilesIcon name="close" size={14} />
            </ActionIcon>
          ) : null}
        </Group>
        <PostHtml html={comment.html} />
      </Box>
      <ConfirmDialog
        opened={deleting}
        title={t('files.comments.deleteTitle')}
        text={t('files.comments.deleteConfirm')}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(false)}
        onConfirm={() => remove.mutate(comment.id, { onSuccess: () => setDeleting(false) })}
      />
    </Group>
  );
}

function FileCommentForm({ fileId }: { fileId: string }) {
  const { t } = useTranslation();
  const { create } = useFileCommentActions(fileId);
  const [body, setBody] = useState('');
  const send = () => {
    if (body.trim() === '' || create.isPending) return;
    create.mutate(body, { onSuccess: () => setBody('') });
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <Stack gap="xs">
        <MarkdownEditor
          label={t('files.comments.label')}
          hideLabel
          value={body}
          onChange={setBody}
          placeholder={t('files.comments.placeholder')}
          minRows={2}
          maxLength={fileLimits.comment}
          error={fieldError(create.error, 'body')}
          onSubmitShortcut={send}
        />
        <ErrorAlert error={create.error} />
        <Group justify="flex-end">
          <Button type="submit" size="compact-md" loading={create.isPending} disabled={body.trim() === ''}>
            {t('files.comments.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
