import {
  type FileCommentView,
  type FileKind,
  type FileLinkView,
  type FilePerson,
  type FileShareView,
  type FileSpace,
  type FileVersionView,
  type FileView,
  type FolderView,
  fileKindOf,
} from '../../../shared/api/files.js';
import type { Actor } from '../../platform/context.js';
import type { FilePermission } from '../../platform/db/schema.js';
import { photoUrlOf } from '../users/users.presenter.js';
import type { FileCommentRow } from './file-comments.queries.js';
import type { LinkRow } from './file-links.queries.js';
import type { ShareRow } from './file-shares.queries.js';
import {
  type FileFacts,
  type FolderFacts,
  fileAbilities,
  folderAbilities,
  type Library,
} from './files.policy.js';
import type { FileRow, FileVersionRow } from './files.queries.js';
import type { FolderRow } from './folders.queries.js';

/** The columns a row carries about its library. */
export interface LibraryColumns {
  space_type: 'company' | 'group' | 'profile';
  group_id: string | null;
  profile_id: string | null;
  group_name: string | null;
  group_visibility: FileRow['group_visibility'];
  viewer_group_role: FileRow['viewer_group_role'];
  profile_name: string | null;
}

/** A person as file views show them; guests are marked. */
export function presentFilePerson(p: {
  id: string;
  name: string;
  photo_key: string | null;
  position: string | null;
  role: string;
}): FilePerson {
  return {
    id: p.id,
    name: p.name,
    photoUrl: photoUrlOf({ id: p.id, photo_key: p.photo_key }),
    position: p.position,
    isGuest: p.role === 'guest',
  };
}

/** The library a row lives in, as the policy reads it for the row's viewer. */
export function libraryOf(row: LibraryColumns): Library {
  switch (row.space_type) {
    case 'company':
      return { type: 'company' };
    case 'profile':
      return { type: 'profile', ownerId: row.profile_id! };
    case 'group':
      return {
        type: 'group',
        groupId: row.group_id!,
        visibility: row.group_visibility ?? 'secret',
        viewerRole: row.viewer_group_role,
      };
  }
}

/** The library's space with its display name. */
export function spaceOf(row: LibraryColumns, companyName: string): FileSpace {
  switch (row.space_type) {
    case 'company':
      return { type: 'company', id: null, name: companyName };
    case 'profile':
      return { type: 'profile', id: row.profile_id, name: row.profile_name ?? '' };
    case 'group':
      return { type: 'group', id: row.group_id, name: row.group_name ?? '' };
  }
}

/** 0/1/2 as the list queries compute it → the strongest share. */
export function grantOf(level: number | string): FilePermission | null {
  const n = Number(level);
  return n >= 2 ? 'edit' : n === 1 ? 'read' : null;
}

/** What the policy reads of a file row. */
export function fileFactsOf(row: FileRow, viaLink = false): FileFacts {
  const post = Number(row.post_readable);
  return {
    library: libraryOf(row),
    uploaderId: row.created_by,
    postReadable: post === -1 ? null : post === 1,
    grant: grantOf(row.viewer_grant),
    viaLink,
  };
}

/** What the policy reads of a folder row. */
export function folderFactsOf(row: FolderRow): FolderFacts {
  return { library: libraryOf(row), creatorId: row.created_by, grant: grantOf(row.viewer_grant) };
}

/** The kind of a stored type (an old row of a type since taken off the list shows as `other`). */
export function kindOf(mime: string): FileKind {
  return fileKindOf(mime) ?? 'other';
}

export const fileUrls = {
  content: (id: string, version?: number) =>
    `/api/v1/files/${id}/content${version === undefined ? '' : `?version=${version}`}`,
  thumbnail: (id: string, version: number) => `/api/v1/files/${id}/thumbnail?version=${version}`,
  linkContent: (token: string) => `/api/v1/file-links/${encodeURIComponent(token)}/content`,
};

/**
 * A file's view for `actor`. Through a link (`linkToken`), the view points at the link's
 * content URL and offers no thumbnail route (the link's content is the preview).
 */
export function presentFile(
  row: FileRow,
  actor: Actor | null,
  companyName: string,
  linkToken?: string,
): FileView {
  const facts = fileFactsOf(row, linkToken !== undefined);
  return {
    id: row.id,
    name: row.name,
    mimeType: row.mime,
    kind: kindOf(row.mime),
    size: Number(row.size),
    version: Number(row.version),
    space: spaceOf(row, companyName),
    folderId: row.folder_id,
    postId: row.post_id,
    uploadedBy: presentFilePerson({
      id: row.created_by,
      name: row.uploader_name,
      photo_key: row.uploader_photo_key,
      position: row.uploader_position,
      role: row.uploader_role,
    }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    contentUrl: linkToken === undefined ? fileUrls.content(row.id) : fileUrls.linkContent(linkToken),
    thumbnailUrl:
      row.thumb_key && linkToken === undefined ? fileUrls.thumbnail(row.id, Number(row.version)) : null,
    width: row.width === null ? null : Number(row.width),
    height: row.height === null ? null : Number(row.height),
    textStatus: row.text_status,
    abilities: fileAbilities(actor, facts),
  };
}

export function presentFolder(row: FolderRow, actor: Actor | null, companyName: string): FolderView {
  return {
    id: row.id,
    name: row.name,
    space: spaceOf(row, companyName),
    parentId: row.parent_id,
    createdBy: presentFilePerson({
      id: row.created_by,
      name: row.creator_name,
      photo_key: row.creator_photo_key,
      position: row.creator_position,
      role: row.creator_role,
    }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: folderAbilities(actor, folderFactsOf(row)),
  };
}

export function presentVersion(row: FileVersionRow, currentVersion: number): FileVersionView {
  const version = Number(row.version);
  return {
    version,
    name: row.name,
    mimeType: row.mime,
    kind: kindOf(row.mime),
    size: Number(row.size),
    uploadedBy: presentFilePerson({
      id: row.uploaded_by,
      name: row.uploader_name,
      photo_key: row.uploader_photo_key,
      position: row.uploader_position,
      role: row.uploader_role,
    }),
    createdAt: row.created_at,
    current: version === currentVersion,
    contentUrl: fileUrls.content(row.file_id, version),
  };
}

export function presentFileComment(row: FileCommentRow, canDelete: boolean): FileCommentView {
  return {
    id: row.id,
    fileId: row.file_id,
    author: presentFilePerson({
      id: row.author_id,
      name: row.author_name,
      photo_key: row.author_photo_key,
      position: row.author_position,
      role: row.author_role,
    }),
    body: row.body,
    html: row.html,
    createdAt: row.created_at,
    abilities: { delete: canDelete },
  };
}

/** A share as listed on `listed` (the file or folder whose shares are shown). */
export function presentShare(
  row: ShareRow,
  listed: { type: 'file' | 'folder'; id: string },
  canDelete: boolean,
): FileShareView {
  const targetType = row.file_id ? 'file' : 'folder';
  const targetId = (row.file_id ?? row.folder_id)!;
  const inherited = targetType !== listed.type || targetId !== listed.id;
  return {
    id: row.id,
    grantee: {
      type: row.grantee_type,
      id: row.grantee_id,
      name: row.grantee_name ?? '',
      isGuest: row.grantee_role === 'guest',
    },
    permission: row.permission,
    target: { type: targetType, id: targetId, name: row.target_name },
    inherited,
    createdBy: presentFilePerson({
      id: row.created_by,
      name: row.creator_name,
      photo_key: row.creator_photo_key,
      position: row.creator_position,
      role: row.creator_role,
    }),
    createdAt: row.created_at,
    // An inherited share is removed on the folder it is on.
    abilities: { delete: canDelete && !inherited },
  };
}

/** Whether a link opens now: neither revoked nor expired. */
export function isLinkActive(
  row: { revoked_at: string | null; expires_at: string },
  now = Date.now(),
): boolean {
  return row.revoked_at === null && Date.parse(row.expires_at) > now;
}

export function presentLink(row: LinkRow, canRevoke: boolean): FileLinkView {
  const active = isLinkActive(row);
  return {
    id: row.id,
    fileId: row.file_id,
    createdBy: presentFilePerson({
      id: row.created_by,
      name: row.creator_name,
      photo_key: row.creator_photo_key,
      position: row.creator_position,
      role: row.creator_role,
    }),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    active,
    abilities: { revoke: canRevoke && row.revoked_at === null },
  };
}
