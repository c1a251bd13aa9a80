import {
  ActionIcon,
  Badge,
  Button,
  Center,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Tabs,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type FileGranteeType,
  type FilePermission,
  type FileShareView,
  fileGranteeTypes,
  filePermissions,
} from '../../../shared/api/files.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageLoader } from '../../ui/PageLoader.js';
import { DepartmentSelect } from '../departments/DepartmentSelect.js';
import { useDepartments } from '../departments/departments.api.js';
import { GuestBadge } from '../guests/GuestBadge.js';
import { PersonSelect } from '../people/PersonSelect.js';
import { FileLinksPanel } from './FileLinksPanel.js';
import { FileName } from './FileName.js';
import { FilesIcon } from './FilesIcon.js';
import { type ShareTargetType, useShareActions, useShares } from './files.api.js';
import { GroupSelect } from './GroupSelect.js';

interface ShareDialogProps {
  type: ShareTargetType;
  id: string;
  name: string;
  onClose: () => void;
}

/**
 * Sharing a file or folder: give people, groups or departments (with their sub-departments)
 * read or edit access, see and remove the shares, and — for a file — create links that expire,
 * copy them, and revoke them.
 */
export function ShareDialog({ type, id, name, onClose }: ShareDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={t('files.share.title', { name })} size="lg">
      {type === 'file' ? (
        <Tabs defaultValue="people" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="people">{t('files.share.peopleTab')}</Tabs.Tab>
            <Tabs.Tab value="links">{t('files.links.tab')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="people">
            <SharesPanel type={type} id={id} />
          </Tabs.Panel>
          <Tabs.Panel value="links">
            <FileLinksPanel fileId={id} />
          </Tabs.Panel>
        </Tabs>
      ) : (
        <SharesPanel type={type} id={id} />
      )}
    </Modal>
  );
}

function SharesPanel({ type, id }: { type: ShareTargetType; id: string }) {
  return (
    <Stack gap="md">
      <AddShareForm type={type} id={id} />
      <ShareList type={type} id={id} />
    </Stack>
  );
}

type Grantee = { id: string; name: string };

function AddShareForm({ type, id }: { type: ShareTargetType; id: string }) {
  const { t } = useTranslation();
  const { add } = useShareActions(type, id);
  const [granteeType, setGranteeType] = useState<FileGranteeType>('user');
  const [grantee, setGrantee] = useState<Grantee | null>(null);
  const [permission, setPermission] = useState<FilePermission>('read');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!grantee) return;
    add.mutate(
      { granteeType, granteeId: grantee.id, permission },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('files.share.added', { name: grantee.name }) });
          setGrantee(null);
        },
      },
    );
  }

  const pickerLabel = t(`files.share.pick.${granteeType}`);
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SegmentedControl
          fullWidth
          value={granteeType}
          onChange={(value) => {
            setGranteeType(value as FileGranteeType);
            setGrantee(null);
            add.reset();
          }}
          data={fileGranteeTypes.map((value) => ({ value, label: t(`files.share.granteeTypes.${value}`) }))}
          aria-label={t('files.share.granteeType')}
        />
        {granteeType === 'user' ? (
          <PersonSelect label={pickerLabel} value={grantee} onChange={setGrantee} />
        ) : granteeType === 'group' ? (
          <GroupSelect label={pickerLabel} value={grantee} onChange={setGrantee} />
        ) : (
          <DepartmentPicker label={pickerLabel} value={grantee} onChange={setGrantee} />
        )}
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            label={t('files.share.permission')}
            data={filePermissions.map((value) => ({ value, label: t(`files.share.permissions.${value}`) }))}
            value={permission}
            onChange={(value) => value && setPermission(value as FilePermission)}
            w={200}
            comboboxProps={{ withinPortal: true }}
          />
          <Button type="submit" disabled={!grantee} loading={add.isPending}>
            {t('files.share.submit')}
          </Button>
        </Group>
        <ErrorAlert error={add.error} />
      </Stack>
    </Paper>
  );
}

/** DepartmentSelect speaks ids; the form keeps the name too, for the confirmation. */
function DepartmentPicker({
  label,
  value,
  onChange,
}: {
  label: string;
  value: Grantee | null;
  onChange: (value: Grantee | null) => void;
}) {
  const departments = useDepartments();
  return (
    <DepartmentSelect
      label={label}
      value={value?.id ?? null}
      onChange={(departmentId) => {
        const found = departments.data?.items.find((department) => department.id === departmentId);
        onChange(found ? { id: found.id, name: found.name } : null);
      }}
    />
  );
}

function ShareList({ type, id }: { type: ShareTargetType; id: string }) {
  const { t } = useTranslation();
  const shares = useShares(type, id);
  const { remove } = useShareActions(type, id);
  const items = shares.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {t('files.share.listTitle')}
      </Text>
      <ErrorAlert error={shares.error ?? remove.error} />
      {shares.isPending ? <PageLoader /> : null}
      {shares.isSuccess && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('files.share.none')}
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
            aria-label={t('files.share.listTitle')}
          >
            {items.map((share) => (
              <ShareRow
                key={share.id}
                share={share}
                removing={remove.isPending && remove.variables === share.id}
                onRemove={() => remove.mutate(share.id)}
              />
            ))}
          </Stack>
        </Paper>
      ) : null}
      {shares.hasNextPage ? (
        <Center>
          <Button
            variant="default"
            size="compact-sm"
            onClick={() => void shares.fetchNextPage()}
            loading={shares.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Center>
      ) : null}
    </Stack>
  );
}

function ShareRow({
  share,
  removing,
  onRemove,
}: {
  share: FileShareView;
  removing: boolean;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group
      component="li"
      justify="space-between"
      wrap="nowrap"
      gap="xs"
      px="sm"
      py={8}
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      data-testid="file-share"
    >
      <Stack gap={2} miw={0}>
        <Group gap={6} wrap="wrap">
          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {share.grantee.name}
          </Text>
          {share.grantee.isGuest ? <GuestBadge /> : null}
          <Badge size="xs" variant="outline" color="gray">
            {t(`files.share.granteeTypes.${share.grantee.type}`)}
          </Badge>
        </Group>
        {share.inherited ? (
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {t('files.share.inheritedFrom')} <FileName name={share.target.name} />
          </Text>
        ) : null}
      </Stack>
      <Group gap={6} wrap="nowrap">
        <Badge variant="light" color={share.permission === 'edit' ? 'brand' : 'gray'}>
          {t(`files.share.permissions.${share.permission}`)}
        </Badge>
        {share.abilities.delete && !share.inherited ? (
          <ActionIcon
            variant="subtle"
            color="red"
            onClick={onRemove}
            loading={removing}
            aria-label={t('files.share.remove', { name: share.grantee.name })}
          >
            <FilesIcon name="close" size={16} />
          </ActionIcon>
        ) : null}
      </Group>
    </Group>
  );
}
