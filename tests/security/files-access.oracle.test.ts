import { describe, expect, it } from 'vitest';
import {
  type Action,
  abilities,
  actions,
  browsesParent,
  canDelete,
  canEdit,
  canRead,
  canShare,
  commentAuthorOf,
  expected,
  expectedThroughLink,
  managesLibrary,
  readsLibrary,
  sharedWithThem,
} from './files-access.oracle.js';
import { type Caller, callers, type FileKey, fileKeys } from './files-access.plan.js';

/**
 * The oracle of files-access.test.ts checked against the sentences of the brief, one by one, so
 * that a slip in the oracle shows here rather than as a "disagreement" with the API.
 */

const readersOf = (file: FileKey) => callers.filter((c) => canRead(c, file));
const editorsOf = (file: FileKey) => callers.filter((c) => canEdit(c, file));

describe('the files oracle', () => {
  it('refuses the deactivated admin and the anonymous caller everything, with 401', () => {
    for (const file of fileKeys) {
      for (const action of actions) {
        expect(expected('deactivated', file, action)).toBe(401);
        expect(expected('anonymous', file, action)).toBe(401);
      }
    }
    expect(expectedThroughLink('deactivated', 'valid')).toBe(401);
    expect(expectedThroughLink('anonymous', 'valid')).toBe(401);
  });

  it('lets every employee, and no guest, read the company library', () => {
    expect(readersOf('companyRoot')).toEqual([
      'admin',
      'moderator',
      'groupAdmin',
      'groupModerator',
      'member',
      'uploader',
      'nonMember',
      'deptMember',
      'subDeptMember',
    ]);
  });

  it('reads group libraries as posts: open to employees, closed to platform staff, secret to members only', () => {
    const members: Caller[] = ['groupAdmin', 'groupModerator', 'member', 'guestMember', 'uploader'];
    expect(readersOf('secretRoot')).toEqual(members);
    expect(readersOf('closedRoot')).toEqual(['admin', 'moderator', ...members]);
    expect(readersOf('openRoot').sort()).toEqual(
      [...members, 'admin', 'moderator', 'nonMember', 'deptMember', 'subDeptMember'].sort(),
    );
  });

  it('keeps a personal library to its owner, and to those a share reaches', () => {
    expect(readersOf('memberOwn')).toEqual(['member']);
    expect(readersOf('uploaderGuestShared')).toEqual(['guestMember', 'uploader']);
    // The top folder is shared to the open group: its members, the guest member included.
    expect(readersOf('uploaderDeep')).toEqual([
      'groupAdmin',
      'groupModerator',
      'member',
      'guestMember',
      'uploader',
    ]);
    expect(readsLibrary('admin', { type: 'profile', owner: 'member' })).toBe(false);
  });

  it('extends a department share to its sub-departments, and a folder share to what is below it', () => {
    expect(canRead('deptMember', 'secretDeep')).toBe(true);
    expect(canRead('subDeptMember', 'secretDeep')).toBe(true);
    expect(canRead('member', 'secretDeep')).toBe(true);
    expect(canRead('nonMember', 'secretDeep')).toBe(false);
    expect(canRead('nonMember', 'closedDeep')).toBe(true);
    expect(canEdit('subDeptMember', 'companyDeptEdit')).toBe(true);
  });

  it('lets the uploader, the managers and edit-share holders edit; nobody else', () => {
    expect(editorsOf('closedRoot')).toEqual([
      'admin',
      'moderator',
      'groupAdmin',
      'groupModerator',
      'uploader',
    ]);
    // Platform staff do not manage a secret group they are not in.
    expect(editorsOf('secretRoot')).toEqual(['groupAdmin', 'groupModerator', 'uploader']);
    expect(editorsOf('secretPersonEdit')).toEqual(['groupAdmin', 'groupModerator', 'uploader', 'nonMember']);
    expect(editorsOf('companyRoot')).toEqual(['admin', 'moderator']);
    expect(editorsOf('companyDeep')).toEqual(['admin', 'moderator', 'nonMember']);
    expect(editorsOf('closedByGuest')).toEqual([
      'admin',
      'moderator',
      'groupAdmin',
      'groupModerator',
      'guestMember',
    ]);
    expect(editorsOf('memberOwn')).toEqual(['member']);
  });

  it('never lets a guest share, even their own upload or a file shared to them for editing', () => {
    expect(canEdit('guestMember', 'closedByGuest')).toBe(true);
    expect(canShare('guestMember', 'closedByGuest')).toBe(false);
    expect(canEdit('guestMember', 'uploaderGuestShared')).toBe(true);
    expect(canShare('guestMember', 'uploaderGuestShared')).toBe(false);
    expect(expected('guestMember', 'uploaderGuestShared', 'link')).toBe(403);
    expect(expected('guestMember', 'uploaderGuestShared', 'rename')).toBe('allow');
  });

  it('leaves deleting to the uploader and the managers: an edit share does not delete', () => {
    expect(canDelete('nonMember', 'secretPersonEdit')).toBe(false);
    expect(expected('nonMember', 'secretPersonEdit', 'delete')).toBe(403);
    expect(canDelete('uploader', 'secretRoot')).toBe(true);
    expect(canDelete('guestMember', 'closedByGuest')).toBe(true);
    expect(canDelete('deptMember', 'companyDeptEdit')).toBe(false);
  });

  it('answers 404 to whoever may not read, 403 to whoever may read but not act', () => {
    expect(expected('guest', 'secretRoot', 'rename')).toBe(404);
    expect(expected('admin', 'secretRoot', 'read')).toBe(404);
    expect(expected('member', 'secretRoot', 'rename')).toBe(403);
    expect(expected('member', 'secretRoot', 'comment')).toBe('allow');
    expect(expected('member', 'secretRoot', 'deleteComment')).toBe('allow');
    expect(commentAuthorOf('secretRoot')).toBe('member');
    expect(expected('guestMember', 'secretRoot', 'deleteComment')).toBe(403);
    expect(expected('groupModerator', 'secretRoot', 'deleteComment')).toBe('allow');
  });

  it('lists a file only where its reader may browse, and in "Shared with me" only for a share on it', () => {
    // A share on the file itself does not open the secret library's root.
    expect(expected('nonMember', 'secretPersonEdit', 'read')).toBe('allow');
    expect(expected('nonMember', 'secretPersonEdit', 'list')).toBe('absent');
    expect(expected('nonMember', 'secretPersonEdit', 'sharedWithMe')).toBe('allow');
    // A share on a folder above opens that folder and those below it.
    expect(browsesParent('deptMember', 'secretDeep')).toBe(true);
    expect(expected('deptMember', 'secretDeep', 'sharedWithMe')).toBe('absent');
    expect(sharedWithThem('subDeptMember', 'companyDeptEdit')).toBe(true);
    expect(expected('guest', 'companyRoot', 'list')).toBe('absent');
  });

  it('opens a valid link to every active person, guests included, and no expired or revoked one', () => {
    expect(expectedThroughLink('guest', 'valid')).toBe('allow');
    expect(expectedThroughLink('guest', 'expired')).toBe(410);
    expect(expectedThroughLink('admin', 'revoked')).toBe(410);
  });

  it('computes abilities consistently with the actions', () => {
    for (const who of callers) {
      for (const file of fileKeys) {
        const a = abilities(who, file);
        expect(a.share && !a.edit).toBe(false);
        expect(a.edit && !a.read).toBe(false);
        expect(a.delete && !a.read).toBe(false);
        expect(managesLibrary(who, { type: 'company' }) && !a.read && file.startsWith('company')).toBe(false);
      }
    }
  });

  it('has both allowed and refused cells for every action (the matrix is not trivially one-sided)', () => {
    for (const action of actions as readonly Action[]) {
      const answers = new Set(callers.flatMap((who) => fileKeys.map((file) => expected(who, file, action))));
      expect(
        [...answers].some((a) => a === 'allow'),
        action,
      ).toBe(true);
      expect(
        [...answers].some((a) => a !== 'allow'),
        action,
      ).toBe(true);
    }
  });
});
