import type { Kysely } from 'kysely';

/**
 * Sign-up keeps the chosen password's hash on the e-mail verification token until the link is
 * used, so an address from the directory (an active person with no password yet) gets a
 * password only once its owner has proved they read that mailbox.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('auth_tokens').addColumn('password_hash', 'text').execute();
  await db.schema
    .createIndex('sessions_user_created')
    .on('sessions')
    .columns(['user_id', 'created_at'])
    .execute();
}
