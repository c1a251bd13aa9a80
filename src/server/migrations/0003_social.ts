import { type Kysely, sql } from 'kysely';

/**
 * Publishing, groups and the live feed: groups and their members, posts in spaces (company,
 * group, profile) with their kinds (event, poll, announcement, vacancy), comments, reactions,
 * topics, moderation reports, notifications and the durable per-stream event log the realtime
 * gateway replays from.
 *
 * Deleting a post or a comment removes the row: the ledger keeps every version (X6), so the live
 * tables never carry "deleted" rows that every query would have to skip.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createGroups(db);
  await createPosts(db);
  await createPostKinds(db);
  await createConversation(db);
  await createModeration(db);
  await createNotifications(db);
}

async function createGroups(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_search', 'text', (c) => c.notNull())
    .addColumn('handle', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.references('departments.id').onDelete('set null'))
    .addColumn('photo_key', 'text')
    .addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('groups_visibility', sql`visibility in ('open', 'closed', 'secret')`)
    .execute();
  await db.schema.createIndex('groups_name').on('groups').columns(['name_search', 'id']).execute();
  await db.schema.createIndex('groups_department').on('groups').column('department_id').execute();

  await db.schema
    .createTable('group_members')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('via_department', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'user_id'])
    .addCheckConstraint('group_members_role', sql`role in ('admin', 'moderator', 'member')`)
    .execute();
  await db.schema
    .createIndex('group_members_user')
    .on('group_members')
    .columns(['user_id', 'group_id'])
    .execute();

  await db.schema
    .createTable('group_requests')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('message', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_requests_pk', ['group_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('group_invites')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('invited_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_invites_pk', ['group_id', 'user_id'])
    .execute();
  await db.schema.createIndex('group_invites_user').on('group_invites').column('user_id').execute();
}

async function createPosts(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('blob_key', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('uploads_owner').on('uploads').columns(['owner_id', 'id']).execute();

  await db.schema
    .createTable('posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('space_type', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.references('groups.id').onDelete('cascade'))
    .addColumn('profile_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('post'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('shared_post_id', 'text', (c) => c.references('posts.id').onDelete('set null'))
    .addColumn('preview_url', 'text')
    .addColumn('preview', 'text')
    .addColumn('has_audience', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('must_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('comments_locked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pinned_at', 'text')
    .addColumn('hidden_at', 'text')
    .addColumn('hidden_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reaction_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .addCheckConstraint(
      'posts_space',
      sql`(space_type = 'company' and group_id is null and profile_id is null)
        or (space_type = 'group' and group_id is not null and profile_id is null)
        or (space_type = 'profile' and profile_id is not null and group_id is null)`,
    )
    .addCheckConstraint('posts_kind', sql`kind in ('post', 'event', 'poll', 'announcement', 'vacancy')`)
    .execute();
  // One index per feed source: the feed merges "newest below the cursor" range scans of each.
  await db.schema.createIndex('posts_space_type').on('posts').columns(['space_type', 'id']).execute();
  await db.schema.createIndex('posts_group').on('posts').columns(['group_id', 'id']).execute();
  await db.schema.createIndex('posts_profile').on('posts').columns(['profile_id', 'id']).execute();
  await db.schema.createIndex('posts_author').on('posts').columns(['author_id', 'id']).execute();
  await db.schema.createIndex('posts_pinned').on('posts').columns(['pinned_at']).execute();
  // The feed's must-read top reads only the few must-read posts, not the whole table.
  await db.schema.createIndex('posts_must_read').on('posts').columns(['must_read', 'id']).execute();
  await db.schema.createIndex('posts_shared').on('posts').column('shared_post_id').execute();

  await db.schema
    .createTable('post_attachments')
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('upload_id', 'text', (c) => c.notNull().references('uploads.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_attachments_pk', ['post_id', 'upload_id'])
    .execute();
  await db.schema.createIndex('post_attachments_upload').on('post_attachments').column('upload_id').execute();

  await db.schema
    .createTable('post_audiences')
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('post_audiences_pk', ['post_id', 'department_id'])
    .execute();
  await db.schema
    .createIndex('post_audiences_department')
    .on('post_audiences')
    .columns(['department_id', 'post_id'])
    .execute();

  await db.schema
    .createTable('topics')
    .addColumn('tag', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('topics_priority').on('topics').columns(['priority', 'tag']).execute();

  await db.schema
    .createTable('post_tags')
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('post_tags_pk', ['tag', 'post_id'])
    .execute();
  await db.schema.createIndex('post_tags_post').on('post_tags').column('post_id').execute();

  await db.schema
    .createTable('topic_follows')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('topic_follows_pk', ['user_id', 'tag'])
    .execute();
  await db.schema.createIndex('topic_follows_tag').on('topic_follows').columns(['tag', 'user_id']).execute();

  await db.schema
    .createTable('feed_visits')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('last_visit_at', 'text', (c) => c.notNull())
    .addColumn('previous_visit_at', 'text')
    .execute();
}

async function createPostKinds(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('event_details')
    .addColumn('post_id', 'text', (c) => c.primaryKey().references('posts.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text')
    .addColumn('location', 'text')
    .addColumn('online_url', 'text')
    .addColumn('remind_at', 'text')
    .addColumn('reminded_at', 'text')
    .execute();
  await db.schema
    .createIndex('event_details_remind')
    .on('event_details')
    .columns(['reminded_at', 'remind_at'])
    .execute();

  await db.schema
    .createTable('event_rsvps')
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_rsvps_pk', ['post_id', 'user_id'])
    .addCheckConstraint('event_rsvps_answer', sql`answer in ('going', 'maybe', 'no')`)
    .execute();

  await db.schema
    .createTable('polls')
    .addColumn('post_id', 'text', (c) => c.primaryKey().references('posts.id').onDelete('cascade'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('multiple', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('quiz', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('closes_at', 'text')
    .execute();

  await db.schema
    .createTable('poll_options')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('correct', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('poll_options_post')
    .on('poll_options')
    .columns(['post_id', 'position'])
    .execute();

  await db.schema
    .createTable('poll_votes')
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('option_id', 'text', (c) => c.notNull().references('poll_options.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('poll_votes_pk', ['option_id', 'user_id'])
    .execute();
  await db.schema.createIndex('poll_votes_voter').on('poll_votes').columns(['post_id', 'user_id']).execute();

  await db.schema
    .createTable('announcement_reads')
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('confirmed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('announcement_reads_pk', ['post_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('announcement_reads_user')
    .on('announcement_reads')
    .columns(['user_id', 'post_id'])
    .execute();

  await db.schema
    .createTable('must_read_reminders')
    .addColumn('post_id', 'text', (c) => c.primaryKey().references('posts.id').onDelete('cascade'))
    .addColumn('next_at', 'text', (c) => c.notNull())
    .addColumn('sent_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('must_read_reminders_next')
    .on('must_read_reminders')
    .column('next_at')
    .execute();

  await db.schema
    .createTable('vacancy_details')
    .addColumn('post_id', 'text', (c) => c.primaryKey().references('posts.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.references('departments.id').onDelete('set null'))
    .addColumn('location', 'text')
    .addColumn('closes_at', 'text')
    .execute();

  await db.schema
    .createTable('referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('referrer_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('candidate_name', 'text', (c) => c.notNull())
    .addColumn('candidate_email', 'text', (c) => c.notNull())
    .addColumn('candidate_phone', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('referrals_post').on('referrals').columns(['post_id', 'id']).execute();

  await db.schema
    .createTable('banners')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('link_url', 'text')
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('banners_ends').on('banners').columns(['ends_at', 'id']).execute();

  await db.schema
    .createTable('stories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('upload_id', 'text', (c) => c.references('uploads.id').onDelete('set null'))
    .addColumn('background', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stories_expires').on('stories').columns(['expires_at', 'id']).execute();
}

async function createConversation(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('parent_id', 'text', (c) => c.references('comments.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('hidden_at', 'text')
    .addColumn('hidden_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .execute();
  await db.schema.createIndex('comments_post').on('comments').columns(['post_id', 'id']).execute();
  await db.schema.createIndex('comments_parent').on('comments').columns(['parent_id', 'id']).execute();
  await db.schema.createIndex('comments_author').on('comments').columns(['author_id', 'id']).execute();

  await db.schema
    .createTable('reactions')
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('emoji', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reactions_pk', ['post_id', 'user_id', 'emoji'])
    .execute();
  await db.schema.createIndex('reactions_post_emoji').on('reactions').columns(['post_id', 'emoji']).execute();
}

async function createModeration(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // A decided report outlives the content it was about: the ids go null on deletion and the
    // snapshot below keeps what the moderators saw.
    .addColumn('post_id', 'text', (c) => c.references('posts.id').onDelete('set null'))
    .addColumn('comment_id', 'text', (c) => c.references('comments.id').onDelete('set null'))
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('subject_excerpt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('group_id', 'text', (c) => c.references('groups.id').onDelete('cascade'))
    .addColumn('reporter_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('resolved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('resolved_at', 'text')
    .addColumn('resolution_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('reports_subject_type', sql`subject_type in ('post', 'comment')`)
    .addCheckConstraint('reports_status', sql`status in ('open', 'allowed', 'hidden', 'deleted')`)
    .execute();
  await db.schema.createIndex('reports_status').on('reports').columns(['status', 'id']).execute();
  await db.schema.createIndex('reports_group').on('reports').columns(['group_id', 'id']).execute();
  await db.schema.createIndex('reports_post').on('reports').column('post_id').execute();
  await db.schema.createIndex('reports_comment').on('reports').column('comment_id').execute();
}

async function createNotifications(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('post_id', 'text', (c) => c.references('posts.id').onDelete('cascade'))
    .addColumn('comment_id', 'text', (c) => c.references('comments.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.references('groups.id').onDelete('cascade'))
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'id']).execute();
  await db.schema
    .createIndex('notifications_unread')
    .on('notifications')
    .columns(['user_id', 'read_at'])
    .execute();

  await db.schema
    .createTable('notification_settings')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('in_app', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_settings_pk', ['user_id', 'type'])
    .execute();

  // The realtime gateway's durable log: events are appended in the transaction of the change
  // they announce, numbered per stream, and replayed from here on `resume`.
  await db.schema
    .createTable('stream_heads')
    .addColumn('stream', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('stream_events')
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('stream_events_pk', ['stream', 'seq'])
    .execute();
  await db.schema.createIndex('stream_events_created').on('stream_events').column('created_at').execute();
}
