import { type Kysely, sql } from 'kysely';

/**
 * External guests (issue 4): invitations into groups, and when a guest's access ends.
 *
 * - `users.access_expires_at`: the instant a guest's access ends (null for everyone else). The
 *   expiry job finds due guests through a partial index over guests only.
 * - `guest_invitations`: one e-mailed invitation; only the SHA-256 of its token is stored.
 *   `expires_at` is when the guest's access will end, `invite_expires_at` when the link stops
 *   working. Pending invitations are looked up by address (several pending ones to one address
 *   are accepted together).
 * - `guest_invitation_groups`: the groups an invitation is into; deleting a group drops it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('access_expires_at', 'text').execute();
  await db.schema
    .createIndex('users_guest_access_expires')
    .on('users')
    .column('access_expires_at')
    .where(sql.ref('access_expires_at'), 'is not', null)
    .execute();

  await db.schema
    .createTable('guest_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('inviter_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('invite_expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revoked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('guest_invitations_email')
    .on('guest_invitations')
    .columns(['email', 'created_at'])
    .execute();

  await db.schema
    .createTable('guest_invitation_groups')
    .addColumn('invitation_id', 'text', (c) =>
      c.notNull().references('guest_invitations.id').onDelete('cascade'),
    )
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('guest_invitation_groups_pk', ['invitation_id', 'group_id'])
    .execute();
  await db.schema
    .createIndex('guest_invitation_groups_group')
    .on('guest_invitation_groups')
    .columns(['group_id', 'invitation_id'])
    .execute();
}
