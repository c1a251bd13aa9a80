import { Anchor, Button, Center, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Banner } from '../../../shared/api/banners.js';
import { useFormatters } from '../../lib/useFormatters.js';
import { EmptyNotice } from '../../ui/EmptyNotice.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { PostHtml } from '../posts/PostHtml.js';
import { BannerDialog } from './BannerDialog.js';
import { useBannerAdminList, useDeleteBanner } from './banners.api.js';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; banner: Banner }
  | { kind: 'delete'; banner: Banner }
  | null;

/** Running banners, pinned over everyone's feed until their end date (`/admin/banners`). */
export function AdminBannersPage() {
  const { t } = useTranslation();
  const banners = useBannerAdminList();
  const [dialog, setDialog] = useState<Dialog>(null);
  const items = banners.data?.pages.flatMap((page) => page.items) ?? [];
  const close = () => setDialog(null);

  return (
    <>
      <PageHeader
        title={t('moderation.banners.title')}
        description={t('moderation.banners.description')}
        actions={<Button onClick={() => setDialog({ kind: 'create' })}>{t('moderation.banners.new')}</Button>}
      />
      <ErrorAlert error={banners.error} />
      {banners.isPending ? <PageLoader /> : null}
      {banners.isSuccess && items.length === 0 ? <EmptyNotice text={t('moderation.banners.empty')} /> : null}
      {items.length > 0 ? (
        <Stack
          component="ul"
          gap="md"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('moderation.banners.title')}
        >
          {items.map((banner) => (
            <BannerRow key={banner.id} banner={banner} onDialog={setDialog} />
          ))}
        </Stack>
      ) : null}
      {banners.hasNextPage ? (
        <Center mt="lg">
          <Button
            variant="default"
            onClick={() => void banners.fetchNextPage()}
            loading={banners.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Center>
      ) : null}
      {dialog?.kind === 'create' ? <BannerDialog banner={null} onClose={close} /> : null}
      {dialog?.kind === 'edit' ? <BannerDialog banner={dialog.banner} onClose={close} /> : null}
      {dialog?.kind === 'delete' ? <DeleteBannerDialog banner={dialog.banner} onClose={close} /> : null}
    </>
  );
}

function BannerRow({ banner, onDialog }: { banner: Banner; onDialog: (dialog: Dialog) => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Paper component="li" withBorder p="md" data-testid="banner-row">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="wrap" align="flex-start">
          <Stack gap={2} miw={0} style={{ flex: '1 1 240px' }}>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {banner.title}
            </Text>
            <Text size="sm" c="dimmed">
              {t('moderation.banners.endsAt', { date: format.dateTime(banner.endsAt) })}
            </Text>
          </Stack>
          <Group gap={4}>
            {banner.abilities.edit ? (
              <Button
                size="compact-sm"
                variant="subtle"
                onClick={() => onDialog({ kind: 'edit', banner })}
                aria-label={t('moderation.banners.editNamed', { title: banner.title })}
              >
                {t('common.edit')}
              </Button>
            ) : null}
            {banner.abilities.delete ? (
              <Button
                size="compact-sm"
                variant="subtle"
                color="red"
                onClick={() => onDialog({ kind: 'delete', banner })}
                aria-label={t('moderation.banners.deleteNamed', { title: banner.title })}
              >
                {t('common.delete')}
              </Button>
            ) : null}
          </Group>
        </Group>
        {banner.html ? <PostHtml html={banner.html} /> : null}
        {banner.linkUrl && /^https?:\/\//i.test(banner.linkUrl) ? (
          <Anchor
            href={banner.linkUrl}
            target="_blank"
            rel="noopener noreferrer nofollow"
            size="sm"
            style={{ overflowWrap: 'anywhere' }}
          >
            {banner.linkUrl}
          </Anchor>
        ) : null}
      </Stack>
    </Paper>
  );
}

function DeleteBannerDialog({ banner, onClose }: { banner: Banner; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteBanner();
  return (
    <Modal opened onClose={onClose} title={t('moderation.banners.deleteTitle')}>
      <Stack>
        <Text style={{ overflowWrap: 'anywhere' }}>
          {t('moderation.banners.deleteConfirm', { title: banner.title })}
        </Text>
        <ErrorAlert error={remove.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() => remove.mutate(banner.id, { onSuccess: onClose })}
          >
            {t('common.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
