import { type Kysely, sql } from 'kysely';

/**
 * Two gaps left by issues 4 and 5.
 *
 * - `push_subscriptions.session_id`: the session (its cookie's hash) that stored the browser's
 *   subscription. Deleting the session — sign-out, a revoked session, every session of a
 *   deactivated person, the sweep of dead ones — deletes the subscription in the same statement,
 *   so a browser that is signed out stops receiving the person's messages. Nullable only
 *   because SQLite adds a referencing column with a null default; the service always sets it.
 *   Subscriptions stored before cannot be tied to a session: they are dropped, and a browser
 *   that still holds one posts it again (with its session) when the app opens.
 * - Guests added by an administrator or the CSV import had no `access_expires_at` and never
 *   expired. Every guest now has one; those without get the default lifetime of an invitation
 *   as it was when this was written (90 days from the migration).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('push_subscriptions')
    .addColumn('session_id', 'text', (c) => c.references('sessions.id').onDelete('cascade'))
    .execute();
  await db.schema
    .createIndex('push_subscriptions_session')
    .on('push_subscriptions')
    .column('session_id')
    .execute();
  await sql`delete from push_subscriptions`.execute(db);

  const accessEnd = new Date(Date.now() + 90 * 86_400_000).toISOString();
  await sql`update users set access_expires_at = ${accessEnd}
    where role = 'guest' and access_expires_at is null`.execute(db);
}
