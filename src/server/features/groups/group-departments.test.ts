import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, systemCtx, type TestApp } from '../../../../tests/support/test-app.js';
import { transact } from '../../platform/context.js';
import { findGroupsByHandles, syncDepartmentGroupsForUsers } from './groups.service.js';

/**
 * Department-linked groups: the people of the department and its sub-departments are members,
 * and stay in step with every change of a person or of the tree, in the same transaction.
 */

let t: TestApp;
let admin: Person;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t, 'admin');
});
afterAll(async () => {
  await t.close();
});

async function createGroup(
  who: Person,
  body: Record<string, unknown>,
): Promise<{ id: string; handle: string }> {
  const res = await call(t, who, { method: 'POST', url: '/api/v1/groups', payload: body });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

const post = (who: Person | null, url: string, payload?: Record<string, unknown>) =>
  call(t, who, { method: 'POST', url, ...(payload === undefined ? {} : { payload }) });

async function memberIds(groupId: string): Promise<string[]> {
  const res = await call(t, admin, { url: `/api/v1/groups/${groupId}/members?limit=100` });
  return res.json().items.map((m: { user: { id: string } }) => m.user.id);
}

async function membership(groupId: string, userId: string) {
  return t.database.handle.db
    .selectFrom('group_members')
    .select(['role', 'via_department'])
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

async function memberCount(groupId: string): Promise<number> {
  const row = await t.database.handle.db
    .selectFrom('groups')
    .select('member_count')
    .where('id', '=', groupId)
    .executeTakeFirstOrThrow();
  return Number(row.member_count);
}

/** The group's stored count equals its member list. */
async function expectExactCount(groupId: string) {
  expect(await memberCount(groupId)).toBe((await memberIds(groupId)).length);
}

function eventsOf(stream: string) {
  return t.database.handle.db
    .selectFrom('stream_events')
    .select(['type', 'data'])
    .where('stream', '=', stream)
    .orderBy('seq')
    .execute();
}

async function ledgerActions(groupId: string): Promise<string[]> {
  const rows = await t.database.handle.db
    .selectFrom('ledger')
    .select('action')
    .where('subject_id', '=', groupId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}

describe('department-linked groups', () => {
  async function department(name: string, parentId: string | null = null): Promise<string> {
    const res = await call(t, admin, {
      method: 'POST',
      url: '/api/v1/departments',
      payload: { name, parentId },
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json().id;
  }
  const moveTo = (userId: string, departmentId: string | null) =>
    call(t, admin, { method: 'PATCH', url: `/api/v1/users/${userId}`, payload: { departmentId } });
  const person = async (departmentId: string | null, role: 'employee' | 'guest' = 'employee') => {
    const p = await signedIn(t, role);
    if (departmentId) expect((await moveTo(p.id, departmentId)).statusCode).toBe(200);
    return p;
  };

  it('makes the department and its sub-departments members and follows every change', async () => {
    const sales = await department('Sales');
    const moscow = await department('Moscow', sales);
    const other = await department('Support');
    const anna = await person(sales);
    const boris = await person(moscow);
    const carl = await person(other);
    const guest = await person(sales, 'guest');

    const group = await createGroup(admin, {
      name: 'All of sales',
      visibility: 'closed',
      departmentId: sales,
    });
    expect(new Set(await memberIds(group.id))).toEqual(new Set([admin.id, anna.id, boris.id]));
    expect(await membership(group.id, anna.id)).toEqual({ role: 'member', via_department: 1 });
    expect(await memberCount(group.id)).toBe(3);
    const about = (await call(t, anna, { url: `/api/v1/groups/${group.id}` })).json();
    expect(about.department).toEqual({ id: sales, name: 'Sales' });
    expect(about.membership).toEqual({ state: 'member', role: 'member', viaDepartment: true });
    expect(about.abilities.leave).toBe(false);
    expect(guest.id).not.toBe(anna.id);

    const leave = await call(t, anna, {
      method: 'DELETE',
      url: `/api/v1/groups/${group.id}/members/${anna.id}`,
    });
    expect(leave.statusCode).toBe(409);
    expect(leave.json().code).toBe('DEPARTMENT_MEMBERSHIP');
    expect(
      (
        await call(t, admin, { method: 'DELETE', url: `/api/v1/groups/${group.id}/members/${boris.id}` })
      ).json().code,
    ).toBe('DEPARTMENT_MEMBERSHIP');

    // A person moves in and out.
    await moveTo(carl.id, moscow);
    expect(await membership(group.id, carl.id)).toEqual({ role: 'member', via_department: 1 });
    await moveTo(anna.id, other);
    expect(await membership(group.id, anna.id)).toBeUndefined();
    expect(await memberCount(group.id)).toBe(3);
    expect((await eventsOf(`user:${anna.id}`)).map((e) => e.type)).toContain('membership.changed');

    // Deactivated people leave, reactivated ones come back.
    expect((await post(admin, `/api/v1/users/${boris.id}/deactivate`)).statusCode).toBe(200);
    expect(await membership(group.id, boris.id)).toBeUndefined();
    await post(admin, `/api/v1/users/${boris.id}/reactivate`);
    expect(await membership(group.id, boris.id)).toEqual({ role: 'member', via_department: 1 });

    // A role given by the group survives leaving the department, as a manual membership.
    await call(t, admin, {
      method: 'PUT',
      url: `/api/v1/groups/${group.id}/members/${boris.id}/role`,
      payload: { role: 'moderator' },
    });
    await moveTo(boris.id, null);
    expect(await membership(group.id, boris.id)).toEqual({ role: 'moderator', via_department: 0 });

    // A department moving under the linked one brings its people along, and back out again.
    const dave = await person(other);
    expect(
      (
        await call(t, admin, {
          method: 'PATCH',
          url: `/api/v1/departments/${other}`,
          payload: { parentId: sales },
        })
      ).statusCode,
    ).toBe(200);
    expect(await membership(group.id, dave.id)).toEqual({ role: 'member', via_department: 1 });
    expect(await membership(group.id, anna.id)).toEqual({ role: 'member', via_department: 1 });
    await call(t, admin, {
      method: 'PATCH',
      url: `/api/v1/departments/${other}`,
      payload: { parentId: null },
    });
    expect(await membership(group.id, dave.id)).toBeUndefined();
    await expectExactCount(group.id);

    // Unlinking ends the department memberships; linking again restores them.
    const unlinked = await call(t, admin, {
      method: 'PATCH',
      url: `/api/v1/groups/${group.id}`,
      payload: { departmentId: null },
    });
    expect(unlinked.json()).toMatchObject({ department: null });
    expect(new Set(await memberIds(group.id))).toEqual(new Set([admin.id, boris.id]));
    await call(t, admin, {
      method: 'PATCH',
      url: `/api/v1/groups/${group.id}`,
      payload: { departmentId: sales },
    });
    expect(new Set(await memberIds(group.id))).toEqual(new Set([admin.id, boris.id, carl.id]));
    await expectExactCount(group.id);
    expect(await ledgerActions(group.id)).toEqual(
      expect.arrayContaining(['group.members.synced', 'group.updated']),
    );
  });

  it('adopts an existing member when the group is linked, and a deleted department unlinks its groups', async () => {
    const team = await department('Platform team');
    const insider = await person(team);
    const boss = await signedIn(t, 'employee');
    const group = await createGroup(boss, { name: 'Platform', visibility: 'open' });
    await post(insider, `/api/v1/groups/${group.id}/join`);
    expect(
      (
        await call(t, boss, {
          method: 'PATCH',
          url: `/api/v1/groups/${group.id}`,
          payload: { departmentId: team },
        })
      ).statusCode,
    ).toBe(403);
    await call(t, admin, {
      method: 'PATCH',
      url: `/api/v1/groups/${group.id}`,
      payload: { departmentId: team },
    });
    expect(await membership(group.id, insider.id)).toEqual({ role: 'member', via_department: 1 });

    await moveTo(insider.id, null);
    expect(await membership(group.id, insider.id)).toBeUndefined();
    expect((await call(t, admin, { method: 'DELETE', url: `/api/v1/departments/${team}` })).statusCode).toBe(
      204,
    );
    expect((await call(t, boss, { url: `/api/v1/groups/${group.id}` })).json().department).toBeNull();
    expect(await ledgerActions(group.id)).toContain('group.updated');
  });

  it('syncs through the service inside the caller transaction', async () => {
    const dept = await department('Service sync');
    const group = await createGroup(admin, {
      name: 'Service sync group',
      visibility: 'open',
      departmentId: dept,
    });
    const late = await signedIn(t, 'employee');
    const ctx = systemCtx(t);
    await transact(ctx, async (tx) => {
      await tx.updateTable('users').set({ department_id: dept }).where('id', '=', late.id).execute();
      await syncDepartmentGroupsForUsers(ctx, tx, [late.id]);
    });
    expect(await membership(group.id, late.id)).toEqual({ role: 'member', via_department: 1 });
    expect(await findGroupsByHandles(t.database.handle.db, [group.handle, 'nobody'])).toEqual([
      { id: group.id, handle: group.handle, name: 'Service sync group', visibility: 'open' },
    ]);
  });
});
