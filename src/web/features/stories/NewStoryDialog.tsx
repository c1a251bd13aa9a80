import { Button, ColorSwatch, FileButton, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Upload, uploadImageTypes } from '../../../shared/api/posts.js';
import { storyBackgrounds, storyLimits } from '../../../shared/api/stories.js';
import { fieldError } from '../../lib/useFormValues.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { FeedIcon } from '../posts/FeedIcon.js';
import { useUploadImage } from '../posts/posts.api.js';
import { useCreateStory } from './stories.api.js';
import { storyBackgroundCss } from './story-backgrounds.js';

type Background = (typeof storyBackgrounds)[number];

/** Posts a story: a short text on a coloured background, a picture, or both, for 24 hours. */
export function NewStoryDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateStory();
  const upload = useUploadImage();
  const [text, setText] = useState('');
  const [background, setBackground] = useState<Background>('ocean');
  const [image, setImage] = useState<Upload | null>(null);

  function close() {
    setText('');
    setImage(null);
    create.reset();
    upload.reset();
    onClose();
  }

  return (
    <Modal opened={opened} onClose={close} title={t('stories.newTitle')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(
            {
              ...(text.trim() ? { text: text.trim() } : {}),
              ...(image ? { uploadId: image.id } : { background }),
            },
            { onSuccess: close },
          );
        }}
      >
        <Stack>
          <Textarea
            label={t('stories.text')}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            maxLength={storyLimits.text}
            autosize
            minRows={3}
            description={t('stories.textHint', { count: storyLimits.text - text.length })}
            error={fieldError(create.error, 'text')}
            data-autofocus
          />
          {image ? null : (
            <div>
              <Text size="sm" fw={500} mb={6} id="story-background-label">
                {t('stories.background')}
              </Text>
              <Group gap="xs" role="radiogroup" aria-labelledby="story-background-label">
                {storyBackgrounds.map((name) => (
                  <ColorSwatch
                    key={name}
                    component="button"
                    type="button"
                    color="transparent"
                    style={{ background: storyBackgroundCss[name], color: 'white', cursor: 'pointer' }}
                    role="radio"
                    aria-checked={background === name}
                    aria-label={t(`stories.backgrounds.${name}`)}
                    onClick={() => setBackground(name)}
                  >
                    {background === name ? <FeedIcon name="check" size={14} /> : null}
                  </ColorSwatch>
                ))}
              </Group>
            </div>
          )}
          <Group gap="xs">
            <FileButton
              accept={uploadImageTypes.join(',')}
              onChange={(file) => file && upload.mutate(file, { onSuccess: setImage })}
            >
              {(props) => (
                <Button
                  {...props}
                  variant="default"
                  size="compact-md"
                  leftSection={<FeedIcon name="image" size={16} />}
                  loading={upload.isPending}
                >
                  {image ? t('stories.replacePicture') : t('stories.addPicture')}
                </Button>
              )}
            </FileButton>
            {image ? (
              <>
                <img
                  src={image.url}
                  alt={image.name}
                  width={48}
                  height={48}
                  style={{ objectFit: 'cover', borderRadius: 6 }}
                />
                <Button variant="subtle" color="gray" size="compact-sm" onClick={() => setImage(null)}>
                  {t('stories.removePicture')}
                </Button>
              </>
            ) : null}
          </Group>
          <ErrorAlert error={upload.error ?? create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!text.trim() && !image}>
              {t('stories.publish')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
