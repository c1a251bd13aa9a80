import type { Story, StoryAuthor } from '../../../shared/api/stories.js';
import { storyBackgroundSchema } from '../../../shared/api/stories.js';
import type { Actor } from '../../platform/context.js';
import { photoUrlOf } from '../users/users.presenter.js';
import { canDeleteStory } from './stories.policy.js';
import type { StoryAuthorRow, StoryRow } from './stories.queries.js';

export function presentStory(row: StoryRow, viewer: Actor | null): Story {
  const background = storyBackgroundSchema.safeParse(row.background);
  return {
    id: row.id,
    text: row.text,
    imageUrl: row.upload_id && row.blob_key ? `/api/v1/stories/${row.id}/image` : null,
    background: background.success ? background.data : null,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    abilities: { delete: canDeleteStory(viewer, row) },
  };
}

export function presentStoryAuthor(
  author: StoryAuthorRow,
  stories: StoryRow[],
  viewer: Actor | null,
): StoryAuthor {
  return {
    author: {
      id: author.author_id,
      name: author.name,
      photoUrl: photoUrlOf({ id: author.author_id, photo_key: author.photo_key }),
    },
    stories: stories.map((s) => presentStory(s, viewer)),
  };
}
