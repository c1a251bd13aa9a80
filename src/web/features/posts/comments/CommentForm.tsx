import { Button, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { postLimits } from '../../../../shared/api/posts.js';
import { fieldError } from '../../../lib/useFormValues.js';
import { ErrorAlert } from '../../../ui/ErrorAlert.js';
import { MarkdownEditor } from '../composer/MarkdownEditor.js';
import { useCreateComment } from '../posts.api.js';

interface CommentFormProps {
  postId: string;
  /** Writes a reply to this top-level comment. */
  parentId?: string;
  onDone?: () => void;
  autoFocus?: boolean;
}

/** The box for a new comment or a reply. */
export function CommentForm({ postId, parentId, onDone, autoFocus }: CommentFormProps) {
  const { t } = useTranslation();
  const create = useCreateComment(postId);
  const [body, setBody] = useState('');
  const send = () => {
    if (body.trim() === '' || create.isPending) return;
    create.mutate(
      { body, ...(parentId ? { parentId } : {}) },
      {
        onSuccess: () => {
          setBody('');
          onDone?.();
        },
      },
    );
  };
  const label = parentId ? t('comments.replyLabel') : t('comments.label');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <Stack gap="xs">
        <MarkdownEditor
          label={label}
          hideLabel
          value={body}
          onChange={setBody}
          placeholder={parentId ? t('comments.replyPlaceholder') : t('comments.placeholder')}
          minRows={2}
          maxLength={postLimits.comment}
          error={fieldError(create.error, 'body')}
          autoFocus={autoFocus}
          onSubmitShortcut={send}
        />
        <ErrorAlert error={create.error} />
        <Group justify="flex-end" gap="xs">
          {onDone && parentId ? (
            <Button variant="default" size="compact-md" onClick={onDone}>
              {t('common.cancel')}
            </Button>
          ) : null}
          <Button type="submit" size="compact-md" loading={create.isPending} disabled={body.trim() === ''}>
            {parentId ? t('comments.sendReply') : t('comments.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
