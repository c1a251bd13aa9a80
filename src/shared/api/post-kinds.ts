import { z } from 'zod';

/**
 * CONTRACT STUB written by the lead: the post-kinds helper replaces the inner schemas with the
 * real ones (events, polls, announcements, vacancies). Posts embed `postKindViewsSchema`'s fields.
 */
export const eventViewSchema = z.object({ title: z.string() });
export const pollViewSchema = z.object({ question: z.string() });
export const announcementViewSchema = z.object({ mustRead: z.boolean() });
export const vacancyViewSchema = z.object({ title: z.string() });

/** The kind-specific part of a post as the viewer sees it; at most one is present. */
export const postKindViewsSchema = z.object({
  event: eventViewSchema.optional(),
  poll: pollViewSchema.optional(),
  announcement: announcementViewSchema.optional(),
  vacancy: vacancyViewSchema.optional(),
});
export type PostKindViews = z.infer<typeof postKindViewsSchema>;
