import { z } from 'zod';
import { type FileKind, fileKindSchema } from './file-kinds.js';
import { pageQuerySchema, pageSchema } from './pagination.js';
import { spaceTypeSchema } from './posts.js';

/**
 * Contracts of document libraries (G2–G3, issue 4): a library per group, per person ("My
 * files") and one for the company; folders; files with versions, comments, shares to people,
 * groups and departments, and expiring links.
 *
 * Every view carries `abilities` computed on the server for the viewer; the web app shows actions
 * from them and never re-derives the rules. An object the viewer may not read does not exist for
 * them: every route answers 404, never 403.
 *
 * Bytes are served by `GET /files/{id}/content` (attachment, except raster images which are
 * inline) with `X-Content-Type-Options: nosniff` and `Content-Security-Policy: sandbox`.
 */

export { type FileKind, fileKindSchema, fileKinds } from './file-kinds.js';

/**
 * The allow-list: every media type an upload may have (as detected from its bytes, without
 * parameters such as `; codecs=opus`) and its kind. Anything else is refused (415
 * FILE_TYPE_NOT_ALLOWED): executables, HTML, scripts, unknown binaries.
 *
 * SVG is accepted but is kind `other`: it is only ever downloaded as an attachment, never shown.
 */
export const allowedFileTypes = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/gif': 'image',
  'image/webp': 'image',
  'application/pdf': 'pdf',
  'text/plain': 'text',
  'text/csv': 'text',
  'text/markdown': 'markdown',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'office',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'office',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'office',
  'application/vnd.oasis.opendocument.text': 'office',
  'application/vnd.oasis.opendocument.spreadsheet': 'office',
  'application/vnd.oasis.opendocument.presentation': 'office',
  'application/zip': 'archive',
  'audio/mpeg': 'media',
  'audio/ogg': 'media',
  'audio/opus': 'media',
  'video/ogg': 'media',
  'audio/mp4': 'media',
  'audio/x-m4a': 'media',
  'video/mp4': 'media',
  'video/webm': 'media',
  'audio/webm': 'media',
  'image/svg+xml': 'other',
} as const satisfies Record<string, FileKind>;
export type AllowedFileType = keyof typeof allowedFileTypes;

/** Raster images a browser may show inline; everything else is served as an attachment. */
export const inlineImageTypes = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;

/**
 * The kind of an allowed media type (parameters after `;` ignored, case-insensitive), or
 * undefined when the type is not on the allow-list.
 */
export function fileKindOf(mime: string): FileKind | undefined {
  const bare = mime.split(';')[0]?.trim().toLowerCase() ?? '';
  return Object.hasOwn(allowedFileTypes, bare) ? allowedFileTypes[bare as AllowedFileType] : undefined;
}

/** Limits shared by the server and the web forms. Sizes in bytes unless named `…Mb`. */
export const fileLimits = {
  /** Default per-file limit (MB); the administrator may change it. */
  defaultMaxFileMb: 100,
  /** Default per-person quota (MB) over the versions they uploaded of live files. */
  defaultQuotaMb: 10 * 1024,
  /** Highest per-file limit an administrator may set (MB). */
  maxFileMbCeiling: 100 * 1024,
  /** Highest quota an administrator may set (MB). */
  quotaMbCeiling: 100 * 1024 * 1024,
  /** A file or folder name, in UTF-8 bytes (names are normalised by the server). */
  nameBytes: 255,
  /** Characters of a name as a client may send it (before normalisation). */
  nameChars: 1000,
  /** Characters of a comment's Markdown. */
  comment: 10_000,
  /** Days a link lives when no expiry is given. */
  linkDefaultDays: 7,
  /** Days a link may live at most. */
  linkMaxDays: 90,
  /** Characters of `GET /files/{id}/text`; longer texts are cut and marked `truncated`. */
  textPreviewChars: 200_000,
  /** Folders nested inside one another, the library's root not counted. */
  folderDepth: 20,
} as const;

/** What the viewer may do with a file (G3). */
export const fileAbilityNames = ['read', 'edit', 'share', 'delete', 'comment'] as const;
export type FileAbilityName = (typeof fileAbilityNames)[number];

/** What the viewer may do with a folder: `add` = upload files and create folders inside it. */
export const folderAbilityNames = ['read', 'add', 'edit', 'share', 'delete'] as const;
export type FolderAbilityName = (typeof folderAbilityNames)[number];

/** What the viewer may do in a library: read its root, add files and folders at its root. */
export const libraryAbilityNames = ['read', 'add'] as const;
export type LibraryAbilityName = (typeof libraryAbilityNames)[number];

export const fileAbilitiesSchema = z.object({
  /** Open, download and preview. */
  read: z.boolean(),
  /** Upload a new version, rename, move within the library, restore a version. */
  edit: z.boolean(),
  /** Add and remove shares, create and revoke links (never guests). */
  share: z.boolean(),
  delete: z.boolean(),
  comment: z.boolean(),
});
export type FileAbilities = z.infer<typeof fileAbilitiesSchema>;

export const folderAbilitiesSchema = z.object({
  read: z.boolean(),
  /** Upload files and create folders inside. */
  add: z.boolean(),
  /** Rename and move within the library. */
  edit: z.boolean(),
  share: z.boolean(),
  delete: z.boolean(),
});
export type FolderAbilities = z.infer<typeof folderAbilitiesSchema>;

export const libraryAbilitiesSchema = z.object({
  read: z.boolean(),
  add: z.boolean(),
});
export type LibraryAbilities = z.infer<typeof libraryAbilitiesSchema>;

const idSchema = z.uuid();

export const fileIdParamsSchema = z.object({ id: idSchema });
export const folderIdParamsSchema = z.object({ id: idSchema });
export const fileVersionParamsSchema = z.object({ id: idSchema, version: z.coerce.number().int().min(1) });
export const fileCommentParamsSchema = z.object({ id: idSchema, commentId: idSchema });
/** `shareId` of `/files/{id}/shares/{shareId}` and `/folders/{id}/shares/{shareId}`. */
export const fileShareParamsSchema = z.object({ id: idSchema, shareId: idSchema });
export const fileLinkParamsSchema = z.object({ id: idSchema, linkId: idSchema });
/** The token of a link as given once at creation (URL-safe base64). */
export const fileLinkTokenParamsSchema = z.object({ token: z.string().min(16).max(128) });
export const groupLibraryParamsSchema = z.object({ id: idSchema });
export const personLibraryParamsSchema = z.object({ id: idSchema });

/**
 * A library as a `space` field names it: `company` has no id; `group` needs the group's id;
 * `profile` means the viewer's own "My files" (an id, if given, must be the viewer's).
 */
export const librarySpaceRefSchema = z.strictObject({ type: spaceTypeSchema, id: idSchema.optional() });
export type LibrarySpaceRef = z.infer<typeof librarySpaceRefSchema>;

/** The space a file or folder lives in, with its display name (company, group, person). */
export const fileSpaceSchema = z.object({
  type: spaceTypeSchema,
  id: z.string().nullable(),
  name: z.string(),
});
export type FileSpace = z.infer<typeof fileSpaceSchema>;

/** A person as file views show them; guests are marked. */
export const filePersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  photoUrl: z.string().nullable(),
  position: z.string().nullable(),
  isGuest: z.boolean(),
});
export type FilePerson = z.infer<typeof filePersonSchema>;

/** Where background processing of a version stands: thumbnail and text for search. */
export const fileTextStatusSchema = z.enum(['pending', 'done', 'none', 'failed']);
export type FileTextStatus = z.infer<typeof fileTextStatusSchema>;

/** A file's metadata: what upload, `GET /files/{id}` and library lists answer. */
export const fileSchema = z.object({
  id: z.string(),
  /** The normalised original name (metadata only: never a path on the server). */
  name: z.string(),
  /** Detected from the bytes of the current version. */
  mimeType: z.string(),
  kind: fileKindSchema,
  /** Bytes of the current version. */
  size: z.number().int(),
  /** The current version's number (1 for a fresh upload). */
  version: z.number().int(),
  space: fileSpaceSchema,
  /** The folder it is in; null at the library's root. */
  folderId: z.string().nullable(),
  /** The post it is attached to (then it has the post's visibility), or null. */
  postId: z.string().nullable(),
  /** Who uploaded the first version. */
  uploadedBy: filePersonSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The bytes of the current version (`?version=N` for older ones). */
  contentUrl: z.string(),
  /** A small WebP preview of an image, or null (none yet, or not an image). */
  thumbnailUrl: z.string().nullable(),
  /** Pixel size of an image's current version, when known. */
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  textStatus: fileTextStatusSchema,
  abilities: fileAbilitiesSchema,
});
export type FileView = z.infer<typeof fileSchema>;

/** A folder as lists show it. */
export const folderSchema = z.object({
  id: z.string(),
  name: z.string(),
  space: fileSpaceSchema,
  /** The parent folder; null at the library's root. */
  parentId: z.string().nullable(),
  createdBy: filePersonSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: folderAbilitiesSchema,
});
export type FolderView = z.infer<typeof folderSchema>;

/** One step of a folder's breadcrumbs, from the library's root down. */
export const folderCrumbSchema = z.object({ id: z.string(), name: z.string() });

/** `GET /folders/{id}` and `POST|PATCH /folders…`: a folder with its breadcrumbs. */
export const folderDetailSchema = folderSchema.extend({
  /** Ancestors from the root's first folder down to this one's parent (this one not included). */
  path: z.array(folderCrumbSchema),
});
export type FolderDetail = z.infer<typeof folderDetailSchema>;

/** A library entry: folders come first, then files, each by name. */
export const libraryItemSchema = z.discriminatedUnion('type', [
  folderSchema.extend({ type: z.literal('folder') }),
  fileSchema.extend({ type: z.literal('file') }),
]);
export type LibraryItem = z.infer<typeof libraryItemSchema>;

/** `?folderId=&limit=&cursor=` of the three library routes; no folderId = the root. */
export const libraryQuerySchema = pageQuerySchema.extend({ folderId: idSchema.optional() });
export type LibraryQuery = z.input<typeof libraryQuerySchema>;

/**
 * `GET /libraries/company`, `/libraries/groups/{id}`, `/libraries/people/{id}`: one page of the
 * library's root or of a folder in it. Browsing a folder needs only the right to read that
 * folder (a folder shared with the viewer can be opened in a library they cannot read).
 */
export const libraryPageSchema = z.object({
  library: z.object({
    space: fileSpaceSchema,
    /** What the UI titles the page with: the company's, the group's or the person's name. */
    name: z.string(),
    abilities: libraryAbilitiesSchema,
  }),
  folder: z
    .object({
      id: z.string(),
      name: z.string(),
      path: z.array(folderCrumbSchema),
      abilities: folderAbilitiesSchema,
    })
    .nullable(),
  items: z.array(libraryItemSchema),
  nextCursor: z.string().nullable(),
});
export type LibraryPage = z.infer<typeof libraryPageSchema>;

/** An entry of "Shared with me": a file or folder shared with the viewer, newest share first. */
export const sharedItemSchema = z.discriminatedUnion('type', [
  folderSchema.extend({ type: z.literal('folder'), sharedAt: z.string() }),
  fileSchema.extend({ type: z.literal('file'), sharedAt: z.string() }),
]);
export type SharedItem = z.infer<typeof sharedItemSchema>;

/** `GET /files/shared-with-me?limit=&cursor=`: shares to the viewer, their groups, their departments. */
export const sharedWithMeQuerySchema = pageQuerySchema;
export const sharedWithMePageSchema = pageSchema(sharedItemSchema);
export type SharedWithMePage = z.infer<typeof sharedWithMePageSchema>;

const nameField = z.string().min(1).max(fileLimits.nameChars);

/**
 * `POST /files` is multipart: text fields `space` (JSON of `librarySpaceRefSchema`) or
 * `folderId` (with both, the folder must be in that library), and the part `file`. Fields may come before or after the file. This schema
 * validates the text fields.
 */
export const uploadFieldsSchema = z
  .strictObject({ space: librarySpaceRefSchema.optional(), folderId: idSchema.optional() })
  .refine((f) => f.space !== undefined || f.folderId !== undefined, {
    message: 'Give the library (space) or the folder (folderId)',
  });
export type UploadFields = z.infer<typeof uploadFieldsSchema>;

/** `PATCH /files/{id}`: rename and/or move within its library (`folderId: null` = the root). */
export const updateFileBodySchema = z
  .strictObject({ name: nameField, folderId: idSchema.nullable() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change' });
export type UpdateFileBody = z.infer<typeof updateFileBodySchema>;

/** `?version=N` of `GET /files/{id}/content`, `/thumbnail` and `/text`; no version = the current. */
export const fileVersionQuerySchema = z.object({ version: z.coerce.number().int().min(1).optional() });

/** `GET /files/{id}/content`: `?version=N`, and `?download=true` to get an image as an attachment too. */
export const fileContentQuerySchema = fileVersionQuerySchema.extend({
  download: z.stringbool().default(false),
});

/** `GET /file-links/{token}/content`: `?download=true` as above (always the current version). */
export const fileLinkContentQuerySchema = z.object({ download: z.stringbool().default(false) });

/** `GET /files/{id}/text`: the text of a text or Markdown file, capped. */
export const fileTextSchema = z.object({
  version: z.number().int(),
  kind: z.enum(['text', 'markdown']),
  text: z.string(),
  /** True when the text was longer than `fileLimits.textPreviewChars` and was cut. */
  truncated: z.boolean(),
});
export type FileText = z.infer<typeof fileTextSchema>;

/** One version of a file, newest first. */
export const fileVersionSchema = z.object({
  version: z.number().int(),
  name: z.string(),
  mimeType: z.string(),
  kind: fileKindSchema,
  size: z.number().int(),
  uploadedBy: filePersonSchema,
  createdAt: z.string(),
  /** True for the file's current version. */
  current: z.boolean(),
  contentUrl: z.string(),
});
export type FileVersionView = z.infer<typeof fileVersionSchema>;
export const fileVersionListQuerySchema = pageQuerySchema;
export const fileVersionPageSchema = pageSchema(fileVersionSchema);
export type FileVersionPage = z.infer<typeof fileVersionPageSchema>;

/** `POST /files/{id}/versions/{version}/restore` needs no body: it adds a copy as the newest version. */
export const noFieldsBodySchema = z.strictObject({}).nullish();

/** `POST /files/{id}/comments`: Markdown; `@login` mentions notify people who may read the file. */
export const createFileCommentBodySchema = z.strictObject({
  body: z.string().max(fileLimits.comment),
});
export type CreateFileCommentBody = z.infer<typeof createFileCommentBodySchema>;

export const fileCommentAbilitiesSchema = z.object({ delete: z.boolean() });

export const fileCommentSchema = z.object({
  id: z.string(),
  fileId: z.string(),
  author: filePersonSchema,
  body: z.string(),
  /** The server's sanitised rendering, the only HTML a client may insert. */
  html: z.string(),
  createdAt: z.string(),
  abilities: fileCommentAbilitiesSchema,
});
export type FileCommentView = z.infer<typeof fileCommentSchema>;
/** `GET /files/{id}/comments`: oldest first. */
export const fileCommentListQuerySchema = pageQuerySchema;
export const fileCommentPageSchema = pageSchema(fileCommentSchema);
export type FileCommentPage = z.infer<typeof fileCommentPageSchema>;

export const fileGranteeTypes = ['user', 'group', 'department'] as const;
export const fileGranteeTypeSchema = z.enum(fileGranteeTypes);
export type FileGranteeType = z.infer<typeof fileGranteeTypeSchema>;

export const filePermissions = ['read', 'edit'] as const;
export const filePermissionSchema = z.enum(filePermissions);
export type FilePermission = z.infer<typeof filePermissionSchema>;

/**
 * `POST /files/{id}/shares` and `POST /folders/{id}/shares`: give a person (a guest too), a
 * group or a department (with its sub-departments) read or edit access. Sharing again to the
 * same grantee changes the permission (200) instead of adding a second share (201).
 */
export const createShareBodySchema = z.strictObject({
  granteeType: fileGranteeTypeSchema,
  granteeId: idSchema,
  permission: filePermissionSchema,
});
export type CreateShareBody = z.infer<typeof createShareBodySchema>;

export const fileShareSchema = z.object({
  id: z.string(),
  grantee: z.object({
    type: fileGranteeTypeSchema,
    id: z.string(),
    name: z.string(),
    /** True for a person who is a guest. */
    isGuest: z.boolean(),
  }),
  permission: filePermissionSchema,
  /** What the share is on: this file or folder, or (inherited) a folder above it. */
  target: z.object({ type: z.enum(['file', 'folder']), id: z.string(), name: z.string() }),
  /** True when the share is on a folder above the object listed, not on the object itself. */
  inherited: z.boolean(),
  createdBy: filePersonSchema,
  createdAt: z.string(),
  abilities: z.object({ delete: z.boolean() }),
});
export type FileShareView = z.infer<typeof fileShareSchema>;
/**
 * `GET /files/{id}/shares` and `GET /folders/{id}/shares` (for those who may share): the shares on
 * the object and the ones inherited from the folders above it, newest first.
 */
export const fileShareListQuerySchema = pageQuerySchema;
export const fileSharePageSchema = pageSchema(fileShareSchema);
export type FileSharePage = z.infer<typeof fileSharePageSchema>;

/**
 * `POST /files/{id}/links`: `expiresAt` (ISO 8601 with offset) in the future and at most
 * `fileLimits.linkMaxDays` away; omitted = `fileLimits.linkDefaultDays` from now.
 */
export const createFileLinkBodySchema = z
  .strictObject({ expiresAt: z.iso.datetime({ offset: true }).optional() })
  .nullish();
export type CreateFileLinkBody = z.infer<typeof createFileLinkBodySchema>;

export const fileLinkSchema = z.object({
  id: z.string(),
  fileId: z.string(),
  createdBy: filePersonSchema,
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  /** Not revoked and not expired. */
  active: z.boolean(),
  abilities: z.object({ revoke: z.boolean() }),
});
export type FileLinkView = z.infer<typeof fileLinkSchema>;

/**
 * The answer of `POST /files/{id}/links`: the only time the token is shown (only its hash is
 * stored). A signed-in person opens it with `GET /file-links/{token}` (the file's view) and
 * downloads with `GET /file-links/{token}/content`.
 */
export const createdFileLinkSchema = fileLinkSchema.extend({ token: z.string() });
export type CreatedFileLink = z.infer<typeof createdFileLinkSchema>;
/** `GET /files/{id}/links` (for those who may share): newest first, revoked and expired included. */
export const fileLinkListQuerySchema = pageQuerySchema;
export const fileLinkPageSchema = pageSchema(fileLinkSchema);
export type FileLinkPage = z.infer<typeof fileLinkPageSchema>;

/**
 * `POST /folders`: a folder at the library's root (`space`) or inside `parentId` (then `space`
 * may be left out; if given, it must be the parent's library).
 */
export const createFolderBodySchema = z
  .strictObject({ space: librarySpaceRefSchema.optional(), parentId: idSchema.optional(), name: nameField })
  .refine((b) => b.space !== undefined || b.parentId !== undefined, {
    message: 'Give the library (space) or the parent folder (parentId)',
  });
export type CreateFolderBody = z.infer<typeof createFolderBodySchema>;

/** `PATCH /folders/{id}`: rename and/or move within its library (`parentId: null` = the root). */
export const updateFolderBodySchema = z
  .strictObject({ name: nameField, parentId: idSchema.nullable() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change' });
export type UpdateFolderBody = z.infer<typeof updateFolderBodySchema>;

/** `GET /files/quota`: the viewer's upload limits and usage, in bytes. */
export const fileQuotaSchema = z.object({
  maxFileBytes: z.number().int(),
  quotaBytes: z.number().int(),
  usedBytes: z.number().int(),
});
export type FileQuota = z.infer<typeof fileQuotaSchema>;

/** `PUT /settings/files` (admin): the per-file limit and the per-person quota, in MB. */
export const fileSettingsSchema = z.strictObject({
  maxFileMb: z.number().int().min(1).max(fileLimits.maxFileMbCeiling),
  quotaMb: z.number().int().min(1).max(fileLimits.quotaMbCeiling),
});
export type FileSettings = z.infer<typeof fileSettingsSchema>;

/** `GET|PUT /settings/files` (admin) → the settings in force and the defaults. */
export const fileSettingsResponseSchema = z.object({
  settings: fileSettingsSchema,
  defaults: fileSettingsSchema,
});
export type FileSettingsResponse = z.infer<typeof fileSettingsResponseSchema>;
