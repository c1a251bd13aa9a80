import type { Generated } from 'kysely';

/*
 * Notifications in the app, their settings per type, and the browsers' Web Push subscriptions.
 * Part of the `Database` that schema.ts assembles; import these types from there.
 */

export interface NotificationsTable {
  id: string;
  user_id: string;
  /** NotificationType in src/shared/api/notifications.ts. */
  type: string;
  actor_id: string | null;
  post_id: string | null;
  comment_id: string | null;
  group_id: string | null;
  /** JSON with what the text needs (e.g. the emoji, the group's name). */
  data: Generated<string>;
  created_at: string;
  read_at: string | null;
}

export interface NotificationSettingsTable {
  user_id: string;
  type: string;
  in_app: number;
}

export interface PushSubscriptionsTable {
  id: string;
  user_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: string;
  last_success_at: string | null;
  failures: Generated<number>;
  /** The session that registered it (0008): deleting the session deletes the subscription. */
  session_id: string | null;
}
