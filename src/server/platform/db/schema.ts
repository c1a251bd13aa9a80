import type { Generated } from 'kysely';

/**
 * The database as Kysely sees it. Conventions that hold on both SQLite and PostgreSQL:
 * ids are UUIDv7 text (time-ordered, so they double as a stable sort key); times are ISO-8601
 * UTC text (`2026-11-28T16:00:00.000Z`), which sorts correctly as text on both engines; flags
 * are small integers; lists and objects that are never filtered on are JSON text.
 */
export interface Database {
  settings: SettingsTable;
  departments: DepartmentsTable;
  users: UsersTable;
  user_skills: UserSkillsTable;
  password_history: PasswordHistoryTable;
  sessions: SessionsTable;
  auth_tokens: AuthTokensTable;
  follows: FollowsTable;
  ledger: LedgerTable;
  ledger_head: LedgerHeadTable;
  ledger_checkpoints: LedgerCheckpointsTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  group_requests: GroupRequestsTable;
  group_invites: GroupInvitesTable;
  uploads: UploadsTable;
  posts: PostsTable;
  post_attachments: PostAttachmentsTable;
  post_audiences: PostAudiencesTable;
  topics: TopicsTable;
  post_tags: PostTagsTable;
  topic_follows: TopicFollowsTable;
  feed_visits: FeedVisitsTable;
  event_details: EventDetailsTable;
  event_rsvps: EventRsvpsTable;
  polls: PollsTable;
  poll_options: PollOptionsTable;
  poll_votes: PollVotesTable;
  announcement_reads: AnnouncementReadsTable;
  must_read_reminders: MustReadRemindersTable;
  vacancy_details: VacancyDetailsTable;
  referrals: ReferralsTable;
  banners: BannersTable;
  stories: StoriesTable;
  comments: CommentsTable;
  reactions: ReactionsTable;
  reports: ReportsTable;
  notifications: NotificationsTable;
  notification_settings: NotificationSettingsTable;
  stream_heads: StreamHeadsTable;
  stream_events: StreamEventsTable;
  // Guests (issue 4, 0006_guests).
  guest_invitations: GuestInvitationsTable;
  guest_invitation_groups: GuestInvitationGroupsTable;
  // Document libraries (issue 4, 0005_files).
  folders: FoldersTable;
  folder_ancestors: FolderAncestorsTable;
  files: FilesTable;
  file_versions: FileVersionsTable;
  file_comments: FileCommentsTable;
  file_shares: FileSharesTable;
  file_links: FileLinksTable;
  // Chat and presence (issue 5, 0007_chats).
  chats: ChatsTable;
  chat_folders: ChatFoldersTable;
  chat_members: ChatMembersTable;
  messages: MessagesTable;
  message_reactions: MessageReactionsTable;
  chat_attachments: ChatAttachmentsTable;
  message_terms: MessageTermsTable;
  sticker_packs: StickerPacksTable;
  stickers: StickersTable;
  push_subscriptions: PushSubscriptionsTable;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface DepartmentsTable {
  id: string;
  name: string;
  name_search: string;
  parent_id: string | null;
  head_user_id: string | null;
  external_id: string | null;
  created_at: string;
  updated_at: string;
}

export type UserRole = 'admin' | 'moderator' | 'employee' | 'guest';
export type UserStatus = 'pending' | 'active' | 'deactivated';

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  name_search: string;
  password_hash: string | null;
  password_changed_at: string | null;
  role: UserRole;
  status: UserStatus;
  /** Who or what deactivated the person: 'admin' | 'csv' | 'scim' | 'ldap'. */
  deactivated_via: string | null;
  deactivated_at: string | null;
  email_verified_at: string | null;
  position: string | null;
  position_search: string | null;
  department_id: string | null;
  manager_id: string | null;
  phone: string | null;
  office: string | null;
  city: string | null;
  birthday: string | null;
  start_date: string | null;
  about: string | null;
  /** JSON array of strings. */
  interests: string;
  /** JSON object of contact kind → value (telegram, mobile, ...). */
  contacts: string;
  photo_key: string | null;
  locale: string | null;
  external_id: string | null;
  source: string;
  failed_logins: Generated<number>;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
  /** Guests (0006_guests): when their access ends, to the second; null for everyone else. */
  access_expires_at: Generated<string | null>;
  /** Presence (0007_chats): when the person was last connected; shown unless hidden. */
  last_seen_at: Generated<string | null>;
  presence_hidden: Generated<number>;
}

export interface UserSkillsTable {
  user_id: string;
  skill: string;
  skill_key: string;
}

export interface PasswordHistoryTable {
  id: string;
  user_id: string;
  password_hash: string;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value: a stolen database does not yield usable cookies. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export type AuthTokenPurpose = 'verify_email' | 'reset_password';

export interface AuthTokensTable {
  /** SHA-256 of the token sent by e-mail. */
  id: string;
  user_id: string;
  purpose: AuthTokenPurpose;
  /** Sign-up: the chosen password's hash, applied when the e-mail is verified (0002_auth). */
  password_hash: string | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface FollowsTable {
  follower_id: string;
  followee_id: string;
  created_at: string;
}

export interface LedgerTable {
  seq: number;
  ts: string;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  /** Canonical JSON of the entry's details (for content: the full version). */
  payload: string;
  prev_hash: string;
  hash: string;
}

export interface LedgerHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface LedgerCheckpointsTable {
  seq: number;
  head_hash: string;
  signed_at: string;
  public_key: string;
  signature: string;
}

export type GroupVisibility = 'open' | 'closed' | 'secret';
export type GroupRole = 'admin' | 'moderator' | 'member';

export interface GroupsTable {
  id: string;
  name: string;
  name_search: string;
  /** What `@handle` mentions it by (`handleFromName`, made unique with a number). */
  handle: string;
  description: Generated<string>;
  visibility: GroupVisibility;
  /** A linked department's people are members automatically (`via_department`). */
  department_id: string | null;
  photo_key: string | null;
  member_count: Generated<number>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
  role: GroupRole;
  /** 1 when the membership follows the linked department (and ends when the person leaves it). */
  via_department: Generated<number>;
  created_at: string;
}

/** A request to join a closed group, waiting for a group admin. */
export interface GroupRequestsTable {
  group_id: string;
  user_id: string;
  message: string | null;
  created_at: string;
}

/** An invitation from a member, waiting for the invited person to accept. */
export interface GroupInvitesTable {
  group_id: string;
  user_id: string;
  invited_by: string | null;
  created_at: string;
}

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

export interface EventDetailsTable {
  post_id: string;
  title: string;
  starts_at: string;
  ends_at: string | null;
  location: string | null;
  online_url: string | null;
  remind_at: string | null;
  reminded_at: string | null;
}

export type RsvpAnswer = 'going' | 'maybe' | 'no';

export interface EventRsvpsTable {
  post_id: string;
  user_id: string;
  answer: RsvpAnswer;
  updated_at: string;
}

export interface PollsTable {
  post_id: string;
  question: string;
  multiple: Generated<number>;
  anonymous: Generated<number>;
  /** A quiz marks its correct options and shows them once the person has answered. */
  quiz: Generated<number>;
  closes_at: string | null;
}

export interface PollOptionsTable {
  id: string;
  post_id: string;
  position: number;
  text: string;
  correct: Generated<number>;
}

export interface PollVotesTable {
  post_id: string;
  option_id: string;
  user_id: string;
  created_at: string;
}

export interface AnnouncementReadsTable {
  post_id: string;
  user_id: string;
  confirmed_at: string;
}

export interface MustReadRemindersTable {
  post_id: string;
  next_at: string;
  sent_count: Generated<number>;
}

export interface VacancyDetailsTable {
  post_id: string;
  title: string;
  department_id: string | null;
  location: string | null;
  closes_at: string | null;
}

export interface ReferralsTable {
  id: string;
  post_id: string;
  referrer_id: string;
  candidate_name: string;
  candidate_email: string;
  candidate_phone: string | null;
  note: string | null;
  created_at: string;
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

export interface StreamHeadsTable {
  stream: string;
  seq: number;
}

export interface StreamEventsTable {
  stream: string;
  seq: number;
  type: string;
  /** JSON of the event's data. */
  data: string;
  created_at: string;
}

// Guests (issue 4, 0006_guests).

/**
 * An invitation of an external person into groups. Only the SHA-256 of the e-mailed token is
 * kept. Pending while not accepted, not revoked and `invite_expires_at` is ahead.
 */
export interface GuestInvitationsTable {
  id: string;
  /** Normalised (lower case, ASCII domain). */
  email: string;
  inviter_id: string | null;
  token_hash: string;
  /** When the guest's access ends once they accept. */
  expires_at: string;
  /** When the link stops working (14 days, never past `expires_at`). */
  invite_expires_at: string;
  accepted_at: string | null;
  /** The guest account it was accepted into. */
  user_id: string | null;
  revoked_at: string | null;
  created_at: string;
}

export interface GuestInvitationGroupsTable {
  invitation_id: string;
  group_id: string;
}

// Document libraries (issue 4, 0005_files).

/** A folder in a space's library; `parent_id` null = at the library's root. */
export interface FoldersTable {
  id: string;
  space_type: SpaceType;
  group_id: string | null;
  profile_id: string | null;
  parent_id: string | null;
  name: string;
  /** `searchKey(name)`: what libraries sort by. */
  name_key: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  deleted_by: string | null;
}

/** The closure of `folders.parent_id`: every folder with each folder above it and itself (depth 0). */
export interface FolderAncestorsTable {
  folder_id: string;
  ancestor_id: string;
  depth: number;
}

/** A file in a space's library (or attached to a post: then it has the post's visibility). */
export interface FilesTable {
  id: string;
  space_type: SpaceType;
  group_id: string | null;
  profile_id: string | null;
  folder_id: string | null;
  post_id: string | null;
  name: string;
  name_key: string;
  /** Of the current version, detected from its bytes. */
  mime: string;
  size: number;
  /** The current version's number. */
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  deleted_by: string | null;
}

export type FileTextStatus = 'pending' | 'done' | 'none' | 'failed';

/** Every version of a file's bytes; none is ever removed. */
export interface FileVersionsTable {
  file_id: string;
  version: number;
  blob_key: string;
  size: number;
  mime: string;
  name: string;
  uploaded_by: string;
  created_at: string;
  /** Extracted for search (PDF, DOCX, TXT, MD), capped. */
  text: string | null;
  text_status: Generated<FileTextStatus>;
  thumb_key: string | null;
  width: number | null;
  height: number | null;
}

export interface FileCommentsTable {
  id: string;
  file_id: string;
  author_id: string;
  body: string;
  html: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export type FileGranteeType = 'user' | 'group' | 'department';
export type FilePermission = 'read' | 'edit';

/** A share of a file or of a folder (with everything under it) to a person, group or department. */
export interface FileSharesTable {
  id: string;
  file_id: string | null;
  folder_id: string | null;
  grantee_type: FileGranteeType;
  grantee_id: string;
  permission: FilePermission;
  created_by: string;
  created_at: string;
}

/** A read-only link to a file; only the SHA-256 of its token is kept. */
export interface FileLinksTable {
  id: string;
  file_id: string;
  token_hash: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

export type ChatKind = 'direct' | 'group' | 'channel';
export type ChatRole = 'admin' | 'member';
/** How a person came to be in a chat: its creator, added by someone, or by a group or department. */
export type ChatMemberVia = 'creator' | 'added' | 'linked';
export type ChatNotify = 'all' | 'mentions' | 'none';
export type MessageKind = 'text' | 'sticker' | 'system';

export interface ChatsTable {
  id: string;
  kind: ChatKind;
  name: string | null;
  photo_key: string | null;
  /** Direct chats: the two member ids sorted and joined by ':'. */
  direct_key: string | null;
  group_id: string | null;
  department_id: string | null;
  created_by: string | null;
  member_count: Generated<number>;
  /** The `seq` of the newest message (0 before the first). */
  last_seq: Generated<number>;
  last_message_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ChatFoldersTable {
  id: string;
  user_id: string;
  name: string;
  position: number;
  created_at: string;
}

export interface ChatMembersTable {
  chat_id: string;
  user_id: string;
  role: ChatRole;
  via: ChatMemberVia;
  joined_at: string;
  last_read_seq: Generated<number>;
  muted: Generated<number>;
  notify: Generated<ChatNotify>;
  pinned_at: string | null;
  archived_at: string | null;
  folder_id: string | null;
}

export interface MessagesTable {
  id: string;
  chat_id: string;
  /** Position in the chat's stream (`chat:<id>`). */
  seq: number;
  /** The sender's own id for this send: a retry with the same one is stored once. */
  client_id: string | null;
  author_id: string | null;
  kind: MessageKind;
  body: string;
  html: string;
  reply_to_id: string | null;
  thread_root_id: string | null;
  thread_reply_count: Generated<number>;
  forwarded_from_id: string | null;
  sticker_id: string | null;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  deleted_by: string | null;
}

export interface MessageReactionsTable {
  message_id: string;
  user_id: string;
  emoji: string;
  created_at: string;
}

export interface ChatAttachmentsTable {
  id: string;
  chat_id: string;
  /** Null until the message it was uploaded for is sent. */
  message_id: string | null;
  uploader_id: string | null;
  blob_key: string;
  name: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  thumb_key: string | null;
  position: Generated<number>;
  created_at: string;
}

export interface MessageTermsTable {
  term: string;
  chat_id: string;
  message_id: string;
}

export interface StickerPacksTable {
  id: string;
  name: string;
  position: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export interface StickersTable {
  id: string;
  pack_id: string;
  blob_key: string;
  mime: string;
  width: number | null;
  height: number | null;
  emoji: string | null;
  position: number;
  created_at: string;
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
