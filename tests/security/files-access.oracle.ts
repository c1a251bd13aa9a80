import {
  type Actor,
  type DepartmentKey,
  departmentPlans,
  type FileKey,
  type FolderKey,
  filePlans,
  folderChain,
  folderPlans,
  type Grantee,
  groupPlans,
  type Library,
  personPlans,
  type SharePlan,
} from './files-access.plan.js';

/**
 * The independent oracle of the files matrix: what a person may do with a file of the world in
 * files-access.plan.ts, derived only from the rules of the brief ("Who may do what with a file"),
 * never from the feature's policy. Where the API disagrees, the oracle keeps the rule and the
 * route is the bug.
 *
 * - Nobody inactive or anonymous (401).
 * - read: company library — employees; group library — members, every employee for an open
 *   group, platform admins and moderators for a closed one, members only for a secret one;
 *   profile library — its owner; plus a share on the file or a folder above it to the person,
 *   a group they are in, or their department or one above it.
 * - edit: the uploader, the library's managers (company: platform admins and moderators; group:
 *   its admins and moderators, and platform admins and moderators who may read it; profile: the
 *   owner), holders of an edit share. share: whoever may edit, except guests. delete: the
 *   uploader and the managers. comment: whoever may read; deleting a comment: its author and
 *   the managers.
 * - Refusals: 404 to whoever may not read the file, 403 to whoever may read it but not do this.
 */

export type Person = Actor;

export const actions = [
  'read',
  'abilities',
  'download',
  'preview',
  'versions',
  'comments',
  'list',
  'sharedWithMe',
  'rename',
  'newVersion',
  'restore',
  'share',
  'link',
  'seeShares',
  'seeLinks',
  'delete',
  'comment',
  'deleteComment',
] as const;
export type Action = (typeof actions)[number];

/**
 * `allow`: 2xx (for a list: with the file in it); `absent`: a list without the file (or 404 for
 * a library or folder the person may not browse); a status: refused with it.
 */
export type Expect = 'allow' | 'absent' | 401 | 403 | 404 | 410;

export interface Abilities {
  read: boolean;
  edit: boolean;
  share: boolean;
  delete: boolean;
  comment: boolean;
}

const plan = (who: Person) => personPlans[who];
const isActive = (who: Person) => plan(who).active && plan(who).role !== null;
export const isGuest = (who: Person) => isActive(who) && plan(who).role === 'guest';
const isEmployee = (who: Person) => isActive(who) && !isGuest(who);
const isPlatformStaff = (who: Person) =>
  isActive(who) && (plan(who).role === 'admin' || plan(who).role === 'moderator');

/** The person's department and every department above it. */
function departmentsOf(who: Person): DepartmentKey[] {
  const chain: DepartmentKey[] = [];
  for (let at = plan(who).department; at !== null; at = departmentPlans[at].parent) chain.push(at);
  return chain;
}

function reaches(grantee: Grantee, who: Person): boolean {
  if (!isActive(who)) return false;
  if ('user' in grantee) return grantee.user === who;
  if ('group' in grantee) return plan(who).groups[grantee.group] !== undefined;
  return departmentsOf(who).includes(grantee.department);
}

/** Shares on the folder or a folder above it that reach the person. */
function folderSharesFor(who: Person, folder: FolderKey | null): SharePlan[] {
  return folderChain(folder).flatMap((key) => folderPlans[key].shares.filter((s) => reaches(s.to, who)));
}

/** Shares on the file or on a folder above it that reach the person. */
function sharesFor(who: Person, file: FileKey): SharePlan[] {
  const f = filePlans[file];
  return [...f.shares.filter((s) => reaches(s.to, who)), ...folderSharesFor(who, f.folder)];
}

/** Whether the person reads the library as such (its root and everything in it). */
export function readsLibrary(who: Person, library: Library): boolean {
  if (!isActive(who)) return false;
  switch (library.type) {
    case 'company':
      return isEmployee(who);
    case 'profile':
      return library.owner === who;
    case 'group': {
      if (plan(who).groups[library.group] !== undefined) return true;
      if (!isEmployee(who)) return false;
      const visibility = groupPlans[library.group].visibility;
      return visibility === 'open' || (visibility === 'closed' && isPlatformStaff(who));
    }
  }
}

/** The library's managers: they edit, share and delete everything in it. */
export function managesLibrary(who: Person, library: Library): boolean {
  if (!readsLibrary(who, library)) return false;
  switch (library.type) {
    case 'company':
      return isPlatformStaff(who);
    case 'profile':
      return library.owner === who;
    case 'group': {
      const role = plan(who).groups[library.group];
      return role === 'admin' || role === 'moderator' || isPlatformStaff(who);
    }
  }
}

export function canRead(who: Person, file: FileKey): boolean {
  return readsLibrary(who, filePlans[file].library) || sharesFor(who, file).length > 0;
}

export function canEdit(who: Person, file: FileKey): boolean {
  const f = filePlans[file];
  if (!canRead(who, file)) return false;
  return (
    f.uploader === who ||
    managesLibrary(who, f.library) ||
    sharesFor(who, file).some((s) => s.permission === 'edit')
  );
}

export function canShare(who: Person, file: FileKey): boolean {
  return canEdit(who, file) && !isGuest(who);
}

export function canDelete(who: Person, file: FileKey): boolean {
  const f = filePlans[file];
  return canRead(who, file) && (f.uploader === who || managesLibrary(who, f.library));
}

/** Who writes the comment a "delete a comment" cell tries to delete: the member if they may read. */
export function commentAuthorOf(file: FileKey): Person {
  return canRead('member', file) ? 'member' : filePlans[file].uploader;
}

export function canDeleteComment(who: Person, file: FileKey): boolean {
  return (
    canRead(who, file) && (commentAuthorOf(file) === who || managesLibrary(who, filePlans[file].library))
  );
}

/** Whether the person may browse the folder the file is in (or the library's root). */
export function browsesParent(who: Person, file: FileKey): boolean {
  const f = filePlans[file];
  return readsLibrary(who, f.library) || folderSharesFor(who, f.folder).length > 0;
}

/** Whether the file is in the person's "Shared with me": a share on the file itself reaches them. */
export function sharedWithThem(who: Person, file: FileKey): boolean {
  return filePlans[file].shares.some((s) => reaches(s.to, who));
}

/** The `abilities` a file view must carry for the person. */
export function abilities(who: Person, file: FileKey): Abilities {
  return {
    read: canRead(who, file),
    edit: canEdit(who, file),
    share: canShare(who, file),
    delete: canDelete(who, file),
    comment: canRead(who, file),
  };
}

/** The answer a cell expects: who may do what with which file. */
export function expected(who: Person, file: FileKey, action: Action): Expect {
  if (!isActive(who)) return 401;
  const readable = canRead(who, file);
  if (action === 'list') return readable && browsesParent(who, file) ? 'allow' : 'absent';
  if (action === 'sharedWithMe') return sharedWithThem(who, file) ? 'allow' : 'absent';
  if (!readable) return 404;
  const allowed: Record<Action, boolean> = {
    read: true,
    abilities: true,
    download: true,
    preview: true,
    versions: true,
    comments: true,
    list: true,
    sharedWithMe: true,
    rename: canEdit(who, file),
    newVersion: canEdit(who, file),
    restore: canEdit(who, file),
    share: canShare(who, file),
    link: canShare(who, file),
    seeShares: canShare(who, file),
    seeLinks: canShare(who, file),
    delete: canDelete(who, file),
    comment: true,
    deleteComment: canDeleteComment(who, file),
  };
  return allowed[action] ? 'allow' : 403;
}

/**
 * A link opens its file (view and bytes) for every signed-in active person, guests included,
 * whatever they may read otherwise; an expired or revoked one for nobody (410 FILE_LINK_EXPIRED,
 * to whoever holds its token).
 */
export function expectedThroughLink(who: Person, state: 'valid' | 'expired' | 'revoked'): Expect {
  if (!isActive(who)) return 401;
  return state === 'valid' ? 'allow' : 410;
}
