/**
 * The world of the files authorisation matrix (issue 4), as plain data: who the people are, which
 * groups and departments they belong to, which libraries, folders, files, shares and links exist.
 *
 * Two readers use this one description and nothing else: files-access.world.ts builds it through
 * the HTTP API, and files-access.oracle.ts derives from it, with the rules of the brief ("Who may
 * do what with a file"), what each person may do with each file. Neither reads the feature's
 * policy code.
 */

/** The people of the matrix, each a column of every row. */
export const callers = [
  'admin',
  'moderator',
  'groupAdmin',
  'groupModerator',
  'member',
  'guestMember',
  'uploader',
  'nonMember',
  'deptMember',
  'subDeptMember',
  'guest',
  'deactivated',
  'anonymous',
] as const;
export type Caller = (typeof callers)[number];

/** Everyone in the world: the callers, and HR, who runs the company library but is no caller. */
export type Actor = Caller | 'hr';

export type PlatformRole = 'admin' | 'moderator' | 'employee' | 'guest';
export type GroupKey = 'open' | 'closed' | 'secret' | 'partners';
export type GroupRole = 'admin' | 'moderator' | 'member';
export type DepartmentKey = 'design' | 'designUx' | 'ops';

export interface PersonPlan {
  /** How test names call them: "a platform admin may …". */
  label: string;
  /** null for the anonymous caller. */
  role: PlatformRole | null;
  active: boolean;
  groups: Partial<Record<GroupKey, GroupRole>>;
  department: DepartmentKey | null;
}

const worldGroups = (role: GroupRole): Partial<Record<GroupKey, GroupRole>> => ({
  open: role,
  closed: role,
  secret: role,
});

export const personPlans: Record<Actor, PersonPlan> = {
  admin: { label: 'a platform admin', role: 'admin', active: true, groups: {}, department: null },
  moderator: { label: 'a platform moderator', role: 'moderator', active: true, groups: {}, department: null },
  groupAdmin: {
    label: 'a group admin',
    role: 'employee',
    active: true,
    groups: worldGroups('admin'),
    department: null,
  },
  groupModerator: {
    label: 'a group moderator',
    role: 'employee',
    active: true,
    groups: worldGroups('moderator'),
    department: null,
  },
  member: {
    label: 'a group member',
    role: 'employee',
    active: true,
    groups: worldGroups('member'),
    department: 'ops',
  },
  guestMember: {
    label: 'a guest in the groups',
    role: 'guest',
    active: true,
    groups: worldGroups('member'),
    department: null,
  },
  uploader: {
    label: 'the uploader (a group member)',
    role: 'employee',
    active: true,
    groups: worldGroups('member'),
    department: null,
  },
  nonMember: {
    label: 'an employee in no world group',
    role: 'employee',
    active: true,
    groups: { partners: 'member' },
    department: null,
  },
  deptMember: {
    label: 'an employee of Design',
    role: 'employee',
    active: true,
    groups: {},
    department: 'design',
  },
  subDeptMember: {
    label: 'an employee of Design/UX',
    role: 'employee',
    active: true,
    groups: {},
    department: 'designUx',
  },
  guest: { label: 'an unrelated guest', role: 'guest', active: true, groups: {}, department: null },
  // The strongest standing there is, deactivated (with a live session): platform admin, admin of
  // every group, in the shared department.
  deactivated: {
    label: 'a deactivated admin',
    role: 'admin',
    active: false,
    groups: { ...worldGroups('admin'), partners: 'admin' },
    department: 'design',
  },
  anonymous: { label: 'an anonymous caller', role: null, active: false, groups: {}, department: null },
  hr: { label: 'HR', role: 'moderator', active: true, groups: { partners: 'admin' }, department: null },
};

export const groupPlans: Record<GroupKey, { name: string; visibility: 'open' | 'closed' | 'secret' }> = {
  open: { name: 'Open Square', visibility: 'open' },
  closed: { name: 'Closed Circle', visibility: 'closed' },
  secret: { name: 'Skunkworks', visibility: 'secret' },
  // No library of its own in the matrix: a group files are shared to.
  partners: { name: 'Partners', visibility: 'closed' },
};

export const departmentPlans: Record<DepartmentKey, { name: string; parent: DepartmentKey | null }> = {
  design: { name: 'Design', parent: null },
  designUx: { name: 'UX', parent: 'design' },
  ops: { name: 'Operations', parent: null },
};

export type Library =
  | { type: 'company' }
  | { type: 'group'; group: GroupKey }
  | { type: 'profile'; owner: Actor };

export type Grantee = { user: Actor } | { group: GroupKey } | { department: DepartmentKey };
export interface SharePlan {
  to: Grantee;
  permission: 'read' | 'edit';
}

export const folderKeys = ['cA', 'cB', 'kA', 'kB', 'sA', 'sB', 'pA', 'pB'] as const;
export type FolderKey = (typeof folderKeys)[number];

export interface FolderPlan {
  library: Library;
  parent: FolderKey | null;
  name: string;
  shares: SharePlan[];
}

const company: Library = { type: 'company' };
const inGroup = (group: GroupKey): Library => ({ type: 'group', group });
const profileOf = (owner: Actor): Library => ({ type: 'profile', owner });

/** Folders two deep in the company, closed, secret and uploader's libraries. */
export const folderPlans: Record<FolderKey, FolderPlan> = {
  cA: {
    library: company,
    parent: null,
    name: 'Policies',
    shares: [{ to: { user: 'nonMember' }, permission: 'edit' }],
  },
  cB: { library: company, parent: 'cA', name: 'Travel', shares: [] },
  kA: {
    library: inGroup('closed'),
    parent: null,
    name: 'Contracts',
    shares: [{ to: { group: 'partners' }, permission: 'read' }],
  },
  kB: { library: inGroup('closed'), parent: 'kA', name: 'Signed', shares: [] },
  sA: {
    library: inGroup('secret'),
    parent: null,
    name: 'Prototypes',
    shares: [{ to: { department: 'design' }, permission: 'read' }],
  },
  sB: { library: inGroup('secret'), parent: 'sA', name: 'Mockups', shares: [] },
  pA: {
    library: profileOf('uploader'),
    parent: null,
    name: 'Talks',
    shares: [{ to: { group: 'open' }, permission: 'read' }],
  },
  pB: { library: profileOf('uploader'), parent: 'pA', name: 'Slides', shares: [] },
};

export const fileKeys = [
  'companyRoot',
  'companyDeep',
  'companyDeptEdit',
  'openRoot',
  'closedRoot',
  'closedDeep',
  'closedByGuest',
  'secretRoot',
  'secretDeep',
  'secretPersonEdit',
  'memberOwn',
  'uploaderGuestShared',
  'uploaderDeep',
] as const;
export type FileKey = (typeof fileKeys)[number];

export interface FilePlan {
  /** How test names call it: "… may download the company file at the root". */
  label: string;
  library: Library;
  folder: FolderKey | null;
  uploader: Actor;
  shares: SharePlan[];
}

export const filePlans: Record<FileKey, FilePlan> = {
  companyRoot: {
    label: 'a company file at the root',
    library: company,
    folder: null,
    uploader: 'hr',
    shares: [],
  },
  companyDeep: {
    label: 'a company file two folders deep (the top folder shared to an employee, edit)',
    library: company,
    folder: 'cB',
    uploader: 'hr',
    shares: [],
  },
  companyDeptEdit: {
    label: 'a company file shared to Design (edit)',
    library: company,
    folder: null,
    uploader: 'hr',
    shares: [{ to: { department: 'design' }, permission: 'edit' }],
  },
  openRoot: {
    label: 'an open-group file shared to Partners (edit)',
    library: inGroup('open'),
    folder: null,
    uploader: 'uploader',
    shares: [{ to: { group: 'partners' }, permission: 'edit' }],
  },
  closedRoot: {
    label: 'a closed-group file',
    library: inGroup('closed'),
    folder: null,
    uploader: 'uploader',
    shares: [],
  },
  closedDeep: {
    label: 'a closed-group file two folders deep (the top folder shared to Partners, read)',
    library: inGroup('closed'),
    folder: 'kB',
    uploader: 'uploader',
    shares: [],
  },
  closedByGuest: {
    label: 'a closed-group file uploaded by the guest member',
    library: inGroup('closed'),
    folder: null,
    uploader: 'guestMember',
    shares: [],
  },
  secretRoot: {
    label: 'a secret-group file',
    library: inGroup('secret'),
    folder: null,
    uploader: 'uploader',
    shares: [],
  },
  secretDeep: {
    label: 'a secret-group file two folders deep (the top folder shared to Design, read)',
    library: inGroup('secret'),
    folder: 'sB',
    uploader: 'uploader',
    shares: [],
  },
  secretPersonEdit: {
    label: 'a secret-group file shared to an outside employee (edit)',
    library: inGroup('secret'),
    folder: null,
    uploader: 'uploader',
    shares: [{ to: { user: 'nonMember' }, permission: 'edit' }],
  },
  memberOwn: {
    label: "a file in the member's own library",
    library: profileOf('member'),
    folder: null,
    uploader: 'member',
    shares: [],
  },
  uploaderGuestShared: {
    label: "a file in the uploader's library shared to the guest member (edit)",
    library: profileOf('uploader'),
    folder: null,
    uploader: 'uploader',
    shares: [{ to: { user: 'guestMember' }, permission: 'edit' }],
  },
  uploaderDeep: {
    label: "a file two folders deep in the uploader's library (the top folder shared to the open group)",
    library: profileOf('uploader'),
    folder: 'pB',
    uploader: 'uploader',
    shares: [],
  },
};

export const linkKeys = ['valid', 'expired', 'revoked'] as const;
export type LinkKey = (typeof linkKeys)[number];

/** Links to the secret-group file, made by its group admin. */
export const linkPlans: Record<LinkKey, { file: FileKey; by: Actor; label: string }> = {
  valid: { file: 'secretRoot', by: 'groupAdmin', label: 'a valid link to the secret-group file' },
  expired: { file: 'secretRoot', by: 'groupAdmin', label: 'an expired link to the secret-group file' },
  revoked: { file: 'secretRoot', by: 'groupAdmin', label: 'a revoked link to the secret-group file' },
};

/** The folders from the library's root down to `folder` (itself included); [] at the root. */
export function folderChain(folder: FolderKey | null): FolderKey[] {
  const chain: FolderKey[] = [];
  for (let at = folder; at !== null; at = folderPlans[at].parent) chain.unshift(at);
  return chain;
}

/** Who creates a library's folders and shares in the world: a manager of the library. */
export function managerOf(library: Library): Actor {
  if (library.type === 'company') return 'hr';
  if (library.type === 'group') return 'groupAdmin';
  return library.owner;
}
