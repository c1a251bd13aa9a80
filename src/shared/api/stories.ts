import { z } from 'zod';
import { pageQuerySchema, pageSchema } from './pagination.js';

/**
 * Contracts of stories (P7): short text or picture cards any employee posts, shown across the
 * top of the feed to employees for 24 hours, grouped by author. Guests see none.
 */

export const storyLimits = {
  text: 280,
  /** Unexpired stories one person may have at a time. */
  activePerAuthor: 30,
  lifetimeHours: 24,
} as const;

/** The backgrounds a text story may use; the web app maps each to its colours. */
export const storyBackgrounds = ['sunrise', 'ocean', 'forest', 'berry', 'graphite', 'sand'] as const;
export const storyBackgroundSchema = z.enum(storyBackgrounds);

export const storyIdParamsSchema = z.object({ id: z.uuid() });

export const storySchema = z.object({
  id: z.string(),
  /** Plain text, stored as sent (after the R32 normalisation); never rendered as HTML. */
  text: z.string(),
  /** Where the picture is served, if the story has one. */
  imageUrl: z.string().nullable(),
  background: storyBackgroundSchema.nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  abilities: z.object({ delete: z.boolean() }),
});
export type Story = z.infer<typeof storySchema>;

/** One author's unexpired stories, oldest first (the order they play in). */
export const storyAuthorSchema = z.object({
  author: z.object({ id: z.string(), name: z.string(), photoUrl: z.string().nullable() }),
  stories: z.array(storySchema),
});
export type StoryAuthor = z.infer<typeof storyAuthorSchema>;

/** `GET /stories`: authors with unexpired stories, the most recent poster first. */
export const storyAuthorPageSchema = pageSchema(storyAuthorSchema);
export const storyListQuerySchema = pageQuerySchema;

/** `POST /stories`: text, a picture uploaded through `POST /uploads`, or both. */
export const createStoryBodySchema = z.strictObject({
  text: z.string().max(storyLimits.text).optional(),
  uploadId: z.uuid().optional(),
  background: storyBackgroundSchema.optional(),
});
export type CreateStoryBody = z.infer<typeof createStoryBodySchema>;
