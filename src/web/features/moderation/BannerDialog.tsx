import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type Banner, bannerLimits, type UpdateBannerBody } from '../../../shared/api/banners.js';
import { fieldError, useFormValues } from '../../lib/useFormValues.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { useCreateBanner, useUpdateBanner } from './banners.api.js';
import { fromLocalInput, toLocalInput } from './local-datetime.js';

const week = 7 * 24 * 60 * 60 * 1000;

interface BannerDialogProps {
  /** The banner to edit, or null to create one. */
  banner: Banner | null;
  onClose: () => void;
}

/** Creates or edits a banner: title, Markdown text, an optional link and the end date. */
export function BannerDialog({ banner, onClose }: BannerDialogProps) {
  const { t } = useTranslation();
  const create = useCreateBanner();
  const update = useUpdateBanner();
  const mutation = banner ? update : create;
  const form = useFormValues(
    {
      title: banner?.title ?? '',
      body: banner?.body ?? '',
      linkUrl: banner?.linkUrl ?? '',
      endsAt: toLocalInput(banner?.endsAt ?? new Date(Date.now() + week)),
    },
    ['title', 'endsAt'],
  );
  const { values, setField } = form;
  const endsAt = fromLocalInput(values.endsAt);
  const endsAtInvalid = form.requiredError('endsAt') === undefined && values.endsAt !== '' && endsAt === null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.validate() || !endsAt) return;
    const linkUrl = values.linkUrl.trim();
    if (banner) {
      const body: UpdateBannerBody = {};
      if (values.title.trim() !== banner.title) body.title = values.title.trim();
      if (values.body !== banner.body) body.body = values.body;
      if ((linkUrl || null) !== banner.linkUrl) body.linkUrl = linkUrl || null;
      if (values.endsAt !== toLocalInput(banner.endsAt)) body.endsAt = endsAt;
      if (Object.keys(body).length === 0) return onClose();
      update.mutate({ id: banner.id, body }, { onSuccess: onClose });
    } else {
      create.mutate(
        {
          title: values.title.trim(),
          body: values.body.trim() ? values.body : undefined,
          linkUrl: linkUrl || undefined,
          endsAt,
        },
        { onSuccess: onClose },
      );
    }
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title={banner ? t('moderation.banners.editTitle') : t('moderation.banners.newTitle')}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={mutation.error} />
          <TextInput
            label={t('moderation.banners.fields.title')}
            required
            data-autofocus
            maxLength={bannerLimits.title}
            value={values.title}
            onChange={(event) => setField('title', event.currentTarget.value)}
            error={form.requiredError('title') ?? fieldError(mutation.error, 'title')}
          />
          <Textarea
            label={t('moderation.banners.fields.body')}
            description={t('moderation.banners.fields.bodyHint')}
            autosize
            minRows={3}
            maxRows={10}
            maxLength={bannerLimits.body}
            value={values.body}
            onChange={(event) => setField('body', event.currentTarget.value)}
            error={fieldError(mutation.error, 'body')}
          />
          <TextInput
            label={t('moderation.banners.fields.link')}
            description={t('moderation.banners.fields.linkHint')}
            type="url"
            inputMode="url"
            placeholder="https://"
            maxLength={bannerLimits.linkUrl}
            value={values.linkUrl}
            onChange={(event) => setField('linkUrl', event.currentTarget.value)}
            error={fieldError(mutation.error, 'linkUrl')}
          />
          <TextInput
            label={t('moderation.banners.fields.endsAt')}
            type="datetime-local"
            required
            value={values.endsAt}
            onChange={(event) => setField('endsAt', event.currentTarget.value)}
            error={
              form.requiredError('endsAt') ??
              (endsAtInvalid ? t('moderation.banners.fields.endsAtInvalid') : undefined) ??
              fieldError(mutation.error, 'endsAt')
            }
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {banner ? t('common.save') : t('moderation.banners.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
