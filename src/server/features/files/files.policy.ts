import type { FileAbilities, FolderAbilities, LibraryAbilities } from '../../../shared/api/files.js';
import type { Actor } from '../../platform/context.js';
import type { FilePermission } from '../../platform/db/schema.js';
import { canReadSpace, canWriteSpace, isPlatformModerator, type Space } from '../spaces/spaces.policy.js';

/**
 * Who may do what with document libraries, folders and files (G2–G3, issue 4). Pure decisions
 * over facts the caller loaded; `fileReadableBy` and `folderReadableBy` (files.queries.ts) are the
 * same read rules in SQL for lists. The rules, as COMMON.md states them:
 *
 * - Nobody inactive or anonymous may do anything.
 * - A library is a space's: the company's, a group's, a person's ("My files").
 *   Its root is read by: company — every employee (never guests); group — whoever reads the
 *   group's space (members; every employee for open groups; platform moderators and admins for
 *   closed ones; secret groups members only); profile — its owner only (employees).
 *   Adding at the root: company — platform admins and moderators; group — whoever may write in
 *   the group (its members, guests included); profile — its owner.
 *   Managers: company — platform admins and moderators; group — the group's admins and
 *   moderators, and platform moderators/admins who read the group; profile — its owner.
 * - A file attached to a post is read by whoever may read the post instead of the library's
 *   readers.
 * - A share on a file, or on any folder above it, to the person, to a group they are a member
 *   of, or to their department or a department above it, lets them read ('read') or also edit
 *   ('edit'). Guests are reached by shares to them or to their groups only (never through a
 *   department). A share is read live at every request: leaving the group or the department
 *   ends the access at once.
 * - A valid link lets any signed-in active person (guests too) read — view and download — the
 *   file, nothing more (no comments, no edits).
 * - edit (new version, rename, move, restore a version): the uploader while they may read it,
 *   the library's managers, holders of an `edit` share.
 * - share (add and remove shares, create and revoke links): whoever may edit, except guests.
 * - delete: the uploader (while they may read it) and the library's managers.
 * - comment: whoever may read other than through a link; a comment is deleted by its author
 *   (while they may read the file) and the library's managers.
 * - Folders: read by the library's readers and through shares on the folder or a folder above;
 *   add inside: whoever may add at the library's root, or an `edit` share; edit (rename, move):
 *   its creator, the managers, an `edit` share; share: whoever may edit, except guests; delete:
 *   its creator and the managers (a creator who is not a manager only while it is empty —
 *   enforced by the service, which knows the contents).
 */

/** Where the viewer stands in a library: the space, as spaces.policy sees it. */
export type Library = Space;

/** The facts about one file that the rules read, as they stand for one viewer. */
export interface FileFacts {
  library: Library;
  uploaderId: string;
  /** Null when the file is not attached to a post; else whether the viewer may read that post. */
  postReadable: boolean | null;
  /** The strongest share reaching the viewer (on the file or a folder above it), or null. */
  grant: FilePermission | null;
  /** The viewer came through a valid link. */
  viaLink?: boolean;
}

/** The facts about one folder that the rules read, as they stand for one viewer. */
export interface FolderFacts {
  library: Library;
  creatorId: string;
  /** The strongest share reaching the viewer on the folder or a folder above it, or null. */
  grant: FilePermission | null;
}

const isActive = (actor: Actor | null): actor is Actor => actor !== null && actor.status === 'active';
const isGuest = (actor: Actor) => actor.role === 'guest';

/** Reading a library's root. */
export function canReadLibrary(actor: Actor | null, library: Library): boolean {
  if (!isActive(actor)) return false;
  switch (library.type) {
    case 'company':
      return !isGuest(actor);
    case 'group':
      return canReadSpace(actor, library);
    case 'profile':
      return !isGuest(actor) && actor.id === library.ownerId;
  }
}

/** Adding files and folders at a library's root. */
export function canAddToLibrary(actor: Actor | null, library: Library): boolean {
  if (!canReadLibrary(actor, library)) return false;
  switch (library.type) {
    case 'company':
      return isPlatformModerator(actor);
    case 'group':
      return canWriteSpace(actor, library);
    case 'profile':
      return actor!.id === library.ownerId;
  }
}

/** Managing a library: editing and deleting anything in it. */
export function canManageLibrary(actor: Actor | null, library: Library): boolean {
  if (!canReadLibrary(actor, library)) return false;
  switch (library.type) {
    case 'company':
      return isPlatformModerator(actor);
    case 'group':
      return (
        library.viewerRole === 'admin' || library.viewerRole === 'moderator' || isPlatformModerator(actor)
      );
    case 'profile':
      return actor!.id === library.ownerId;
  }
}

/** A share only counts for a signed-in active person. */
function grantOf(actor: Actor | null, grant: FilePermission | null): FilePermission | null {
  return isActive(actor) ? grant : null;
}

export function canReadFile(actor: Actor | null, file: FileFacts): boolean {
  if (!isActive(actor)) return false;
  const bySpace = file.postReadable === null ? canReadLibrary(actor, file.library) : file.postReadable;
  return bySpace || grantOf(actor, file.grant) !== null || file.viaLink === true;
}

/** Reading other than through a link: what commenting needs. */
function canReadFileItself(actor: Actor | null, file: FileFacts): boolean {
  return canReadFile(actor, { ...file, viaLink: false });
}

export function canEditFile(actor: Actor | null, file: FileFacts): boolean {
  if (!canReadFileItself(actor, file)) return false;
  return (
    actor!.id === file.uploaderId ||
    canManageLibrary(actor, file.library) ||
    grantOf(actor, file.grant) === 'edit'
  );
}

export function canShareFile(actor: Actor | null, file: FileFacts): boolean {
  return canEditFile(actor, file) && !isGuest(actor!);
}

export function canDeleteFile(actor: Actor | null, file: FileFacts): boolean {
  if (!canReadFileItself(actor, file)) return false;
  return actor!.id === file.uploaderId || canManageLibrary(actor, file.library);
}

export function canCommentOnFile(actor: Actor | null, file: FileFacts): boolean {
  return canReadFileItself(actor, file);
}

export function canDeleteFileComment(actor: Actor | null, file: FileFacts, authorId: string): boolean {
  if (!canReadFileItself(actor, file)) return false;
  return actor!.id === authorId || canManageLibrary(actor, file.library);
}

export function fileAbilities(actor: Actor | null, file: FileFacts): FileAbilities {
  return {
    read: canReadFile(actor, file),
    edit: canEditFile(actor, file),
    share: canShareFile(actor, file),
    delete: canDeleteFile(actor, file),
    comment: canCommentOnFile(actor, file),
  };
}

export function canReadFolder(actor: Actor | null, folder: FolderFacts): boolean {
  if (!isActive(actor)) return false;
  return canReadLibrary(actor, folder.library) || grantOf(actor, folder.grant) !== null;
}

/** Uploading files and creating folders inside the folder. */
export function canAddToFolder(actor: Actor | null, folder: FolderFacts): boolean {
  if (!canReadFolder(actor, folder)) return false;
  return canAddToLibrary(actor, folder.library) || grantOf(actor, folder.grant) === 'edit';
}

/** Renaming and moving the folder. */
export function canEditFolder(actor: Actor | null, folder: FolderFacts): boolean {
  if (!canReadFolder(actor, folder)) return false;
  return (
    actor!.id === folder.creatorId ||
    canManageLibrary(actor, folder.library) ||
    grantOf(actor, folder.grant) === 'edit'
  );
}

export function canShareFolder(actor: Actor | null, folder: FolderFacts): boolean {
  return canEditFolder(actor, folder) && !isGuest(actor!);
}

/** Deleting the folder; a creator who is not a manager only while it is empty (service). */
export function canDeleteFolder(actor: Actor | null, folder: FolderFacts): boolean {
  if (!canReadFolder(actor, folder)) return false;
  return actor!.id === folder.creatorId || canManageLibrary(actor, folder.library);
}

export function folderAbilities(actor: Actor | null, folder: FolderFacts): FolderAbilities {
  return {
    read: canReadFolder(actor, folder),
    add: canAddToFolder(actor, folder),
    edit: canEditFolder(actor, folder),
    share: canShareFolder(actor, folder),
    delete: canDeleteFolder(actor, folder),
  };
}

export function libraryAbilities(actor: Actor | null, library: Library): LibraryAbilities {
  return { read: canReadLibrary(actor, library), add: canAddToLibrary(actor, library) };
}

/** Removing a share or revoking a link: whoever may share the object now. */
export function canManageShares(actor: Actor | null, target: { file: FileFacts } | { folder: FolderFacts }) {
  return 'file' in target ? canShareFile(actor, target.file) : canShareFolder(actor, target.folder);
}
