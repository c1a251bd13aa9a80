import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/context.js';
import { canManageDepartments, canViewDepartments } from '../departments/departments.policy.js';
import { canImportUsers } from '../imports/imports.policy.js';
import { canSeedDemo } from '../seed/seed.policy.js';
import {
  canChangeUserRole,
  canDeactivateUser,
  canEditUser,
  canFollowUser,
  canManageUsers,
  canReactivateUser,
  canViewDirectory,
  canViewUser,
  type UserTarget,
} from './users.policy.js';

type Who = 'admin' | 'moderator' | 'employee' | 'guest' | 'deactivated' | 'anonymous';

const actors: Record<Who, Actor | null> = {
  admin: { id: 'admin', role: 'admin', status: 'active', departmentId: null },
  moderator: { id: 'moderator', role: 'moderator', status: 'active', departmentId: null },
  employee: { id: 'employee', role: 'employee', status: 'active', departmentId: null },
  guest: { id: 'guest', role: 'guest', status: 'active', departmentId: null },
  // An admin's account that was deactivated keeps no power at all.
  deactivated: { id: 'deactivated', role: 'admin', status: 'deactivated', departmentId: null },
  anonymous: null,
};

const other: UserTarget = { id: 'someone-else', status: 'active' };
const gone: UserTarget = { id: 'someone-gone', status: 'deactivated' };
const self = (who: Who): UserTarget => ({ id: actors[who]?.id ?? 'nobody', status: 'active' });

/** Each row: rule, then whether admin, moderator, employee, guest, deactivated, anonymous may. */
const table: [string, (who: Who) => boolean, [boolean, boolean, boolean, boolean, boolean, boolean]][] = [
  ['view the directory', (w) => canViewDirectory(actors[w]), [true, true, true, false, false, false]],
  ['view departments', (w) => canViewDepartments(actors[w]), [true, true, true, false, false, false]],
  ['view another profile', (w) => canViewUser(actors[w], other.id), [true, true, true, false, false, false]],
  ['view own profile', (w) => canViewUser(actors[w], self(w).id), [true, true, true, true, false, false]],
  ['edit own profile', (w) => canEditUser(actors[w], self(w)), [true, true, true, true, false, false]],
  ['edit another profile', (w) => canEditUser(actors[w], other), [true, false, false, false, false, false]],
  ['manage people', (w) => canManageUsers(actors[w]), [true, false, false, false, false, false]],
  ['manage departments', (w) => canManageDepartments(actors[w]), [true, false, false, false, false, false]],
  ['import people', (w) => canImportUsers(actors[w]), [true, false, false, false, false, false]],
  ['seed the demo', (w) => canSeedDemo(actors[w]), [true, false, false, false, false, false]],
  [
    'deactivate another',
    (w) => canDeactivateUser(actors[w], other),
    [true, false, false, false, false, false],
  ],
  [
    'deactivate oneself',
    (w) => canDeactivateUser(actors[w], self(w)),
    [false, false, false, false, false, false],
  ],
  [
    'reactivate a deactivated person',
    (w) => canReactivateUser(actors[w], gone),
    [true, false, false, false, false, false],
  ],
  [
    'reactivate an active person',
    (w) => canReactivateUser(actors[w], other),
    [false, false, false, false, false, false],
  ],
  [
    'change another’s role',
    (w) => canChangeUserRole(actors[w], other),
    [true, false, false, false, false, false],
  ],
  [
    'change one’s own role',
    (w) => canChangeUserRole(actors[w], self(w)),
    [false, false, false, false, false, false],
  ],
  ['follow another', (w) => canFollowUser(actors[w], other), [true, true, true, false, false, false]],
  ['follow oneself', (w) => canFollowUser(actors[w], self(w)), [false, false, false, false, false, false]],
  [
    'follow a deactivated person',
    (w) => canFollowUser(actors[w], gone),
    [false, false, false, false, false, false],
  ],
];

const whos: Who[] = ['admin', 'moderator', 'employee', 'guest', 'deactivated', 'anonymous'];
const cases = table.flatMap(([rule, check, expected]) =>
  whos.map((who, i) => ({ rule, who, check, allowed: expected[i]! })),
);

describe('people policies', () => {
  it.each(cases)('$who: $rule → $allowed', ({ who, check, allowed }) => {
    expect(check(who)).toBe(allowed);
  });

  it('lets a deactivated profile be edited by admins only', () => {
    expect(canEditUser(actors.admin, gone)).toBe(true);
    expect(canEditUser({ ...actors.employee!, id: gone.id }, gone)).toBe(false);
  });
});
