import { z } from 'zod';
import { pageQuerySchema, pageSchema } from './pagination.js';

/**
 * Contracts of moderation (P9, A5): hiding, locking and pinning posts, hiding comments, reports
 * and the review queue. Who moderates what is the spaces policy: platform moderators and admins
 * everything they can read, group admins and moderators their group, a person their own
 * profile. Reports go to platform moderators and to the moderators of the reported group.
 */

export const moderationLimits = {
  note: 1000,
  reason: 1000,
  /** Pinned posts per space (the company, one group, one profile). */
  pinsPerSpace: 3,
  /** Characters of the reported content kept with a report and shown in the queue. */
  excerpt: 280,
} as const;

export const postIdParamsSchema = z.object({ id: z.uuid() });
export const commentParamsSchema = z.object({ id: z.uuid(), commentId: z.uuid() });
export const reportIdParamsSchema = z.object({ id: z.uuid() });

/**
 * Body of hide, unhide, lock, pin…: an optional note sent to the author with the notification.
 * The body itself may be left out.
 */
export const moderationNoteBodySchema = z
  .strictObject({ note: z.string().max(moderationLimits.note).optional() })
  .nullish();
export type ModerationNoteBody = z.infer<typeof moderationNoteBodySchema>;

/** A post's moderation state after an action. */
export const postModerationSchema = z.object({
  postId: z.string(),
  hiddenAt: z.string().nullable(),
  commentsLocked: z.boolean(),
  pinnedAt: z.string().nullable(),
});
export type PostModeration = z.infer<typeof postModerationSchema>;

/** A comment's moderation state after an action. */
export const commentModerationSchema = z.object({
  postId: z.string(),
  commentId: z.string(),
  hiddenAt: z.string().nullable(),
});
export type CommentModeration = z.infer<typeof commentModerationSchema>;

/** `POST /posts/{id}/reports`: report the post, or one of its comments. */
export const createReportBodySchema = z.strictObject({
  reason: z.string().min(1).max(moderationLimits.reason),
  commentId: z.uuid().optional(),
});
export type CreateReportBody = z.infer<typeof createReportBodySchema>;

export const reportStatusSchema = z.enum(['open', 'allowed', 'hidden', 'deleted']);
export type ReportStatus = z.infer<typeof reportStatusSchema>;

export const reportCreatedSchema = z.object({
  id: z.string(),
  status: reportStatusSchema,
  createdAt: z.string(),
});

/** `GET /moderation/reports`: open reports, or resolved ones (allowed, hidden or deleted). */
export const reportListQuerySchema = pageQuerySchema.extend({
  status: z.enum(['open', 'resolved']).default('open'),
});
export type ReportListQuery = z.infer<typeof reportListQuerySchema>;

const personRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  photoUrl: z.string().nullable(),
  /** An external guest (issue 4): the UI marks them. */
  isGuest: z.boolean(),
});

/**
 * The reported content as the queue shows it. The excerpt and author are a snapshot taken when
 * the report was made, so they remain once the content is deleted (`deleted`: its ids are then
 * null, and `space` is known only for content that was in a group).
 */
export const reportSubjectSchema = z.object({
  type: z.enum(['post', 'comment']),
  postId: z.string().nullable(),
  commentId: z.string().nullable(),
  /** The post or comment no longer exists. */
  deleted: z.boolean(),
  /** The first characters of the Markdown source when it was reported, as plain text. */
  excerpt: z.string(),
  /** Null only when the author's account no longer exists. */
  author: personRefSchema.nullable(),
  hidden: z.boolean(),
  space: z
    .object({
      type: z.enum(['company', 'group', 'profile']),
      groupId: z.string().nullable(),
      groupName: z.string().nullable(),
      profileId: z.string().nullable(),
    })
    .nullable(),
});

export const reportSchema = z.object({
  id: z.string(),
  status: reportStatusSchema,
  reason: z.string(),
  createdAt: z.string(),
  reporter: personRefSchema,
  subject: reportSubjectSchema,
  /**
   * Reports on the same post or comment: still open, and in all. Null once the content is
   * deleted (its reports can no longer be told apart from others').
   */
  subjectReports: z.object({ open: z.number().int(), total: z.number().int() }).nullable(),
  resolution: z
    .object({
      resolvedAt: z.string(),
      resolvedBy: z.string().nullable(),
      note: z.string().nullable(),
    })
    .nullable(),
  abilities: z.object({ resolve: z.boolean() }),
});
export type Report = z.infer<typeof reportSchema>;
export const reportPageSchema = pageSchema(reportSchema);

export const resolveActions = ['allow', 'hide', 'delete'] as const;

/** `POST /moderation/reports/{id}/resolve`: the decision, applied to every open report on the subject. */
export const resolveReportBodySchema = z.strictObject({
  action: z.enum(resolveActions),
  note: z.string().max(moderationLimits.note).optional(),
});
export type ResolveReportBody = z.infer<typeof resolveReportBodySchema>;

export const resolveReportResultSchema = z.object({
  action: z.enum(resolveActions),
  status: reportStatusSchema,
  /** How many open reports on the subject this decision closed. */
  resolvedReports: z.number().int(),
});
export type ResolveReportResult = z.infer<typeof resolveReportResultSchema>;
