import i18next from 'i18next';
import { describe, expect, test } from 'vitest';
import { notificationTypes } from '../../../shared/api/notification-types.js';
import type { Notification } from '../../../shared/api/notifications.js';
import en from '../../locales/en.json' with { type: 'json' };
import ru from '../../locales/ru.json' with { type: 'json' };
import { describeNotification } from './notification-text.js';

const i18n = i18next.createInstance();
// As the app configures it: React escapes what it renders, so i18next must not escape twice.
await i18n.init({
  resources: { en: { translation: en }, ru: { translation: ru } },
  lng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
});

function notification(patch: Partial<Notification>): Notification {
  return {
    id: 'n1',
    type: 'comment',
    createdAt: '2026-01-01T10:00:00.000Z',
    readAt: null,
    actor: { id: 'u1', name: '<b>Anna</b>' },
    post: { id: 'p1', excerpt: 'Hello' },
    commentId: null,
    groupId: 'g1',
    data: {},
    ...patch,
  };
}

const dateTime = (iso: string) => `at ${iso}`;

describe('notification texts', () => {
  test.each(['en', 'ru'])(
    'every type reads as a full sentence in %s, with the actor as plain text',
    async (lng) => {
      const t = i18n.getFixedT(lng);
      for (const type of notificationTypes) {
        const { text } = describeNotification(
          notification({
            type,
            data: { emoji: '👍', groupName: 'Design', startsAt: '2026-01-02T09:00:00Z' },
          }),
          t,
          dateTime,
        );
        expect(text).not.toMatch(/\{\{|notifications\./);
        if (!['must_read_reminder', 'event_reminder', 'moderation'].includes(type))
          expect(text).toContain('<b>Anna</b>');
      }
    },
  );

  test.each([
    [{ type: 'reaction', data: { emoji: '🎉' } }, 'Anna reacted 🎉 to your post', '/posts/p1'],
    [{ type: 'mention', data: { via: { name: 'Sales' } } }, 'Anna mentioned Sales', '/posts/p1'],
    [
      { type: 'join_request', post: null, data: { groupName: 'Design' } },
      'Anna asks to join Design',
      '/groups/g1/requests',
    ],
    [{ type: 'event_reminder', actor: null, data: {} }, 'Reminder: the event starts soon', '/posts/p1'],
    [
      { type: 'join_approved', post: null, data: { groupName: 'Design' } },
      'Anna approved your request to join Design',
      '/groups/g1',
    ],
    [{ type: 'moderation', data: { action: 'post.hidden' } }, 'A moderator hid your post', '/posts/p1'],
    [
      {
        type: 'moderation',
        post: null,
        groupId: null,
        data: { action: 'report.resolved', decision: 'delete' },
      },
      'Your report was reviewed: the content was removed',
      null,
    ],
    [
      { type: 'moderation', data: { action: 'something.new' } },
      'A moderator acted on your content',
      '/posts/p1',
    ],
  ] as const)('%j', (patch, text, href) => {
    const t = i18n.getFixedT('en');
    const result = describeNotification(
      notification({
        ...patch,
        actor: patch.type === 'event_reminder' ? null : { id: 'u1', name: 'Anna' },
      } as Partial<Notification>),
      t,
      dateTime,
    );
    expect(result).toEqual({ text, href });
  });
});
