import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  listNotificationsQuerySchema,
  markReadResponseSchema,
  notificationIdParamsSchema,
  notificationPageSchema,
  notificationSettingsSchema,
  unreadCountSchema,
  updateNotificationSettingsSchema,
} from '../../../shared/api/notifications.js';
import type { App } from '../../app.js';
import {
  countUnread,
  getNotificationSettings,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  updateNotificationSettings,
} from './notifications.service.js';

const tags = ['notifications'];

/** In-app notifications (E5): the list, the unread count, marking read, per-type settings. */
export function registerNotificationRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/notifications',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'My notifications, newest first',
        querystring: listNotificationsQuerySchema,
        response: { 200: notificationPageSchema },
      },
    },
    (request) => listNotifications(request.ctx, request.query),
  );

  r.get(
    '/notifications/unread-count',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'How many of my notifications are unread',
        response: { 200: unreadCountSchema },
      },
    },
    (request) => countUnread(request.ctx),
  );

  r.post(
    '/notifications/:id/read',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Mark a notification read',
        params: notificationIdParamsSchema,
        response: { 200: markReadResponseSchema },
      },
    },
    (request) => markNotificationRead(request.ctx, request.params.id),
  );

  r.post(
    '/notifications/read-all',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Mark all my notifications read',
        response: { 200: markReadResponseSchema },
      },
    },
    (request) => markAllNotificationsRead(request.ctx),
  );

  r.get(
    '/notifications/settings',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Which kinds of notifications I get in the app',
        response: { 200: notificationSettingsSchema },
      },
    },
    (request) => getNotificationSettings(request.ctx),
  );

  r.put(
    '/notifications/settings',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Switch kinds of notifications on or off',
        body: updateNotificationSettingsSchema,
        response: { 200: notificationSettingsSchema },
      },
    },
    (request) => updateNotificationSettings(request.ctx, request.body),
  );
}
