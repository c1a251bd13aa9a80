import type { Generated } from 'kysely';
import type { SpaceType } from './posts.js';

/*
 * Document libraries (issue 4, 0005_files): folders, files, versions, comments, shares and links.
 * Part of the `Database` that schema.ts assembles; import these types from there.
 */

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
