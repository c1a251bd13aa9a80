import { Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { photoLimits, type UserProfile } from '../../../shared/api/users.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { Icon } from '../../ui/Icon.js';
import { UserAvatar } from '../../ui/UserAvatar.js';
import { useRemovePhoto, useUploadPhoto } from '../people/people.api.js';

/** The profile photo with an upload button; checks type and size before sending. */
export function PhotoUpload({ profile }: { profile: UserProfile }) {
  const { t } = useTranslation();
  const upload = useUploadPhoto(profile.id);
  const remove = useRemovePhoto(profile.id);
  const [localError, setLocalError] = useState<string | null>(null);

  function choose(file: File | null) {
    if (!file) return;
    if (!(photoLimits.types as readonly string[]).includes(file.type) || file.size > photoLimits.maxBytes) {
      setLocalError(t('profile.photoInvalid'));
      return;
    }
    setLocalError(null);
    upload.mutate(file, {
      onSuccess: () => notifications.show({ message: t('profile.photoSaved'), color: 'green' }),
    });
  }

  return (
    <Group gap="md" align="center">
      <UserAvatar name={profile.name} photoUrl={profile.photoUrl} size={80} />
      <Stack gap={4}>
        <Group gap="xs">
          <FileButton
            onChange={choose}
            accept={photoLimits.types.join(',')}
            inputProps={{ 'aria-label': t('profile.photo') }}
          >
            {(props) => (
              <Button
                {...props}
                variant="default"
                leftSection={<Icon name="upload" size={16} />}
                loading={upload.isPending}
              >
                {profile.photoUrl ? t('profile.changePhoto') : t('profile.uploadPhoto')}
              </Button>
            )}
          </FileButton>
          {profile.photoUrl ? (
            <Button variant="subtle" color="red" onClick={() => remove.mutate()} loading={remove.isPending}>
              {t('profile.removePhoto')}
            </Button>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed">
          {t('profile.photoHint')}
        </Text>
        {localError ? (
          <Text size="sm" c="red" role="alert">
            {localError}
          </Text>
        ) : null}
        <ErrorAlert error={upload.error ?? remove.error} />
      </Stack>
    </Group>
  );
}
