import type { AuthTokensTable, PasswordHistoryTable, SessionsTable } from './schema/auth.js';
import type { LedgerBlobKeysTable } from './schema/blobs.js';
import type {
  ChatAttachmentsTable,
  ChatFoldersTable,
  ChatMembersTable,
  ChatsTable,
  MessageReactionsTable,
  MessagesTable,
  MessageTermsTable,
  StickerPacksTable,
  StickersTable,
} from './schema/chats.js';
import type {
  FileCommentsTable,
  FileLinksTable,
  FileSharesTable,
  FilesTable,
  FileVersionsTable,
  FolderAncestorsTable,
  FoldersTable,
} from './schema/files.js';
import type {
  GroupInvitesTable,
  GroupMembersTable,
  GroupRequestsTable,
  GroupsTable,
} from './schema/groups.js';
import type { GuestInvitationGroupsTable, GuestInvitationsTable } from './schema/guests.js';
import type {
  NotificationSettingsTable,
  NotificationsTable,
  PushSubscriptionsTable,
} from './schema/notifications.js';
import type { DepartmentsTable, FollowsTable, UserSkillsTable, UsersTable } from './schema/people.js';
import type {
  LedgerCheckpointsTable,
  LedgerHeadTable,
  LedgerTable,
  SettingsTable,
  StreamEventsTable,
  StreamHeadsTable,
} from './schema/platform.js';
import type {
  AnnouncementReadsTable,
  EventDetailsTable,
  EventRsvpsTable,
  MustReadRemindersTable,
  PollOptionsTable,
  PollsTable,
  PollVotesTable,
  ReferralsTable,
  VacancyDetailsTable,
} from './schema/post-kinds.js';
import type {
  BannersTable,
  CommentsTable,
  FeedVisitsTable,
  PostAttachmentsTable,
  PostAudiencesTable,
  PostsTable,
  PostTagsTable,
  ReactionsTable,
  ReportsTable,
  StoriesTable,
  TopicFollowsTable,
  TopicsTable,
  UploadsTable,
} from './schema/posts.js';

export type * from './schema/auth.js';
export type * from './schema/blobs.js';
export type * from './schema/chats.js';
export type * from './schema/files.js';
export type * from './schema/groups.js';
export type * from './schema/guests.js';
export type * from './schema/notifications.js';
export type * from './schema/people.js';
export type * from './schema/platform.js';
export type * from './schema/post-kinds.js';
export type * from './schema/posts.js';

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
  // What keeps stored files alive besides their rows (0009_blob_references).
  ledger_blob_keys: LedgerBlobKeysTable;
}
