import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { groupLimits } from '../../../shared/api/groups.js';

let t: TestApp;
let owner: Person;
let admin: Person;

const missing = '01900000-0000-7000-8000-00000000abcd';

beforeAll(async () => {
  t = await buildTestApp();
  owner = await signedIn(t, 'employee', { name: 'Group Owner' });
  admin = await signedIn(t, 'admin');
});
afterAll(async () => {
  await t.close();
});

async function createGroup(
  who: Person,
  body: Record<string, unknown>,
): Promise<{ id: string; handle: string; name: string }> {
  const res = await call(t, who, { method: 'POST', url: '/api/v1/groups', payload: body });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function addMember(by: Person, groupId: string, userId: string) {
  const res = await call(t, by, {
    method: 'POST',
    url: `/api/v1/groups/${groupId}/members`,
    payload: { userId },
  });
  if (res.statusCode !== 200) throw new Error(`add failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

function ledger(subjectId: string) {
  return t.database.handle.db
    .selectFrom('ledger')
    .select(['action', 'payload', 'actor_id'])
    .where('subject_id', '=', subjectId)
    .orderBy('seq')
    .execute();
}

describe('POST /groups', () => {
  it('creates a group whose creator is its admin, recorded in the ledger', async () => {
    const res = await call(t, owner, {
      method: 'POST',
      url: '/api/v1/groups',
      payload: { name: '  Design Guild ', description: 'Pixels\r\nand type', visibility: 'open' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const group = res.json();
    expect(group).toMatchObject({
      name: 'Design Guild',
      handle: 'design-guild',
      description: 'Pixels\nand type',
      visibility: 'open',
      memberCount: 1,
      department: null,
      membership: { state: 'member', role: 'admin', viaDepartment: false },
      pendingRequestCount: 0,
      abilities: { edit: true, delete: true, manageMembers: true, post: true, leave: false, join: false },
    });
    const entries = await ledger(group.id);
    expect(entries.map((e) => e.action)).toEqual(['group.created', 'group.member.added']);
    expect(JSON.parse(entries[0]!.payload)).toMatchObject({
      name: 'Design Guild',
      description: 'Pixels\nand type',
      visibility: 'open',
      handle: 'design-guild',
    });
    expect(entries[0]!.actor_id).toBe(owner.id);
  });

  it('gives every group a unique mention handle', async () => {
    const handles = [];
    for (let i = 0; i < 3; i++)
      handles.push((await createGroup(owner, { name: 'Sales', visibility: 'open' })).handle);
    expect(handles).toEqual(['sales', 'sales-2', 'sales-3']);
    expect((await createGroup(owner, { name: 'Отдел продаж!', visibility: 'closed' })).handle).toBe(
      'отдел-продаж',
    );
    expect((await createGroup(owner, { name: '!!!', visibility: 'closed' })).handle).toBe('group');
    expect((await createGroup(owner, { name: '???', visibility: 'closed' })).handle).toBe('group-2');
    const long = await createGroup(owner, { name: 'x'.repeat(150), visibility: 'open' });
    const longer = await createGroup(owner, { name: 'x'.repeat(150), visibility: 'open' });
    expect(long.handle).toBe('x'.repeat(60));
    expect(longer.handle).toBe(`${'x'.repeat(60)}-2`);
  });

  it.each([
    [{ visibility: 'open' }, 'VALIDATION_FAILED'],
    [{ name: 'x', visibility: 'public' }, 'VALIDATION_FAILED'],
    [{ name: '', visibility: 'open' }, 'VALIDATION_FAILED'],
    [{ name: '\u200B \u202E', visibility: 'open' }, 'NAME_EMPTY'],
    [{ name: 'x'.repeat(groupLimits.name + 1), visibility: 'open' }, 'VALIDATION_FAILED'],
    [{ name: 'x', visibility: 'open', extra: 1 }, 'VALIDATION_FAILED'],
    [{ name: 'x', visibility: 'open', departmentId: 'nope' }, 'VALIDATION_FAILED'],
  ])('refuses %j with 400 %s', async (payload, code) => {
    const res = await call(t, owner, { method: 'POST', url: '/api/v1/groups', payload });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe(code);
  });

  it('lets only platform admins link a department, and only an existing one', async () => {
    const employee = await call(t, owner, {
      method: 'POST',
      url: '/api/v1/groups',
      payload: { name: 'Linked', visibility: 'open', departmentId: missing },
    });
    expect(employee.statusCode).toBe(403);
    const unknown = await call(t, admin, {
      method: 'POST',
      url: '/api/v1/groups',
      payload: { name: 'Linked', visibility: 'open', departmentId: missing },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('REFERENCED_DEPARTMENT_NOT_FOUND');
  });

  it('refuses guests (403), deactivated people and the anonymous (401)', async () => {
    const payload = { name: 'Nope', visibility: 'open' };
    const guest = await signedIn(t, 'guest');
    const gone = await signedIn(t, 'employee', { status: 'deactivated' });
    expect((await call(t, guest, { method: 'POST', url: '/api/v1/groups', payload })).statusCode).toBe(403);
    expect((await call(t, gone, { method: 'POST', url: '/api/v1/groups', payload })).statusCode).toBe(401);
    expect((await call(t, null, { method: 'POST', url: '/api/v1/groups', payload })).statusCode).toBe(401);
  });
});

describe('GET /groups', () => {
  it('lists what the viewer may know of: secret groups only for members, guests only their own', async () => {
    const boss = await signedIn(t, 'employee');
    const open = await createGroup(boss, { name: 'Zeta open', visibility: 'open' });
    const closed = await createGroup(boss, { name: 'Zeta closed', visibility: 'closed' });
    const secret = await createGroup(boss, { name: 'Zeta secret', visibility: 'secret' });
    const guest = await signedIn(t, 'guest');
    await addMember(boss, closed.id, guest.id);
    const outsider = await signedIn(t, 'employee');

    const names = async (who: Person, query = 'q=zeta') =>
      (await call(t, who, { url: `/api/v1/groups?${query}` }))
        .json()
        .items.map((g: { name: string }) => g.name);
    expect(await names(boss)).toEqual(['Zeta closed', 'Zeta open', 'Zeta secret']);
    expect(await names(outsider)).toEqual(['Zeta closed', 'Zeta open']);
    expect(await names(admin)).toEqual(['Zeta closed', 'Zeta open']);
    expect(await names(guest, 'limit=100')).toEqual(['Zeta closed']);
    expect(await names(outsider, 'q=secret')).toEqual([]);
    expect(await names(boss, 'q=zeta&mine=true')).toEqual(['Zeta closed', 'Zeta open', 'Zeta secret']);
    expect(await names(outsider, 'q=zeta&mine=true')).toEqual([]);

    const item = (await call(t, outsider, { url: '/api/v1/groups?q=zeta%20closed' })).json().items[0];
    expect(item).toMatchObject({
      id: closed.id,
      memberCount: 2,
      visibility: 'closed',
      membership: { state: 'none', role: null },
    });
    expect(open.id).toBeTruthy();
    expect(secret.id).toBeTruthy();
  });

  it('shows the viewer requested and invited states', async () => {
    const boss = await signedIn(t, 'employee');
    const closed = await createGroup(boss, { name: 'Yonder closed', visibility: 'closed' });
    const asker = await signedIn(t, 'employee');
    const invitee = await signedIn(t, 'employee');
    await call(t, asker, { method: 'POST', url: `/api/v1/groups/${closed.id}/join` });
    const member = await signedIn(t, 'employee');
    await addMember(boss, closed.id, member.id);
    await addMember(member, closed.id, invitee.id);
    const state = async (who: Person) =>
      (await call(t, who, { url: '/api/v1/groups?q=yonder' })).json().items[0].membership.state;
    expect(await state(asker)).toBe('requested');
    expect(await state(invitee)).toBe('invited');
    expect(await state(member)).toBe('member');
    const abilities = async (who: Person) =>
      (await call(t, who, { url: '/api/v1/groups?q=yonder' })).json().items[0].abilities;
    const none = { join: false, requestToJoin: false, withdrawRequest: false, acceptInvite: false };
    expect(await abilities(asker)).toEqual({ ...none, withdrawRequest: true });
    expect(await abilities(invitee)).toEqual({ ...none, acceptInvite: true });
    expect(await abilities(member)).toEqual(none);
    expect(await abilities(await signedIn(t, 'employee'))).toEqual({ ...none, requestToJoin: true });
    expect(await abilities(admin)).toEqual({ ...none, requestToJoin: true });
    const open = await createGroup(boss, { name: 'Yonder open', visibility: 'open' });
    const openItem = (await call(t, asker, { url: '/api/v1/groups?q=yonder%20open' })).json().items[0];
    expect(openItem).toMatchObject({ id: open.id, abilities: { ...none, join: true } });
    // The group page carries the same answers among its abilities.
    const page = (await call(t, invitee, { url: `/api/v1/groups/${closed.id}` })).json();
    expect(page.abilities).toMatchObject({ ...none, acceptInvite: true });
  });

  it('pages by name without repeating or skipping, even when groups are added between pages', async () => {
    const boss = await signedIn(t, 'employee');
    const created: string[] = [];
    for (const letter of ['b', 'd', 'f', 'h', 'j', 'l', 'n']) {
      created.push((await createGroup(boss, { name: `Paging ${letter}`, visibility: 'open' })).name);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let round = 0;
    do {
      const url: string = `/api/v1/groups?q=paging&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { items: { name: string }[]; nextCursor: string | null } = (
        await call(t, boss, { url })
      ).json();
      seen.push(...page.items.map((g) => g.name));
      cursor = page.nextCursor;
      // One group sorts before the pages already read, one after: only the later one may appear.
      if (round === 0) {
        await createGroup(boss, { name: 'Paging a', visibility: 'open' });
        await createGroup(boss, { name: 'Paging m', visibility: 'open' });
      }
      round++;
    } while (cursor);
    expect(seen).toEqual([
      'Paging b',
      'Paging d',
      'Paging f',
      'Paging h',
      'Paging j',
      'Paging l',
      'Paging m',
      'Paging n',
    ]);
    expect(new Set(seen).size).toBe(seen.length);
    expect(created).toHaveLength(7);
  });

  it('answers 400 to a bad cursor or limit and 401 to the anonymous', async () => {
    expect((await call(t, owner, { url: '/api/v1/groups?cursor=bad*' })).statusCode).toBe(400);
    expect((await call(t, owner, { url: '/api/v1/groups?cursor=e30' })).json().code).toBe('INVALID_CURSOR');
    expect((await call(t, owner, { url: '/api/v1/groups?limit=0' })).statusCode).toBe(400);
    expect((await call(t, owner, { url: '/api/v1/groups?mine=maybe' })).statusCode).toBe(400);
    expect((await call(t, null, { url: '/api/v1/groups' })).statusCode).toBe(401);
  });
});

describe('GET /groups/{id}', () => {
  it('hides a secret group from non-members exactly as a group that does not exist', async () => {
    const secret = await createGroup(owner, { name: 'Board room', visibility: 'secret' });
    const outsider = await signedIn(t, 'employee');
    const hidden = await call(t, outsider, { url: `/api/v1/groups/${secret.id}` });
    const absent = await call(t, outsider, { url: `/api/v1/groups/${missing}` });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('GROUP_NOT_FOUND');
    expect(hidden.json().detail).toBe(absent.json().detail);
    expect((await call(t, admin, { url: `/api/v1/groups/${secret.id}` })).statusCode).toBe(404);
    expect((await call(t, owner, { url: `/api/v1/groups/${secret.id}` })).statusCode).toBe(200);
    expect((await call(t, outsider, { url: '/api/v1/groups/not-a-uuid' })).statusCode).toBe(400);
    expect((await call(t, null, { url: `/api/v1/groups/${secret.id}` })).statusCode).toBe(401);
  });

  it('answers in the viewer language', async () => {
    const res = await call(t, owner, {
      url: `/api/v1/groups/${missing}`,
      headers: { 'accept-language': 'ru' },
    });
    expect(res.json().detail).toBe('Группа не найдена.');
  });
});

describe('PATCH /groups/{id}', () => {
  it('edits name, description and visibility, re-deriving the handle, with the full version in the ledger', async () => {
    const group = await createGroup(owner, { name: 'Old name', visibility: 'open' });
    const res = await call(t, owner, {
      method: 'PATCH',
      url: `/api/v1/groups/${group.id}`,
      payload: { name: 'New name', description: 'About us', visibility: 'closed' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'New name',
      handle: 'new-name',
      description: 'About us',
      visibility: 'closed',
    });
    const same = await call(t, owner, {
      method: 'PATCH',
      url: `/api/v1/groups/${group.id}`,
      payload: { name: 'new NAME' },
    });
    expect(same.json().handle).toBe('new-name');
    const entries = (await ledger(group.id)).filter((e) => e.action === 'group.updated');
    expect(entries).toHaveLength(2);
    expect(JSON.parse(entries[0]!.payload)).toMatchObject({
      name: 'New name',
      description: 'About us',
      visibility: 'closed',
      changes: expect.arrayContaining([{ field: 'name', before: 'Old name', after: 'New name' }]),
    });
  });

  it('is for group admins and platform admins: 403 for members, 404 for secret outsiders', async () => {
    const group = await createGroup(owner, { name: 'Managed', visibility: 'open' });
    const secret = await createGroup(owner, { name: 'Managed secret', visibility: 'secret' });
    const member = await signedIn(t, 'employee');
    await addMember(owner, group.id, member.id);
    const patch = (who: Person | null, id: string, payload: Record<string, unknown> = { description: 'x' }) =>
      call(t, who, { method: 'PATCH', url: `/api/v1/groups/${id}`, payload });
    expect((await patch(member, group.id)).statusCode).toBe(403);
    expect((await patch(admin, group.id)).statusCode).toBe(200);
    expect((await patch(admin, secret.id)).statusCode).toBe(404);
    expect((await patch(owner, missing)).statusCode).toBe(404);
    expect((await patch(owner, group.id, {})).statusCode).toBe(400);
    expect((await patch(owner, group.id, { visibility: 'hidden' })).statusCode).toBe(400);
    expect((await patch(owner, group.id, { name: '\u200B' })).json().code).toBe('NAME_EMPTY');
    expect((await patch(owner, group.id, { departmentId: missing })).statusCode).toBe(403);
    expect((await patch(null, group.id)).statusCode).toBe(401);
  });
});

describe('DELETE /groups/{id}', () => {
  it('deletes the group with its memberships, tells members, and keeps the last version in the ledger', async () => {
    const group = await createGroup(owner, { name: 'Short-lived', visibility: 'closed', description: 'bye' });
    const member = await signedIn(t, 'employee');
    await addMember(owner, group.id, member.id);
    expect((await call(t, member, { method: 'DELETE', url: `/api/v1/groups/${group.id}` })).statusCode).toBe(
      403,
    );
    expect((await call(t, null, { method: 'DELETE', url: `/api/v1/groups/${group.id}` })).statusCode).toBe(
      401,
    );
    const now = new Date().toISOString();
    const postId = '01900000-0000-7000-8000-0000000000f1';
    await t.database.handle.db
      .insertInto('posts')
      .values({
        id: postId,
        space_type: 'group',
        group_id: group.id,
        profile_id: null,
        author_id: member.id,
        body: 'hello',
        html: '<p>hello</p>',
        shared_post_id: null,
        preview_url: null,
        preview: null,
        pinned_at: null,
        hidden_at: null,
        hidden_by: null,
        created_at: now,
        updated_at: now,
        edited_at: null,
      })
      .execute();
    const res = await call(t, owner, { method: 'DELETE', url: `/api/v1/groups/${group.id}` });
    expect(res.statusCode).toBe(204);
    expect(
      await t.database.handle.db.selectFrom('posts').select('id').where('id', '=', postId).execute(),
    ).toEqual([]);
    expect((await call(t, owner, { url: `/api/v1/groups/${group.id}` })).statusCode).toBe(404);
    expect((await call(t, owner, { method: 'DELETE', url: `/api/v1/groups/${group.id}` })).statusCode).toBe(
      404,
    );
    const deleted = (await ledger(group.id)).find((e) => e.action === 'group.deleted');
    expect(JSON.parse(deleted!.payload)).toMatchObject({
      name: 'Short-lived',
      description: 'bye',
      memberCount: 2,
      postIds: [postId],
    });
    const events = await t.database.handle.db
      .selectFrom('stream_events')
      .select(['stream', 'type'])
      .where('stream', 'in', [`user:${member.id}`, `group:${group.id}`])
      .execute();
    expect(events).toContainEqual({ stream: `group:${group.id}`, type: 'group.deleted' });
    expect(events.filter((e) => e.stream === `user:${member.id}`).length).toBeGreaterThanOrEqual(2);
  });

  it('lets a platform admin delete a group they may see', async () => {
    const group = await createGroup(owner, { name: 'Admin cleans', visibility: 'open' });
    expect((await call(t, admin, { method: 'DELETE', url: `/api/v1/groups/${group.id}` })).statusCode).toBe(
      204,
    );
  });
});

describe('the role matrix', () => {
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

  /** GET status, then (if 200) read / post / join abilities, PATCH status, POST join status. */
  type Expect = {
    get: number;
    read?: boolean;
    post?: boolean;
    join?: boolean;
    patch: number;
    joinCall: number;
  };
  const x = (
    get: number,
    read: boolean,
    post: boolean,
    join: boolean,
    patch: number,
    joinCall: number,
  ): Expect => ({
    get,
    read,
    post,
    join,
    patch,
    joinCall,
  });
  const hidden = (patch: number, joinCall: number): Expect => ({ get: 404, patch, joinCall });
  const refused = (status: number): Expect => ({ get: status, patch: status, joinCall: status });

  const table: Record<Who, Record<'open' | 'closed' | 'secret', Expect>> = {
    'platform admin': {
      open: x(200, true, false, true, 200, 200),
      closed: x(200, true, false, false, 200, 200),
      secret: hidden(404, 404),
    },
    'platform moderator': {
      open: x(200, true, false, true, 403, 200),
      closed: x(200, true, false, false, 403, 200),
      secret: hidden(404, 404),
    },
    'group admin': {
      open: x(200, true, true, false, 200, 409),
      closed: x(200, true, true, false, 200, 409),
      secret: x(200, true, true, false, 200, 409),
    },
    'group moderator': {
      open: x(200, true, true, false, 403, 409),
      closed: x(200, true, true, false, 403, 409),
      secret: x(200, true, true, false, 403, 409),
    },
    member: {
      open: x(200, true, true, false, 403, 409),
      closed: x(200, true, true, false, 403, 409),
      secret: x(200, true, true, false, 403, 409),
    },
    'non-member employee': {
      open: x(200, true, false, true, 403, 200),
      closed: x(200, false, false, false, 403, 200),
      secret: hidden(404, 404),
    },
    'guest member': {
      open: x(200, true, true, false, 403, 403),
      closed: x(200, true, true, false, 403, 403),
      secret: x(200, true, true, false, 403, 403),
    },
    'guest non-member': {
      open: { get: 404, patch: 403, joinCall: 403 },
      closed: { get: 404, patch: 403, joinCall: 403 },
      secret: { get: 404, patch: 403, joinCall: 403 },
    },
    'deactivated member': { open: refused(401), closed: refused(401), secret: refused(401) },
    anonymous: { open: refused(401), closed: refused(401), secret: refused(401) },
  };

  const cases = (Object.keys(table) as Who[]).flatMap((who) =>
    (['open', 'closed', 'secret'] as const).map((visibility) => ({
      who,
      visibility,
      want: table[who][visibility],
    })),
  );

  /** A fresh group for each case, with an admin, a moderator, a member and a guest member. */
  async function cast(visibility: string, who: Who): Promise<{ groupId: string; caller: Person | null }> {
    const groupAdmin = await signedIn(t, 'employee');
    const { id } = await createGroup(groupAdmin, { name: `Matrix ${visibility}`, visibility });
    const add = async (person: Person) => addMember(groupAdmin, id, person.id);
    let caller: Person | null = null;
    switch (who) {
      case 'platform admin':
        caller = await signedIn(t, 'admin');
        break;
      case 'platform moderator':
        caller = await signedIn(t, 'moderator');
        break;
      case 'group admin':
        caller = groupAdmin;
        break;
      case 'group moderator':
        caller = await signedIn(t, 'employee');
        await add(caller);
        await call(t, groupAdmin, {
          method: 'PUT',
          url: `/api/v1/groups/${id}/members/${caller.id}/role`,
          payload: { role: 'moderator' },
        });
        break;
      case 'member':
        caller = await signedIn(t, 'employee');
        await add(caller);
        break;
      case 'non-member employee':
        caller = await signedIn(t, 'employee');
        break;
      case 'guest member':
        caller = await signedIn(t, 'guest');
        await add(caller);
        break;
      case 'guest non-member':
        caller = await signedIn(t, 'guest');
        break;
      case 'deactivated member':
        caller = await signedIn(t, 'employee');
        await add(caller);
        await t.database.handle.db
          .updateTable('users')
          .set({ status: 'deactivated' })
          .where('id', '=', caller.id)
          .execute();
        break;
      case 'anonymous':
        caller = null;
    }
    return { groupId: id, caller };
  }

  it.each(cases)('$who, $visibility group', async ({ who, visibility, want }) => {
    const { groupId, caller } = await cast(visibility, who);
    const get = await call(t, caller, { url: `/api/v1/groups/${groupId}` });
    expect(get.statusCode, get.body).toBe(want.get);
    if (want.get === 200) {
      expect(get.json().abilities).toMatchObject({ read: want.read, post: want.post, join: want.join });
    }
    const patch = await call(t, caller, {
      method: 'PATCH',
      url: `/api/v1/groups/${groupId}`,
      payload: { description: 'changed' },
    });
    expect(patch.statusCode, patch.body).toBe(want.patch);
    const join = await call(t, caller, { method: 'POST', url: `/api/v1/groups/${groupId}/join` });
    expect(join.statusCode, join.body).toBe(want.joinCall);
    if (want.joinCall === 200) {
      expect(join.json().state).toBe(visibility === 'open' ? 'member' : 'requested');
    }
  });
});
