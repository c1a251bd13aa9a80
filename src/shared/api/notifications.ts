import { z } from 'zod';
import { notificationTypes } from './notification-types.js';
import { pageQuerySchema, pageSchema } from './pagination.js';

/**
 * Contracts of in-app notifications (E5): the list, unread count, marking read and per-type
 * settings. A notification about a post the viewer can no longer read (they left its secret
 * group, it was hidden) is not listed and not counted.
 */

export const notificationTypeSchema = z.enum(notificationTypes);

export const listNotificationsQuerySchema = pageQuerySchema.extend({
  /** Only unread notifications. */
  unread: z.stringbool().default(false),
});
export type ListNotificationsQuery = z.output<typeof listNotificationsQuerySchema>;

export const notificationIdParamsSchema = z.object({ id: z.uuid() });

export const notificationSchema = z.object({
  id: z.string(),
  type: notificationTypeSchema,
  createdAt: z.string(),
  readAt: z.string().nullable(),
  /** Who caused it; null for the system (reminders) or a person since removed. */
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The post it is about, with the start of its text as plain text. */
  post: z.object({ id: z.string(), excerpt: z.string() }).nullable(),
  commentId: z.string().nullable(),
  groupId: z.string().nullable(),
  /** What the text needs besides ids (the emoji of a reaction, a group's name, …). */
  data: z.record(z.string(), z.unknown()),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationPageSchema = pageSchema(notificationSchema);

export const unreadCountSchema = z.object({ count: z.number().int().min(0) });
export type UnreadCount = z.infer<typeof unreadCountSchema>;

/** The answer to marking read: how many are left unread. */
export const markReadResponseSchema = unreadCountSchema;

/** Whether each type shows in the app; every type is on unless switched off. */
export const notificationSettingsSchema = z.record(notificationTypeSchema, z.boolean());
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

/** `PUT /notifications/settings`: the types to change; types left out keep their setting. */
export const updateNotificationSettingsSchema = z.partialRecord(notificationTypeSchema, z.boolean());
export type NotificationSettingsUpdate = z.infer<typeof updateNotificationSettingsSchema>;

/** Length of a notification's post excerpt, in characters. */
export const notificationExcerptLength = 140;
