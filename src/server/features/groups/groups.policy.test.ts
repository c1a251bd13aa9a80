import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/context.js';
import type { GroupRole, GroupVisibility } from '../../platform/db/schema.js';
import {
  canAddDirectly,
  canHoldGroupRole,
  canLeaveGroup,
  canSeeGroup,
  type GroupStanding,
  groupAbilities,
  memberAbilities,
} from './groups.policy.js';

/**
 * The rules of groups.policy.ts as a table: every kind of viewer × every visibility, for knowing
 * of the group, reading it, joining, posting and managing it.
 */

type Who =
  | 'platform admin'
  | 'platform moderator'
  | 'group admin'
  | 'group moderator'
  | 'member'
  | 'non-member employee'
  | 'guest member'
  | 'guest non-member'
  | 'deactivated member'
  | 'anonymous';

const person = (id: string, role: Actor['role'], status: Actor['status'] = 'active'): Actor => ({
  id,
  role,
  status,
  departmentId: null,
});

const viewers: Record<Who, { actor: Actor | null; role: GroupRole | null }> = {
  'platform admin': { actor: person('pa', 'admin'), role: null },
  'platform moderator': { actor: person('pm', 'moderator'), role: null },
  'group admin': { actor: person('ga', 'employee'), role: 'admin' },
  'group moderator': { actor: person('gm', 'employee'), role: 'moderator' },
  member: { actor: person('m', 'employee'), role: 'member' },
  'non-member employee': { actor: person('e', 'employee'), role: null },
  'guest member': { actor: person('gu', 'guest'), role: 'member' },
  'guest non-member': { actor: person('gx', 'guest'), role: null },
  'deactivated member': { actor: person('d', 'employee', 'deactivated'), role: 'member' },
  anonymous: { actor: null, role: null },
};

function standing(who: Who, visibility: GroupVisibility, extra: Partial<GroupStanding> = {}): GroupStanding {
  return {
    visibility,
    viewerRole: viewers[who].role,
    viaDepartment: false,
    requested: false,
    invited: false,
    ...extra,
  };
}

/** [see, read, join, requestToJoin, post, manage, moderate, invite] for open, closed, secret. */
type Row = [boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean];
const T = true;
const F = false;
const table: Record<Who, Record<GroupVisibility, Row>> = {
  'platform admin': {
    open: [T, T, T, F, F, T, T, T],
    closed: [T, T, F, T, F, T, T, T],
    secret: [F, F, F, F, F, F, F, F],
  },
  'platform moderator': {
    open: [T, T, T, F, F, F, T, F],
    closed: [T, T, F, T, F, F, T, F],
    secret: [F, F, F, F, F, F, F, F],
  },
  'group admin': {
    open: [T, T, F, F, T, T, T, T],
    closed: [T, T, F, F, T, T, T, T],
    secret: [T, T, F, F, T, T, T, T],
  },
  'group moderator': {
    open: [T, T, F, F, T, F, T, T],
    closed: [T, T, F, F, T, F, T, T],
    secret: [T, T, F, F, T, F, T, T],
  },
  member: {
    open: [T, T, F, F, T, F, F, T],
    closed: [T, T, F, F, T, F, F, T],
    secret: [T, T, F, F, T, F, F, T],
  },
  'non-member employee': {
    open: [T, T, T, F, F, F, F, F],
    closed: [T, F, F, T, F, F, F, F],
    secret: [F, F, F, F, F, F, F, F],
  },
  'guest member': {
    open: [T, T, F, F, T, F, F, F],
    closed: [T, T, F, F, T, F, F, F],
    secret: [T, T, F, F, T, F, F, F],
  },
  'guest non-member': {
    open: [F, F, F, F, F, F, F, F],
    closed: [F, F, F, F, F, F, F, F],
    secret: [F, F, F, F, F, F, F, F],
  },
  'deactivated member': {
    open: [F, F, F, F, F, F, F, F],
    closed: [F, F, F, F, F, F, F, F],
    secret: [F, F, F, F, F, F, F, F],
  },
  anonymous: {
    open: [F, F, F, F, F, F, F, F],
    closed: [F, F, F, F, F, F, F, F],
    secret: [F, F, F, F, F, F, F, F],
  },
};

const cases = (Object.keys(table) as Who[]).flatMap((who) =>
  (['open', 'closed', 'secret'] as const).map((visibility) => ({
    who,
    visibility,
    row: table[who][visibility],
  })),
);

describe('groups policy', () => {
  it.each(cases)('$who in a $visibility group', ({ who, visibility, row }) => {
    const { actor } = viewers[who];
    const g = standing(who, visibility);
    const a = groupAbilities(actor, 'g1', g, 1);
    const [see, read, join, requestToJoin, post, manage, moderate, invite] = row;
    expect({
      see: canSeeGroup(actor, g),
      read: a.read,
      join: a.join,
      requestToJoin: a.requestToJoin,
      post: a.post,
      manage: a.manageMembers && a.edit && a.delete,
      moderate: a.moderate,
      invite: a.invite,
    }).toEqual({ see, read, join, requestToJoin, post, manage, moderate, invite });
    // Managing is all-or-nothing: the three abilities always agree.
    expect(a.edit).toBe(a.delete);
    expect(a.edit).toBe(a.manageMembers);
    expect(a.linkDepartment).toBe(who === 'platform admin' && see);
  });

  it('asks to join once, and not when invited', () => {
    const { actor } = viewers['non-member employee'];
    expect(
      groupAbilities(actor, 'g', standing('non-member employee', 'closed', { requested: true }), 1),
    ).toMatchObject({ requestToJoin: false, join: false });
    expect(
      groupAbilities(actor, 'g', standing('non-member employee', 'closed', { invited: true }), 1),
    ).toMatchObject({
      requestToJoin: false,
    });
  });

  it.each([
    ['a member', 'member', false, 0, true],
    ['a department member', 'member', true, 0, false],
    ['the last admin', 'admin', false, 0, false],
    ['an admin with another admin', 'admin', false, 1, true],
  ] as const)('leaving as %s', (_label, role, viaDepartment, otherAdmins, expected) => {
    const actor = person('x', 'employee');
    const g: GroupStanding = {
      visibility: 'open',
      viewerRole: role,
      viaDepartment,
      requested: false,
      invited: false,
    };
    expect(canLeaveGroup(actor, g, otherAdmins)).toBe(expected);
  });

  it.each([
    ['group admin', 'open', 'employee', true],
    ['group admin', 'secret', 'guest', true],
    ['platform admin', 'closed', 'guest', true],
    ['member', 'open', 'employee', true],
    ['member', 'open', 'guest', false],
    ['member', 'closed', 'employee', false],
    ['member', 'secret', 'employee', false],
    ['guest member', 'open', 'employee', false],
    ['non-member employee', 'open', 'employee', false],
  ] as const)('%s adds directly to a %s group a(n) %s: %s', (who, visibility, targetRole, expected) => {
    expect(canAddDirectly(viewers[who].actor, standing(who, visibility), targetRole)).toBe(expected);
  });

  it('keeps guests ordinary members', () => {
    expect(canHoldGroupRole('guest', 'member')).toBe(true);
    expect(canHoldGroupRole('guest', 'moderator')).toBe(false);
    expect(canHoldGroupRole('guest', 'admin')).toBe(false);
    expect(canHoldGroupRole('employee', 'admin')).toBe(true);
  });

  it('lets managers remove members but nobody remove a department membership', () => {
    const admin = viewers['group admin'].actor;
    const g = standing('group admin', 'open');
    expect(memberAbilities(admin, g, { userId: 'm', viaDepartment: false })).toEqual({
      remove: true,
      changeRole: true,
    });
    expect(memberAbilities(admin, g, { userId: 'm', viaDepartment: true }).remove).toBe(false);
    const member = viewers.member.actor;
    expect(
      memberAbilities(member, standing('member', 'open'), { userId: 'm', viaDepartment: false }),
    ).toEqual({
      remove: true,
      changeRole: false,
    });
    expect(
      memberAbilities(member, standing('member', 'open'), { userId: 'other', viaDepartment: false }),
    ).toEqual({ remove: false, changeRole: false });
  });
});
