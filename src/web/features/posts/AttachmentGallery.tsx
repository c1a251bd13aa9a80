import { useTranslation } from 'react-i18next';
import type { EmbeddedPost } from '../../../shared/api/posts.js';
import classes from './Posts.module.css';

/** A post's images: one shown large, several as a grid; each opens full size in a new tab. */
export function AttachmentGallery({ attachments }: { attachments: EmbeddedPost['attachments'] }) {
  const { t } = useTranslation();
  if (attachments.length === 0) return null;
  const single = attachments.length === 1;
  return (
    <div className={single ? undefined : classes.gallery}>
      {attachments.map((image) => (
        <a
          key={image.id}
          href={image.url}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={t('posts.openImage', { name: image.name })}
        >
          <img
            src={image.url}
            alt={image.name}
            loading="lazy"
            width={image.width ?? undefined}
            height={image.height ?? undefined}
            className={single ? classes.single : classes.galleryImage}
          />
        </a>
      ))}
    </div>
  );
}
