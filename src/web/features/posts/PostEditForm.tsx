import { Button, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type EmbeddedPost, postLimits } from '../../../shared/api/posts.js';
import { fieldError } from '../../lib/useFormValues.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { MarkdownEditor } from './composer/MarkdownEditor.js';
import { useUpdatePost } from './posts.api.js';

/** Edits a post's text in place; saving writes a new version (the old one stays in its history). */
export function PostEditForm({ post, onDone }: { post: EmbeddedPost; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdatePost(post.id);
  const [body, setBody] = useState(post.body);
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
          label={t('posts.edit.label')}
          value={body}
          onChange={setBody}
          maxLength={postLimits.body}
          error={fieldError(update.error, 'body')}
          autoFocus
          onSubmitShortcut={save}
        />
        <ErrorAlert error={update.error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending} disabled={body === post.body}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
