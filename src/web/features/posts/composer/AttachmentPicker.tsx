import { ActionIcon, Button, FileButton, Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { postLimits, type Upload, uploadImageTypes } from '../../../../shared/api/posts.js';
import { ErrorAlert } from '../../../ui/ErrorAlert.js';
import { FeedIcon } from '../FeedIcon.js';
import classes from '../Posts.module.css';
import { useUploadImage } from '../posts.api.js';

interface AttachmentPickerProps {
  uploads: Upload[];
  onChange: (uploads: Upload[]) => void;
}

/** Adds images to a post (uploaded at once), shows them as thumbnails, and removes them. */
export function AttachmentPicker({ uploads, onChange }: AttachmentPickerProps) {
  const { t } = useTranslation();
  const upload = useUploadImage();
  const room = postLimits.attachments - uploads.length;

  async function add(files: File[]) {
    let current = uploads;
    for (const file of files.slice(0, room)) {
      try {
        const stored = await upload.mutateAsync(file);
        current = [...current, stored];
        onChange(current);
      } catch {
        // The error shows under the thumbnails; the other files still go up.
      }
    }
  }

  return (
    <>
      {uploads.length > 0 || upload.isPending ? (
        <Group
          gap="xs"
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('composer.attachments')}
        >
          {uploads.map((image) => (
            <li key={image.id} className={classes.thumb}>
              <img src={image.url} alt={image.name} />
              <ActionIcon
                className={classes.thumbRemove}
                size="sm"
                radius="xl"
                color="dark"
                variant="filled"
                onClick={() => onChange(uploads.filter((u) => u.id !== image.id))}
                aria-label={t('composer.removeImage', { name: image.name })}
              >
                <FeedIcon name="close" size={12} />
              </ActionIcon>
            </li>
          ))}
          {upload.isPending ? (
            <Group component="li" className={classes.thumb} justify="center">
              <Loader size="sm" aria-label={t('composer.uploading')} />
            </Group>
          ) : null}
        </Group>
      ) : null}
      {upload.error ? <ErrorAlert error={upload.error} /> : null}
      <Group gap="xs">
        <FileButton onChange={(files) => void add(files)} accept={uploadImageTypes.join(',')} multiple>
          {(props) => (
            <Button
              {...props}
              variant="subtle"
              size="compact-sm"
              leftSection={<FeedIcon name="image" size={16} />}
              disabled={room <= 0}
            >
              {t('composer.addImages')}
            </Button>
          )}
        </FileButton>
        {room <= 0 ? (
          <Text size="xs" c="dimmed">
            {t('composer.imageLimit', { count: postLimits.attachments })}
          </Text>
        ) : null}
      </Group>
    </>
  );
}
