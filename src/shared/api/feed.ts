import { z } from 'zod';
import { pageQuerySchema } from './pagination.js';
import { postSchema } from './posts.js';

/**
 * Contracts of the feeds (F1–F3): the personal feed, the company feed, group and topic feeds and
 * a person's publication history. All are newest first with an opaque cursor; the personal,
 * company and group feeds put their pinned (and, in the personal feed, unconfirmed must-read)
 * posts first on the first page only.
 */

export const feedLimits = { default: 20, max: 50 } as const;

/** `?limit=&cursor=` of every feed. */
export const feedQuerySchema = pageQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(feedLimits.max).default(feedLimits.default),
});
export type FeedQuery = z.infer<typeof feedQuerySchema>;

/** Why an item stands at the top of the first page, or null for the newest-first part. */
export const feedHighlightSchema = z.enum(['mustRead', 'pinned']).nullable();

/** A post in a feed. */
export const feedItemSchema = postSchema.extend({ highlight: feedHighlightSchema });
export type FeedItem = z.infer<typeof feedItemSchema>;

/** A post in the personal feed: `isNew` when published after the viewer's previous visit. */
export const personalFeedItemSchema = feedItemSchema.extend({ isNew: z.boolean() });
export type PersonalFeedItem = z.infer<typeof personalFeedItemSchema>;

/** `GET /feed`. */
export const personalFeedPageSchema = z.object({
  items: z.array(personalFeedItemSchema),
  nextCursor: z.string().nullable(),
  /** The viewer's previous visit (before this sitting), or null on the first ever: the "new" marker. */
  lastVisitAt: z.string().nullable(),
});
export type PersonalFeedPage = z.infer<typeof personalFeedPageSchema>;

/** `GET /company/feed`, `/groups/{id}/feed`, `/topics/{tag}/feed`, `/users/{id}/posts`. */
export const feedPageSchema = z.object({ items: z.array(feedItemSchema), nextCursor: z.string().nullable() });
export type FeedPage = z.infer<typeof feedPageSchema>;

export const feedGroupParamsSchema = z.object({ id: z.uuid() });
export const feedUserParamsSchema = z.object({ id: z.uuid() });
