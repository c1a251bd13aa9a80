import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, systemCtx, type TestApp } from '../../../../tests/support/test-app.js';
import { findGroupForViewer, listGroupMemberIds, searchGroupsForMention } from './groups.service.js';

let t: TestApp;
let admin: Person;

const missing = '01900000-0000-7000-8000-00000000abcd';

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

function notificationsOf(userId: string) {
  return t.database.handle.db
    .selectFrom('notifications')
    .select(['type', 'group_id', 'actor_id'])
    .where('user_id', '=', userId)
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

describe('joining and leaving', () => {
  it('joins an open group at once and leaves it, with realtime events and ledger entries', async () => {
    const boss = await signedIn(t, 'employee');
    const group = await createGroup(boss, { name: 'Runners', visibility: 'open' });
    const runner = await signedIn(t, 'employee');
    const join = await post(runner, `/api/v1/groups/${group.id}/join`);
    expect(join.statusCode, join.body).toBe(200);
    expect(join.json()).toEqual({
      groupId: group.id,
      userId: runner.id,
      state: 'member',
      role: 'member',
      memberCount: 2,
    });
    const again = await post(runner, `/api/v1/groups/${group.id}/join`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ALREADY_MEMBER');

    const leave = await call(t, runner, {
      method: 'DELETE',
      url: `/api/v1/groups/${group.id}/members/${runner.id}`,
    });
    expect(leave.json()).toMatchObject({ state: 'none', role: null, memberCount: 1 });
    const twice = await call(t, runner, {
      method: 'DELETE',
      url: `/api/v1/groups/${group.id}/members/${runner.id}`,
    });
    expect(twice.statusCode).toBe(404);
    expect(twice.json().code).toBe('NOT_A_MEMBER');

    expect((await eventsOf(`user:${runner.id}`)).map((e) => e.type)).toEqual([
      'membership.changed',
      'membership.changed',
    ]);
    const groupEvents = await eventsOf(`group:${group.id}`);
    expect(groupEvents.filter((e) => e.type === 'group.members.changed')).toHaveLength(3);
    expect(JSON.parse(groupEvents[0]!.data)).toEqual({ groupId: group.id });
    expect(await ledgerActions(group.id)).toEqual([
      'group.created',
      'group.member.added',
      'group.member.added',
      'group.member.removed',
    ]);
  });

  it('asks to join a closed group, notifies its admins, and lets them approve or reject', async () => {
    const boss = await signedIn(t, 'employee');
    const group = await createGroup(boss, { name: 'Closed circle', visibility: 'closed' });
    const asker = await signedIn(t, 'employee');
    const other = await signedIn(t, 'employee');
    const asked = await post(asker, `/api/v1/groups/${group.id}/join`, { message: ' Please\u202E ' });
    expect(asked.json()).toMatchObject({ state: 'requested', memberCount: 1 });
    expect((await post(asker, `/api/v1/groups/${group.id}/join`)).json().state).toBe('requested');
    await post(other, `/api/v1/groups/${group.id}/join`);
    const told = await notificationsOf(boss.id);
    expect(told).toHaveLength(2);
    expect(told).toEqual(
      expect.arrayContaining([
        { type: 'join_request', group_id: group.id, actor_id: asker.id },
        { type: 'join_request', group_id: group.id, actor_id: other.id },
      ]),
    );

    const list = await call(t, boss, { url: `/api/v1/groups/${group.id}/requests?limit=1` });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      expect.objectContaining({ user: expect.objectContaining({ id: asker.id }), message: 'Please' }),
    ]);
    const next = await call(t, boss, {
      url: `/api/v1/groups/${group.id}/requests?cursor=${list.json().nextCursor}`,
    });
    expect(next.json().items.map((r: { user: { id: string } }) => r.user.id)).toEqual([other.id]);
    expect((await call(t, boss, { url: `/api/v1/groups/${group.id}` })).json().pendingRequestCount).toBe(2);
    expect((await call(t, asker, { url: `/api/v1/groups/${group.id}/requests` })).statusCode).toBe(403);
    expect((await post(asker, `/api/v1/groups/${group.id}/requests/${other.id}/approve`)).statusCode).toBe(
      403,
    );

    const approved = await post(boss, `/api/v1/groups/${group.id}/requests/${asker.id}/approve`);
    expect(approved.json()).toMatchObject({ state: 'member', role: 'member', memberCount: 2 });
    expect(await notificationsOf(asker.id)).toEqual([
      { type: 'join_approved', group_id: group.id, actor_id: boss.id },
    ]);
    const rejected = await post(boss, `/api/v1/groups/${group.id}/requests/${other.id}/reject`);
    expect(rejected.json()).toMatchObject({ state: 'none', memberCount: 2 });
    const gone = await post(boss, `/api/v1/groups/${group.id}/requests/${other.id}/approve`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('JOIN_REQUEST_NOT_FOUND');
    expect((await post(boss, `/api/v1/groups/${group.id}/requests/${other.id}/reject`)).statusCode).toBe(404);
    expect((await post(boss, `/api/v1/groups/${missing}/requests/${other.id}/reject`)).json().code).toBe(
      'GROUP_NOT_FOUND',
    );
    expect((await post(boss, `/api/v1/groups/${group.id}/requests/bad/approve`)).statusCode).toBe(400);
    expect((await post(null, `/api/v1/groups/${group.id}/requests/${other.id}/approve`)).statusCode).toBe(
      401,
    );
    expect(await ledgerActions(group.id)).toEqual(
      expect.arrayContaining(['group.join.requested', 'group.join.rejected']),
    );
    await expectExactCount(group.id);
  });

  it('lets a person withdraw their own pending request, once', async () => {
    const boss = await signedIn(t, 'employee');
    const group = await createGroup(boss, { name: 'Second thoughts', visibility: 'closed' });
    const asker = await signedIn(t, 'employee');
    const withdraw = (who: Person | null, groupId = group.id) =>
      call(t, who, { method: 'DELETE', url: `/api/v1/groups/${groupId}/join` });
    const none = await withdraw(asker);
    expect(none.statusCode).toBe(404);
    expect(none.json().code).toBe('JOIN_REQUEST_NOT_FOUND');

    await post(asker, `/api/v1/groups/${group.id}/join`, { message: 'Let me in' });
    const listed = async () =>
      (await call(t, asker, { url: '/api/v1/groups?q=second' })).json().items[0] as {
        membership: { state: string };
        abilities: Record<string, boolean>;
      };
    expect(await listed()).toMatchObject({
      membership: { state: 'requested' },
      abilities: { join: false, requestToJoin: false, withdrawRequest: true, acceptInvite: false },
    });
    expect((await withdraw(null)).statusCode).toBe(401);
    expect((await withdraw(await signedIn(t, 'guest'))).statusCode).toBe(403);
    expect((await withdraw(asker, 'nonsense')).statusCode).toBe(400);
    expect((await withdraw(asker, missing)).json().code).toBe('GROUP_NOT_FOUND');
    // Someone else's request is not theirs to withdraw.
    expect((await withdraw(boss)).json().code).toBe('JOIN_REQUEST_NOT_FOUND');

    const res = await withdraw(asker);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ groupId: group.id, userId: asker.id, state: 'none', memberCount: 1 });
    expect((await withdraw(asker)).json().code).toBe('JOIN_REQUEST_NOT_FOUND');
    expect(await listed()).toMatchObject({
      membership: { state: 'none' },
      abilities: { requestToJoin: true, withdrawRequest: false },
    });
    expect((await call(t, boss, { url: `/api/v1/groups/${group.id}/requests` })).json().items).toEqual([]);
    expect(await ledgerActions(group.id)).toEqual(
      expect.arrayContaining(['group.join.requested', 'group.join.withdrawn']),
    );
    expect((await eventsOf(`user:${asker.id}`)).map((e) => e.type)).toContain('membership.changed');
    // The approval that could have followed finds nothing.
    const late = await post(boss, `/api/v1/groups/${group.id}/requests/${asker.id}/approve`);
    expect(late.json().code).toBe('JOIN_REQUEST_NOT_FOUND');
  });

  it('lets the requester withdraw from a group that turned secret, and nobody else learn of it', async () => {
    const boss = await signedIn(t, 'employee');
    const group = await createGroup(boss, { name: 'Going dark', visibility: 'closed' });
    const asker = await signedIn(t, 'employee');
    const outsider = await signedIn(t, 'employee');
    await post(asker, `/api/v1/groups/${group.id}/join`);
    await call(t, boss, {
      method: 'PATCH',
      url: `/api/v1/groups/${group.id}`,
      payload: { visibility: 'secret' },
    });
    const other = await call(t, outsider, { method: 'DELETE', url: `/api/v1/groups/${group.id}/join` });
    expect(other.json().code).toBe('GROUP_NOT_FOUND');
    const own = await call(t, asker, { method: 'DELETE', url: `/api/v1/groups/${group.id}/join` });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().state).toBe('none');
    const again = await call(t, asker, { method: 'DELETE', url: `/api/v1/groups/${group.id}/join` });
    expect(again.json().code).toBe('GROUP_NOT_FOUND');
  });

  it('keeps a secret group invisible: joining, listing members and requests answer 404', async () => {
    const boss = await signedIn(t, 'employee');
    const group = await createGroup(boss, { name: 'Secret society', visibility: 'secret' });
    const outsider = await signedIn(t, 'employee');
    for (const res of [
      await post(outsider, `/api/v1/groups/${group.id}/join`),
      await call(t, outsider, { url: `/api/v1/groups/${group.id}/members` }),
      await call(t, admin, { url: `/api/v1/groups/${group.id}/requests` }),
      await post(outsider, `/api/v1/groups/${group.id}/members`, { userId: outsider.id }),
      await post(outsider, `/api/v1/groups/${group.id}/invite/accept`),
    ]) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().code).toBe('GROUP_NOT_FOUND');
    }
    const ctx = {
      ...systemCtx(t),
      actor: { id: outsider.id, role: 'employee' as const, status: 'active' as const, departmentId: null },
    };
    await expect(findGroupForViewer(ctx, group.id)).rejects.toMatchObject({ code: 'GROUP_NOT_FOUND' });
    expect(await searchGroupsForMention(ctx, 'secret', 10)).toEqual([]);
    const bossCtx = { ...ctx, actor: { ...ctx.actor, id: boss.id } };
    expect((await searchGroupsForMention(bossCtx, '@secret', 10)).map((g) => g.id)).toEqual([group.id]);
    const found = await findGroupForViewer(bossCtx, group.id);
    expect(found).toMatchObject({
      viewerRole: 'admin',
      space: { type: 'group', visibility: 'secret', viewerRole: 'admin' },
    });
    expect(found.group.name).toBe('Secret society');
  });
});

describe('adding and inviting', () => {
  it('lets group admins add people directly, guests included, and members of an open group add colleagues', async () => {
    const boss = await signedIn(t, 'employee');
    const group = await createGroup(boss, { name: 'Open house', visibility: 'open' });
    const member = await signedIn(t, 'employee');
    const colleague = await signedIn(t, 'employee');
    const guest = await signedIn(t, 'guest');
    await post(member, `/api/v1/groups/${group.id}/join`);

    const added = await post(member, `/api/v1/groups/${group.id}/members`, { userId: colleague.id });
    expect(added.json()).toMatchObject({ state: 'member', role: 'member', memberCount: 3 });
    const guestByMember = await post(member, `/api/v1/groups/${group.id}/members`, { userId: guest.id });
    expect(guestByMember.statusCode).toBe(403);
    expect(guestByMember.json().code).toBe('GROUP_GUEST_NEEDS_ADMIN');
    const guestByAdmin = await post(boss, `/api/v1/groups/${group.id}/members`, { userId: guest.id });
    expect(guestByAdmin.json()).toMatchObject({ state: 'member', memberCount: 4 });

    const again = await post(boss, `/api/v1/groups/${group.id}/members`, { userId: guest.id });
    expect(again.json().code).toBe('ALREADY_MEMBER');
    const gone = await signedIn(t, 'employee', { status: 'deactivated' });
    expect((await post(boss, `/api/v1/groups/${group.id}/members`, { userId: gone.id })).json().code).toBe(
      'USER_INACTIVE',
    );
    expect((await post(boss, `/api/v1/groups/${group.id}/members`, { userId: missing })).json().code).toBe(
      'USER_NOT_FOUND',
    );
    expect((await post(boss, `/api/v1/groups/${group.id}/members`, { userId: 'x' })).statusCode).toBe(400);
    expect((await post(boss, `/api/v1/groups/${group.id}/members`, {})).statusCode).toBe(400);
    const outsider = await signedIn(t, 'employee');
    expect((await post(outsider, `/api/v1/groups/${group.id}/members`, { userId: gone.id })).statusCode).toBe(
      403,
    );
    expect(
      (await post(guest, `/api/v1/groups/${group.id}/members`, { userId: outsider.id })).statusCode,
    ).toBe(403);
    expect((await post(null, `/api/v1/groups/${group.id}/members`, { userId: outsider.id })).statusCode).toBe(
      401,
    );

    const groups = (await call(t, guest, { url: '/api/v1/groups' })).json().items;
    expect(groups.map((g: { id: string }) => g.id)).toEqual([group.id]);
    const promote = await call(t, boss, {
      method: 'PUT',
      url: `/api/v1/groups/${group.id}/members/${guest.id}/role`,
      payload: { role: 'moderator' },
    });
    expect(promote.statusCode).toBe(409);
    expect(promote.json().code).toBe('GROUP_GUEST_ROLE');
    await expectExactCount(group.id);
  });

  it('invites to closed and secret groups; the invitee accepts or declines', async () => {
    const boss = await signedIn(t, 'employee');
    const group = await createGroup(boss, { name: 'Hidden garden', visibility: 'secret' });
    const member = await signedIn(t, 'employee');
    await post(boss, `/api/v1/groups/${group.id}/members`, { userId: member.id });
    const friend = await signedIn(t, 'employee');
    const invited = await post(member, `/api/v1/groups/${group.id}/members`, { userId: friend.id });
    expect(invited.json()).toMatchObject({ state: 'invited', role: null, memberCount: 2 });
    expect(
      (await post(member, `/api/v1/groups/${group.id}/members`, { userId: friend.id })).json().state,
    ).toBe('invited');
    expect(await notificationsOf(friend.id)).toEqual([
      { type: 'group_invite', group_id: group.id, actor_id: member.id },
    ]);
    // An invitation does not reveal the group's page or members: only accepting or declining.
    expect((await call(t, friend, { url: `/api/v1/groups/${group.id}` })).statusCode).toBe(404);
    const accepted = await post(friend, `/api/v1/groups/${group.id}/invite/accept`);
    expect(accepted.json()).toMatchObject({ state: 'member', role: 'member', memberCount: 3 });
    expect((await call(t, friend, { url: `/api/v1/groups/${group.id}` })).statusCode).toBe(200);

    const shy = await signedIn(t, 'employee');
    await post(member, `/api/v1/groups/${group.id}/members`, { userId: shy.id });
    const declined = await post(shy, `/api/v1/groups/${group.id}/invite/decline`);
    expect(declined.json()).toMatchObject({ state: 'none', memberCount: 3 });
    expect((await post(shy, `/api/v1/groups/${group.id}/invite/accept`)).json().code).toBe('GROUP_NOT_FOUND');
    expect((await post(member, `/api/v1/groups/${group.id}/invite/decline`)).json().code).toBe(
      'GROUP_INVITE_NOT_FOUND',
    );
    expect((await post(null, `/api/v1/groups/${group.id}/invite/decline`)).statusCode).toBe(401);
    expect(await ledgerActions(group.id)).toEqual(
      expect.arrayContaining(['group.invite.created', 'group.invite.declined']),
    );
  });

  it('accepts a pending invitation when the invitee asks to join a closed group', async () => {
    const boss = await signedIn(t, 'employee');
    const group = await createGroup(boss, { name: 'Closed club', visibility: 'closed' });
    const member = await signedIn(t, 'employee');
    await post(boss, `/api/v1/groups/${group.id}/members`, { userId: member.id });
    const friend = await signedIn(t, 'employee');
    expect(
      (await post(member, `/api/v1/groups/${group.id}/members`, { userId: friend.id })).json().state,
    ).toBe('invited');
    expect((await post(friend, `/api/v1/groups/${group.id}/join`)).json()).toMatchObject({ state: 'member' });
  });
});

describe('members and roles', () => {
  it('lists members by name, with abilities, paging without repeats or gaps', async () => {
    const boss = await signedIn(t, 'employee', { name: 'Aaron Boss' });
    const group = await createGroup(boss, { name: 'Big team', visibility: 'open' });
    for (const name of ['Cara', 'Elif', 'Gita', 'Ivan']) {
      const p = await signedIn(t, 'employee', { name });
      await post(p, `/api/v1/groups/${group.id}/join`);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let round = 0;
    do {
      const url: string = `/api/v1/groups/${group.id}/members?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: {
        items: { user: { name: string }; abilities: { remove: boolean } }[];
        nextCursor: string | null;
      } = (await call(t, boss, { url })).json();
      seen.push(...page.items.map((m) => m.user.name));
      expect(page.items.every((m) => m.abilities.remove || m.user.name === 'Aaron Boss')).toBe(true);
      cursor = page.nextCursor;
      if (round++ === 0) {
        for (const name of ['Bea', 'Hana']) {
          const p = await signedIn(t, 'employee', { name });
          await post(p, `/api/v1/groups/${group.id}/join`);
        }
      }
    } while (cursor);
    expect(seen).toEqual(['Aaron Boss', 'Cara', 'Elif', 'Gita', 'Hana', 'Ivan']);
    const outsider = await signedIn(t, 'employee');
    const asOutsider = (
      await call(t, outsider, { url: `/api/v1/groups/${group.id}/members?limit=1` })
    ).json();
    expect(asOutsider.items[0].abilities).toEqual({ remove: false, changeRole: false });
    expect(
      (await call(t, outsider, { url: `/api/v1/groups/${group.id}/members?cursor=x*` })).statusCode,
    ).toBe(400);
    expect((await call(t, null, { url: `/api/v1/groups/${group.id}/members` })).statusCode).toBe(401);
    expect((await call(t, outsider, { url: `/api/v1/groups/${missing}/members` })).statusCode).toBe(404);
  });

  it('changes roles, removes members, and always keeps an active group admin', async () => {
    const boss = await signedIn(t, 'employee');
    const group = await createGroup(boss, { name: 'Role play', visibility: 'open' });
    const deputy = await signedIn(t, 'employee');
    await post(deputy, `/api/v1/groups/${group.id}/join`);
    const role = (who: Person | null, userId: string, value: unknown) =>
      call(t, who, {
        method: 'PUT',
        url: `/api/v1/groups/${group.id}/members/${userId}/role`,
        payload: { role: value },
      });
    const remove = (who: Person | null, userId: string) =>
      call(t, who, { method: 'DELETE', url: `/api/v1/groups/${group.id}/members/${userId}` });

    expect((await remove(boss, boss.id)).json().code).toBe('LAST_GROUP_ADMIN');
    expect((await role(boss, boss.id, 'member')).json().code).toBe('LAST_GROUP_ADMIN');
    expect((await role(deputy, deputy.id, 'admin')).statusCode).toBe(403);
    expect((await role(boss, deputy.id, 'owner')).statusCode).toBe(400);
    expect((await role(boss, missing, 'admin')).json().code).toBe('NOT_A_MEMBER');
    expect((await role(null, deputy.id, 'admin')).statusCode).toBe(401);
    const promoted = await role(boss, deputy.id, 'admin');
    expect(promoted.json()).toMatchObject({ state: 'member', role: 'admin' });
    expect((await remove(deputy, boss.id)).json()).toMatchObject({ state: 'none' });
    expect((await remove(deputy, deputy.id)).json().code).toBe('LAST_GROUP_ADMIN');

    // A deactivated admin does not count: the active one is still the last.
    const sleeper = await signedIn(t, 'employee');
    await post(sleeper, `/api/v1/groups/${group.id}/join`);
    await role(deputy, sleeper.id, 'admin');
    await t.database.handle.db
      .updateTable('users')
      .set({ status: 'deactivated' })
      .where('id', '=', sleeper.id)
      .execute();
    expect((await remove(deputy, deputy.id)).json().code).toBe('LAST_GROUP_ADMIN');
    expect((await remove(deputy, sleeper.id)).statusCode).toBe(200);

    const member = await signedIn(t, 'employee');
    await post(member, `/api/v1/groups/${group.id}/join`);
    expect((await remove(member, deputy.id)).statusCode).toBe(403);
    expect((await remove(admin, member.id)).json()).toMatchObject({ state: 'none' });
    expect(await ledgerActions(group.id)).toEqual(
      expect.arrayContaining(['group.member.role.changed', 'group.member.removed']),
    );
    expect(await listGroupMemberIds(t.database.handle.db, group.id)).toEqual([deputy.id]);
    await expectExactCount(group.id);
  });
});
