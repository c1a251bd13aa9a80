import { z } from 'zod';
import { pageQuerySchema, pageSchema } from './pagination.js';

/**
 * Contracts of topics (P3): hashtags people follow, the directory with autocomplete, and the
 * priority topics administrators choose (their posts reach every feed). A topic is known to a
 * viewer only when it is a priority topic, they follow it, or it tags a post they may read — so
 * a hashtag used only in a secret group stays unknown outside it.
 */

export const topicLimits = { tag: 64, query: 64 } as const;

/** `{tag}` path parameter: a hashtag without `#`, any case (it is normalised like hashtags are). */
export const topicTagParamsSchema = z.object({
  tag: z
    .string()
    .min(1)
    .max(topicLimits.tag)
    .regex(/^[\p{L}\p{N}_]+$/u),
});

/** `GET /topics?q=`: topics whose tag starts with `q` (without `#`), by tag. */
export const topicListQuerySchema = pageQuerySchema.extend({
  q: z.string().max(topicLimits.query).optional(),
});
export type TopicListQuery = z.infer<typeof topicListQuerySchema>;

export const topicAbilitiesSchema = z.object({
  follow: z.boolean(),
  setPriority: z.boolean(),
});

/** A topic in the directory and autocomplete. */
export const topicSummarySchema = z.object({
  /** The normalised tag: `/topics/{tag}`. */
  tag: z.string(),
  /** How it was first written. */
  name: z.string(),
  priority: z.boolean(),
  followedByMe: z.boolean(),
});
export type TopicSummary = z.infer<typeof topicSummarySchema>;
export const topicPageSchema = pageSchema(topicSummarySchema);

/** `GET /topics/{tag}`. */
export const topicSchema = topicSummarySchema.extend({
  /** Active people who follow it. */
  followersCount: z.number().int(),
  abilities: topicAbilitiesSchema,
});
export type TopicView = z.infer<typeof topicSchema>;

/** `PUT|DELETE /topics/{tag}/follow`. */
export const topicFollowSchema = z.object({ followedByMe: z.boolean(), followersCount: z.number().int() });

/** `PUT /admin/topics/{tag}/priority`. */
export const topicPriorityBodySchema = z.strictObject({ priority: z.boolean() });
