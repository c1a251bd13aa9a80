import type { Generated } from 'kysely';

/*
 * Posts and what hangs off them (uploads, audiences, topics, comments, reactions, reports), and
 * the feed's banners and stories.
 * Part of the `Database` that schema.ts assembles; import these types from there.
 */

export interface UploadsTable {
  id: string;
  owner_id: string;
  blob_key: string;
  mime: string;
  size: number;
  name: string;
  width: number | null;
  height: number | null;
  created_at: string;
}

export type SpaceType = 'company' | 'group' | 'profile';
export type PostKind = 'post' | 'event' | 'poll' | 'announcement' | 'vacancy';

/**
 * A post lives in exactly one space (checked by the database): the company (no ids), a group
 * (`group_id`) or a person's profile (`profile_id`).
 */
export interface PostsTable {
  id: string;
  space_type: SpaceType;
  group_id: string | null;
  profile_id: string | null;
  author_id: string;
  kind: Generated<PostKind>;
  /** The Markdown the author wrote. */
  body: string;
  /** The sanitised rendering of `body` (markdown/render.ts). */
  html: string;
  version: Generated<number>;
  shared_post_id: string | null;
  preview_url: string | null;
  /** JSON of the link preview ({ url, title, description, imageUrl, siteName }), once fetched. */
  preview: string | null;
  /** 1 when only the departments in `post_audiences` may read it (targeted announcements). */
  has_audience: Generated<number>;
  must_read: Generated<number>;
  comments_locked: Generated<number>;
  pinned_at: string | null;
  /** Hidden by a moderator: visible only to its author and the space's moderators. */
  hidden_at: string | null;
  hidden_by: string | null;
  comment_count: Generated<number>;
  reaction_count: Generated<number>;
  created_at: string;
  updated_at: string;
  edited_at: string | null;
}

export interface PostAttachmentsTable {
  post_id: string;
  upload_id: string;
  position: number;
}

/** The departments (with their sub-departments expanded) a targeted post is for. */
export interface PostAudiencesTable {
  post_id: string;
  department_id: string;
}

export interface TopicsTable {
  /** The normalised hashtag (`searchKey` of the text after `#`). */
  tag: string;
  /** How it was first written, for display. */
  name: string;
  /** 1 for an admin-defined priority topic: its posts reach every feed. */
  priority: Generated<number>;
  created_at: string;
}

export interface PostTagsTable {
  tag: string;
  post_id: string;
}

export interface TopicFollowsTable {
  user_id: string;
  tag: string;
  created_at: string;
}

/** The feed's "new since your last visit" marker. */
export interface FeedVisitsTable {
  user_id: string;
  last_visit_at: string;
  previous_visit_at: string | null;
}

export interface BannersTable {
  id: string;
  title: string;
  body: Generated<string>;
  html: Generated<string>;
  link_url: string | null;
  ends_at: string;
  created_by: string | null;
  created_at: string;
}

export interface StoriesTable {
  id: string;
  author_id: string;
  text: Generated<string>;
  upload_id: string | null;
  background: string | null;
  created_at: string;
  expires_at: string;
}

export interface CommentsTable {
  id: string;
  post_id: string;
  /** One level of replies: a reply's parent is always a top-level comment. */
  parent_id: string | null;
  author_id: string;
  body: string;
  html: string;
  version: Generated<number>;
  hidden_at: string | null;
  hidden_by: string | null;
  created_at: string;
  updated_at: string;
  edited_at: string | null;
}

export interface ReactionsTable {
  post_id: string;
  user_id: string;
  emoji: string;
  created_at: string;
}

export type ReportStatus = 'open' | 'allowed' | 'hidden' | 'deleted';

export interface ReportsTable {
  id: string;
  /** Null once the post is deleted; the snapshot columns keep what was reported. */
  post_id: string | null;
  comment_id: string | null;
  subject_type: 'post' | 'comment';
  subject_author_id: string | null;
  /** A plain-text excerpt of the reported content when the report was made. */
  subject_excerpt: Generated<string>;
  /** The group the content was in (for group moderators' queues), null for company and profiles. */
  group_id: string | null;
  reporter_id: string;
  reason: string;
  status: Generated<ReportStatus>;
  resolved_by: string | null;
  resolved_at: string | null;
  resolution_note: string | null;
  created_at: string;
}
