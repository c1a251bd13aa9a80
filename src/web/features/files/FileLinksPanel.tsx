import {
  Alert,
  Badge,
  Button,
  Center,
  CopyButton,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CreatedFileLink, type FileLinkView, fileLimits } from '../../../shared/api/files.js';
import { useFormatters } from '../../lib/useFormatters.js';
import { fieldError } from '../../lib/useFormValues.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { dateInputFromNow, endOfPickedDay } from './date-input.js';
import { useFileLinks, useLinkActions } from './files.api.js';

/** The address a link opens in the web app (signed-in people only). */
export function fileLinkUrl(token: string): string {
  return `${window.location.origin}/files/link/${encodeURIComponent(token)}`;
}

/**
 * A file's links: create one that expires (7 days unless another day is picked, at most 90),
 * copy it — its address is shown only once, the server keeps only a hash — and revoke links.
 */
export function FileLinksPanel({ fileId }: { fileId: string }) {
  const { t } = useTranslation();
  const { create, revoke } = useLinkActions(fileId);
  const [until, setUntil] = useState(() => dateInputFromNow(fileLimits.linkDefaultDays));
  const [created, setCreated] = useState<CreatedFileLink | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const expiresAt = endOfPickedDay(until, fileLimits.linkMaxDays);
    create.mutate(expiresAt ? { expiresAt } : {}, { onSuccess: setCreated });
  }

  return (
    <Stack gap="md">
      <Paper withBorder p="sm" component="form" onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('files.links.hint')}
          </Text>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              type="date"
              label={t('files.links.expires')}
              value={until}
              min={dateInputFromNow(1)}
              max={dateInputFromNow(fileLimits.linkMaxDays)}
              onChange={(event) => setUntil(event.currentTarget.value)}
              error={fieldError(create.error, 'expiresAt')}
              w={200}
            />
            <Button type="submit" loading={create.isPending}>
              {t('files.links.create')}
            </Button>
          </Group>
          <ErrorAlert error={create.error} />
          {created ? <CreatedLink link={created} /> : null}
        </Stack>
      </Paper>
      <LinkList
        fileId={fileId}
        onRevoke={(id) => revoke.mutate(id)}
        revoking={revoke.isPending ? revoke.variables : undefined}
      />
      <ErrorAlert error={revoke.error} />
    </Stack>
  );
}

function CreatedLink({ link }: { link: CreatedFileLink }) {
  const { t } = useTranslation();
  const url = fileLinkUrl(link.token);
  return (
    <Alert color="teal" variant="light" title={t('files.links.created')}>
      <Stack gap="xs">
        <Text size="sm">{t('files.links.onlyOnce')}</Text>
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <TextInput
            label={t('files.links.address')}
            value={url}
            readOnly
            onFocus={(event) => event.currentTarget.select()}
            style={{ flex: 1 }}
            miw={0}
            data-testid="created-file-link"
          />
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Button
                variant={copied ? 'light' : 'filled'}
                color={copied ? 'teal' : undefined}
                onClick={copy}
              >
                {copied ? t('files.links.copied') : t('files.links.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}

function LinkList({
  fileId,
  onRevoke,
  revoking,
}: {
  fileId: string;
  onRevoke: (linkId: string) => void;
  revoking: string | undefined;
}) {
  const { t } = useTranslation();
  const links = useFileLinks(fileId);
  const items = links.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {t('files.links.listTitle')}
      </Text>
      <ErrorAlert error={links.error} />
      {links.isPending ? <PageLoader /> : null}
      {links.isSuccess && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('files.links.none')}
        </Text>
      ) : null}
      {items.length > 0 ? (
        <Paper withBorder>
          <Stack
            component="ul"
            gap={0}
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-label={t('files.links.listTitle')}
          >
            {items.map((link) => (
              <LinkRow
                key={link.id}
                link={link}
                onRevoke={() => onRevoke(link.id)}
                revoking={revoking === link.id}
              />
            ))}
          </Stack>
        </Paper>
      ) : null}
      {links.hasNextPage ? (
        <Center>
          <Button
            variant="default"
            size="compact-sm"
            onClick={() => void links.fetchNextPage()}
            loading={links.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Center>
      ) : null}
    </Stack>
  );
}

function LinkRow({
  link,
  onRevoke,
  revoking,
}: {
  link: FileLinkView;
  onRevoke: () => void;
  revoking: boolean;
}) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const state = link.revokedAt ? 'revoked' : link.active ? 'active' : 'expired';
  return (
    <Group
      component="li"
      justify="space-between"
      wrap="wrap"
      gap="xs"
      px="sm"
      py={8}
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      data-testid="file-link"
    >
      <Stack gap={2} miw={0}>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {t('files.links.by', { name: link.createdBy.name, date: dateTime(link.createdAt) })}
        </Text>
        <Text size="xs" c="dimmed">
          {link.revokedAt
            ? t('files.links.revokedAt', { date: dateTime(link.revokedAt) })
            : t('files.links.expiresAt', { date: dateTime(link.expiresAt) })}
        </Text>
      </Stack>
      <Group gap={6} wrap="nowrap">
        <Badge variant="light" color={state === 'active' ? 'teal' : 'gray'}>
          {t(`files.links.state.${state}`)}
        </Badge>
        {link.active && link.abilities.revoke ? (
          <Button size="compact-sm" variant="subtle" color="red" onClick={onRevoke} loading={revoking}>
            {t('files.links.revoke')}
          </Button>
        ) : null}
      </Group>
    </Group>
  );
}
