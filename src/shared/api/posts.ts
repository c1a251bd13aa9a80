import { z } from 'zod';
import { fileKindSchema } from './file-kinds.js';
import { pageQuerySchema, pageSchema } from './pagination.js';
import { postKindViewsSchema } from './post-kinds.js';

/**
 * Contracts of posts (P1–P4, P10): posts in a space (the company, a group, a person's profile),
 * their edit history, comments with one level of replies, emoji reactions, sharing, mentions,
 * hashtags and image uploads.
 *
 * Bodies are Markdown, stored as sent after the one documented normalisation of free text
 * (`src/shared/text.ts` `cleanText`: NFC, bidi controls, invisible and control characters
 * removed); `html` is the server's sanitised rendering, the only HTML a client may insert.
 */

export const postLimits = {
  /** Characters of a post's Markdown. */
  body: 20_000,
  /** Characters of a comment's Markdown. */
  comment: 10_000,
  /** Images attached to one post. */
  attachments: 10,
  /** Library files (documents) attached to one post. */
  files: 10,
  /** Hashtags indexed per post; more are left as plain text. */
  tags: 20,
  /** Bytes of one uploaded image. */
  uploadBytes: 10 * 1024 * 1024,
  /** Colleagues one share sends a post to. */
  shareRecipients: 50,
  /** Results per kind in mention autocomplete. */
  mentionResults: 8,
  /** Characters of an autocomplete query. */
  mentionQuery: 64,
} as const;

/**
 * The reactions a post accepts, in the order the picker shows them. A client may send an emoji
 * with or without its variation selector (U+FE0F): the server stores the spelling listed here.
 */
export const reactionEmojis = ['👍', '❤️', '😂', '😮', '😢', '🎉', '👏', '🔥', '🙏', '🤔'] as const;
export type ReactionEmoji = (typeof reactionEmojis)[number];

/** The image types an upload may be, decided from the file's bytes. */
export const uploadImageTypes = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;

export const spaceTypeSchema = z.enum(['company', 'group', 'profile']);
export type SpaceType = z.infer<typeof spaceTypeSchema>;

export const postKindSchema = z.enum(['post', 'event', 'poll', 'announcement', 'vacancy']);

const idSchema = z.uuid();

export const postIdParamsSchema = z.object({ id: idSchema });
export const commentParamsSchema = z.object({ id: idSchema, commentId: idSchema });
/** The emoji is checked against `reactionEmojis` by the service (400 REACTION_NOT_ALLOWED). */
export const reactionParamsSchema = z.object({ id: idSchema, emoji: z.string().min(1).max(32) });
export const uploadIdParamsSchema = z.object({ id: idSchema });

/**
 * Where a post goes. `company` has no id; `group` needs the group's id; `profile` defaults to the
 * author's own profile (only its owner writes there).
 */
export const spaceRefSchema = z.strictObject({ type: spaceTypeSchema, id: idSchema.optional() });

/**
 * `POST /posts`. The body may be blank only when the post shares another one or carries images.
 * `sharedPostId` shares a post the author can read into the chosen space.
 */
export const createPostBodySchema = z.strictObject({
  space: spaceRefSchema,
  body: z.string().max(postLimits.body).default(''),
  attachments: z.array(idSchema).max(postLimits.attachments).optional(),
  /**
   * Files from the author's own library ("My files") not attached to anything yet: they become
   * the post's, readable by exactly those who may read the post (issue 4).
   */
  files: z.array(idSchema).max(postLimits.files).optional(),
  sharedPostId: idSchema.optional(),
});
export type CreatePostBody = z.infer<typeof createPostBodySchema>;

/** `PATCH /posts/{id}` (the author): the new Markdown; each edit is a new version. */
export const updatePostBodySchema = z.strictObject({ body: z.string().max(postLimits.body) });
export type UpdatePostBody = z.infer<typeof updatePostBodySchema>;

/** `POST /posts/{id}/share`: send the post to colleagues (only those who can read it are told). */
export const sharePostBodySchema = z.strictObject({
  userIds: z.array(idSchema).min(1).max(postLimits.shareRecipients),
});
export const shareResultSchema = z.object({
  /** How many people were notified (those who cannot read the post are skipped silently). */
  notified: z.number().int(),
});

/** A person as posts and comments show them. */
export const postPersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  photoUrl: z.string().nullable(),
  position: z.string().nullable(),
  /** An external guest (issue 4): the UI marks them. */
  isGuest: z.boolean(),
});
export type PostPerson = z.infer<typeof postPersonSchema>;

/** The space a post lives in, with its display name (the company's, the group's, the owner's). */
export const postSpaceSchema = z.object({
  type: spaceTypeSchema,
  id: z.string().nullable(),
  name: z.string(),
});

export const attachmentSchema = z.object({
  id: z.string(),
  /** Served by `GET /uploads/{id}` to whoever may read the post. */
  url: z.string(),
  name: z.string(),
  mime: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
});

/** A link preview: plain text to render as text; fetched in the background after publishing. */
export const linkPreviewSchema = z.object({
  url: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  imageUrl: z.string().optional(),
  siteName: z.string().optional(),
});

/** A mention the viewer can resolve (a secret group stays plain text for non-members). */
export const mentionSchema = z.object({
  type: z.enum(['person', 'group', 'department']),
  /** As written after `@`, lower-cased. */
  handle: z.string(),
  id: z.string(),
  name: z.string(),
});

export const postTagSchema = z.object({
  /** The normalised tag: `/topics/{tag}`. */
  tag: z.string(),
  /** How the topic was first written. */
  name: z.string(),
});

/** A library file attached to a post, as the post shows it: its page is `/files/{id}`. */
export const postFileSchema = z.object({
  id: z.string(),
  name: z.string(),
  mimeType: z.string(),
  kind: fileKindSchema,
  size: z.number().int(),
});
export type PostFile = z.infer<typeof postFileSchema>;

export const reactionSummarySchema = z.object({
  emoji: z.string(),
  count: z.number().int(),
  /** Whether the viewer is among them. */
  mine: z.boolean(),
});

/** What the viewer may do to the post; the UI shows actions from this, never re-derives them. */
export const postAbilitiesSchema = z.object({
  edit: z.boolean(),
  delete: z.boolean(),
  comment: z.boolean(),
  react: z.boolean(),
  share: z.boolean(),
  hide: z.boolean(),
  pin: z.boolean(),
  lockComments: z.boolean(),
  viewVersions: z.boolean(),
  report: z.boolean(),
});
export type PostAbilities = z.infer<typeof postAbilitiesSchema>;

/** A post as embedded in another (a share): everything but its own shared post. */
export const embeddedPostSchema = z
  .object({
    id: z.string(),
    space: postSpaceSchema,
    author: postPersonSchema,
    kind: postKindSchema,
    body: z.string(),
    html: z.string(),
    createdAt: z.string(),
    /** Set once the post was edited ("edited" and the versions). */
    editedAt: z.string().nullable(),
    version: z.number().int(),
    attachments: z.array(attachmentSchema),
    files: z.array(postFileSchema),
    preview: linkPreviewSchema.nullable(),
    sharedPostId: z.string().nullable(),
    mentions: z.array(mentionSchema),
    tags: z.array(postTagSchema),
    reactions: z.array(reactionSummarySchema),
    reactionCount: z.number().int(),
    commentCount: z.number().int(),
    commentsLocked: z.boolean(),
    pinned: z.boolean(),
    pinnedAt: z.string().nullable(),
    hidden: z.boolean(),
    mustRead: z.boolean(),
    abilities: postAbilitiesSchema,
  })
  .extend(postKindViewsSchema.shape);
export type EmbeddedPost = z.infer<typeof embeddedPostSchema>;

/** A post: `sharedPost` is the shared post as the viewer sees it, or null (none, gone or unreadable). */
export const postSchema = embeddedPostSchema.extend({ sharedPost: embeddedPostSchema.nullable() });
export type PostView = z.infer<typeof postSchema>;

/** One version of a post from the archive (ledger), newest first. */
export const postVersionSchema = z.object({
  version: z.number().int(),
  body: z.string(),
  html: z.string(),
  /** When this version was written. */
  at: z.string(),
  editor: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export const postVersionPageSchema = pageSchema(postVersionSchema);
export type PostVersion = z.infer<typeof postVersionSchema>;

/** `POST /posts/{id}/comments`. A reply to a reply attaches to the top-level comment. */
export const createCommentBodySchema = z.strictObject({
  body: z.string().max(postLimits.comment),
  parentId: idSchema.optional(),
});
export type CreateCommentBody = z.infer<typeof createCommentBodySchema>;

export const updateCommentBodySchema = z.strictObject({ body: z.string().max(postLimits.comment) });

export const commentAbilitiesSchema = z.object({
  edit: z.boolean(),
  delete: z.boolean(),
  reply: z.boolean(),
  hide: z.boolean(),
  report: z.boolean(),
});

export const commentSchema = z.object({
  id: z.string(),
  postId: z.string(),
  /** The top-level comment this replies to, or null. */
  parentId: z.string().nullable(),
  author: postPersonSchema,
  body: z.string(),
  html: z.string(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  version: z.number().int(),
  hidden: z.boolean(),
  abilities: commentAbilitiesSchema,
});
export type CommentView = z.infer<typeof commentSchema>;

/** A top-level comment with all its replies (oldest first) embedded. */
export const commentThreadSchema = commentSchema.extend({ replies: z.array(commentSchema) });
export type CommentThread = z.infer<typeof commentThreadSchema>;

/**
 * `GET /posts/{id}/comments`: top-level comments oldest first, each with its replies; the
 * cursor pages the top-level comments.
 */
export const commentPageSchema = pageSchema(commentThreadSchema);
export const commentListQuerySchema = pageQuerySchema;

/** `PUT /posts/{id}/reactions/{emoji}` needs no body: the emoji in the path is the reaction. */
export const reactionBodySchema = z.strictObject({}).nullish();

/** `PUT|DELETE /posts/{id}/reactions/{emoji}` → the post's reactions after the change. */
export const reactionStateSchema = z.object({
  postId: z.string(),
  reactions: z.array(reactionSummarySchema),
  reactionCount: z.number().int(),
});
export type ReactionState = z.infer<typeof reactionStateSchema>;

/** `GET /mentions?q=`: what the composer offers after `@`. */
export const mentionQuerySchema = z.object({
  q: z.string().max(postLimits.mentionQuery).default(''),
});
export const mentionSuggestionsSchema = z.object({
  people: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      handle: z.string(),
      position: z.string().nullable(),
      photoUrl: z.string().nullable(),
      /** An external guest (issue 4): the UI marks them. */
      isGuest: z.boolean(),
    }),
  ),
  groups: z.array(z.object({ id: z.string(), name: z.string(), handle: z.string() })),
  departments: z.array(z.object({ id: z.string(), name: z.string(), handle: z.string() })),
});
export type MentionSuggestions = z.infer<typeof mentionSuggestionsSchema>;

/** `POST /uploads` → the stored image (attach it to a post by id). */
export const uploadSchema = z.object({
  id: z.string(),
  url: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  createdAt: z.string(),
});
export type Upload = z.infer<typeof uploadSchema>;
