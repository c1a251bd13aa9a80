import { Button, Chip, Group, Paper, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { postKindLimits } from '../../../shared/api/post-kinds.js';
import { type PostView, postLimits, type Upload } from '../../../shared/api/posts.js';
import { type FieldErrorValue, fieldError } from '../../lib/useFormValues.js';
import { useMe } from '../../lib/useMe.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { AnnouncementFields } from './composer/AnnouncementFields.js';
import { AttachmentPicker } from './composer/AttachmentPicker.js';
import {
  buildRequest,
  type ComposerDraft,
  type ComposerMode,
  emptyDraft,
  missingFields,
  type SpaceRef,
} from './composer/composer-state.js';
import { type ComposerDocument, DocumentPicker } from './composer/DocumentPicker.js';
import { EventFields } from './composer/EventFields.js';
import { MarkdownEditor } from './composer/MarkdownEditor.js';
import { PollFields } from './composer/PollFields.js';
import { SpacePicker } from './composer/SpacePicker.js';
import { VacancyFields } from './composer/VacancyFields.js';
import { FeedIcon, type FeedIconName } from './FeedIcon.js';
import { useCreateKindPost } from './post-kinds.api.js';
import { useCreatePost } from './posts.api.js';

export type { ComposerMode, SpaceRef };

export interface ComposerProps {
  /** Publishes only here (a group's page: `{ type: 'group', id }`); without it, a picker offers the viewer's spaces. */
  space?: SpaceRef;
  /** The modes offered; default: every mode the viewer may use in the space. */
  modes?: readonly ComposerMode[];
  /** Called with the published post. */
  onPublished?: (post: PostView) => void;
}

const modeIcons: Record<ComposerMode, FeedIconName> = {
  post: 'text',
  poll: 'poll',
  event: 'calendar',
  announcement: 'megaphone',
  vacancy: 'briefcase',
};

/** Announcements and vacancies are company-wide and for platform moderators and admins. */
function availableModes(role: string | undefined, space: SpaceRef | undefined): ComposerMode[] {
  const companyKinds = (role === 'admin' || role === 'moderator') && (!space || space.type === 'company');
  return companyKinds ? ['post', 'poll', 'event', 'announcement', 'vacancy'] : ['post', 'poll', 'event'];
}

/**
 * Writes a post: Markdown with preview, `@` and `#` suggestions and images, or a poll, an event,
 * an announcement or a vacancy. What the server refuses is shown next to the field it names.
 */
export function Composer({ space: fixedSpace, modes, onPublished }: ComposerProps) {
  const { t } = useTranslation();
  const me = useMe().data?.user;
  const offered = (modes ?? availableModes(me?.role, fixedSpace)).filter((mode) =>
    availableModes(me?.role, fixedSpace).includes(mode),
  );
  const [draft, setDraft] = useState<ComposerDraft>(() => emptyDraft(offered[0] ?? 'post'));
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [documents, setDocuments] = useState<ComposerDocument[]>([]);
  const [documentsBusy, setDocumentsBusy] = useState(false);
  // Remounts the document picker after publishing, so its finished progress bars go too.
  const [publishedCount, setPublishedCount] = useState(0);
  const onDocumentsBusy = useCallback((busy: boolean) => setDocumentsBusy(busy), []);
  const [chosenSpace, setChosenSpace] = useState<SpaceRef>(
    me?.role === 'guest' ? { type: 'group' } : { type: 'company' },
  );
  const [attempted, setAttempted] = useState(false);
  const createPost = useCreatePost();
  const createKind = useCreateKindPost();
  const companyOnly = draft.mode === 'announcement' || draft.mode === 'vacancy';
  const space = fixedSpace ?? (companyOnly ? { type: 'company' as const } : chosenSpace);
  const error = draft.mode === 'post' ? createPost.error : createKind.error;
  const pending = createPost.isPending || createKind.isPending;
  const withAttachments = (d: ComposerDraft): ComposerDraft => ({
    ...d,
    attachments: uploads.map((u) => u.id),
    files: d.mode === 'post' ? documents.map((f) => f.id) : [],
  });
  const spaceMissing = space.type === 'group' && !space.id;
  const missing = attempted
    ? [...missingFields(withAttachments(draft)), ...(spaceMissing ? ['space'] : [])]
    : [];

  const errorFor = (field: string): FieldErrorValue =>
    missing.includes(field) ? t('form.required') : fieldError(error, field);

  function setMode(mode: ComposerMode) {
    setDraft((current) => ({ ...current, mode }));
    setAttempted(false);
    createPost.reset();
    createKind.reset();
  }

  function published(post: PostView) {
    setDraft(emptyDraft(draft.mode));
    setUploads([]);
    setDocuments([]);
    setPublishedCount((n) => n + 1);
    setAttempted(false);
    notifications.show({ message: t('composer.published'), color: 'teal' });
    onPublished?.(post);
  }

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (pending || (draft.mode === 'post' && documentsBusy)) return;
    const complete = withAttachments(draft);
    setAttempted(true);
    if (missingFields(complete).length > 0 || spaceMissing) return;
    const request = buildRequest(complete, space);
    if (request.kind === 'post') createPost.mutate(request.body, { onSuccess: published });
    else createKind.mutate(request, { onSuccess: published });
  }

  const bodyLabel = draft.mode === 'post' ? t('composer.bodyLabel') : t('composer.description');
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-label={t('composer.label')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {offered.length > 1 ? (
            <Chip.Group
              multiple={false}
              value={draft.mode}
              onChange={(mode) => setMode(mode as ComposerMode)}
            >
              <Group gap={6} role="radiogroup" aria-label={t('composer.modeLabel')}>
                {offered.map((mode) => (
                  <Chip
                    key={mode}
                    value={mode}
                    size="sm"
                    icon={<FeedIcon name={modeIcons[mode]} size={12} />}
                  >
                    {t(`composer.modes.${mode}`)}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          ) : null}
          {draft.mode === 'poll' ? (
            <PollFields
              poll={draft.poll}
              onChange={(poll) => setDraft((d) => ({ ...d, poll }))}
              errorFor={errorFor}
            />
          ) : null}
          {draft.mode === 'event' ? (
            <EventFields
              event={draft.event}
              onChange={(value) => setDraft((d) => ({ ...d, event: value }))}
              errorFor={errorFor}
            />
          ) : null}
          {draft.mode === 'announcement' ? (
            <AnnouncementFields
              announcement={draft.announcement}
              onChange={(announcement) => setDraft((d) => ({ ...d, announcement }))}
              errorFor={errorFor}
            />
          ) : null}
          {draft.mode === 'vacancy' ? (
            <VacancyFields
              vacancy={draft.vacancy}
              onChange={(vacancy) => setDraft((d) => ({ ...d, vacancy }))}
              errorFor={errorFor}
            />
          ) : null}
          <MarkdownEditor
            label={bodyLabel}
            value={draft.body}
            onChange={(body) => setDraft((d) => ({ ...d, body }))}
            placeholder={draft.mode === 'post' ? t('composer.placeholder') : undefined}
            maxLength={draft.mode === 'post' ? postLimits.body : postKindLimits.body}
            error={errorFor('body')}
            minRows={draft.mode === 'post' ? 3 : 2}
            onSubmitShortcut={() => submit()}
          />
          {draft.mode === 'post' ? <AttachmentPicker uploads={uploads} onChange={setUploads} /> : null}
          {draft.mode === 'post' && me && me.role !== 'guest' ? (
            <DocumentPicker
              key={publishedCount}
              documents={documents}
              onChange={setDocuments}
              onBusyChange={onDocumentsBusy}
            />
          ) : null}
          <ErrorAlert error={error} />
          <Group justify="space-between" align="flex-end" gap="sm">
            {fixedSpace || companyOnly ? (
              <span />
            ) : (
              <SpacePicker value={chosenSpace} onChange={setChosenSpace} error={errorFor('space')} />
            )}
            <Button
              type="submit"
              loading={pending}
              disabled={draft.mode === 'post' && documentsBusy}
              leftSection={<FeedIcon name="share" size={16} />}
            >
              {t('composer.publish')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
