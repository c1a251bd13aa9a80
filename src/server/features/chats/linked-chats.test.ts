import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import type { LinkedChat } from '../../../shared/api/chats.js';
import { eventsOf, expectProblem, ledgerActions, memberIdsOf, missingId } from './chats.fixtures.js';

let t: TestApp;
let admin: Person;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t, 'admin');
});
afterAll(async () => {
  await t.close();
});

const post = (who: Person, url: string, payload?: Record<string, unknown>) =>
  call(t, who, { method: 'POST', url, ...(payload === undefined ? {} : { payload }) });

async function roleIn(chatId: string, userId: string): Promise<string | undefined> {
  const row = await t.database.handle.db
    .selectFrom('chat_members')
    .select(['role', 'via'])
    .where('chat_id', '=', chatId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? `${row.role}/${row.via}` : undefined;
}

describe("a group's chat", () => {
  it('is opened once by the group’s admins and follows the group’s members and admins', async () => {
    const owner = await signedIn(t, 'employee', { name: 'Owner' });
    const member = await signedIn(t, 'employee', { name: 'Member' });
    const later = await signedIn(t, 'employee', { name: 'Later' });
    const guest = await signedIn(t, 'guest', { name: 'Guest' });
    const group = (await post(owner, '/api/v1/groups', { name: 'Makers', visibility: 'open' })).json();
    expect((await post(member, `/api/v1/groups/${group.id}/join`)).statusCode).toBe(200);

    expectProblem(await post(member, `/api/v1/groups/${group.id}/chat`), 403, 'FORBIDDEN');
    const opened = await post(owner, `/api/v1/groups/${group.id}/chat`);
    expect(opened.statusCode, opened.body).toBe(201);
    const linked: LinkedChat = opened.json();
    expect(linked.created).toBe(true);
    expect(linked.chat).toMatchObject({
      kind: 'group',
      name: 'Makers',
      linkedGroupId: group.id,
      memberCount: 2,
    });
    expect(linked.chat?.viewer.role).toBe('admin');
    expect(linked.chat?.abilities).toMatchObject({
      post: true,
      edit: false,
      addMembers: false,
      leave: false,
    });
    const chatId = linked.chatId;
    expect(await roleIn(chatId, member.id)).toBe('member/linked');

    const again = await post(admin, `/api/v1/groups/${group.id}/chat`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ chatId, created: false, chat: null });

    // Joining, being added (guests too), being promoted and leaving the group move the chat with it.
    await post(later, `/api/v1/groups/${group.id}/join`);
    await post(owner, `/api/v1/groups/${group.id}/members`, { userId: guest.id });
    expect(await memberIdsOf(t, chatId)).toEqual([owner.id, member.id, later.id, guest.id].sort());
    expect((await call(t, guest, { url: `/api/v1/chats/${chatId}` })).json().abilities.post).toBe(true);
    await call(t, owner, {
      method: 'PUT',
      url: `/api/v1/groups/${group.id}/members/${member.id}/role`,
      payload: { role: 'admin' },
    });
    expect(await roleIn(chatId, member.id)).toBe('admin/linked');
    const left = await call(t, later, {
      method: 'DELETE',
      url: `/api/v1/groups/${group.id}/members/${later.id}`,
    });
    expect(left.statusCode, left.body).toBeLessThan(300);
    expect(await roleIn(chatId, later.id)).toBeUndefined();
    expect(
      (await eventsOf(t, `user:${later.id}`)).filter((e) => e.type === 'chats.changed').map((e) => e.data),
    ).toEqual([
      { chatId, reason: 'joined' },
      { chatId, reason: 'left' },
    ]);

    // Hand-made changes are refused: the group decides.
    const dan = await signedIn(t, 'employee');
    expectProblem(await post(owner, `/api/v1/chats/${chatId}/members/${dan.id}`), 409, 'CHAT_MEMBERS_FIXED');
    const leave = await call(t, member, {
      method: 'DELETE',
      url: `/api/v1/chats/${chatId}/members/${member.id}`,
    });
    expectProblem(leave, 409, 'CHAT_MEMBERS_FIXED');

    // A file sent in the chat: its bytes must outlive the chat's rows for compliance (X6).
    const blobKey = 'ab'.repeat(32);
    const thumbKey = 'cd'.repeat(32);
    await t.database.handle.db
      .insertInto('chat_attachments')
      .values({
        id: uuidv7(),
        chat_id: chatId,
        message_id: null,
        uploader_id: owner.id,
        blob_key: blobKey,
        name: 'plan.pdf',
        mime: 'application/pdf',
        size: 10,
        width: null,
        height: null,
        thumb_key: thumbKey,
        created_at: new Date().toISOString(),
      })
      .execute();

    // Deleting the group takes its chat along, and tells every member's sockets.
    expect((await call(t, owner, { method: 'DELETE', url: `/api/v1/groups/${group.id}` })).statusCode).toBe(
      204,
    );
    const held = await t.database.handle.db
      .selectFrom('ledger_blob_keys')
      .select('blob_key')
      .where('blob_key', 'in', [blobKey, thumbKey])
      .execute();
    expect(held.map((r) => r.blob_key).sort()).toEqual([blobKey, thumbKey]);
    expectProblem(await call(t, owner, { url: `/api/v1/chats/${chatId}` }), 404, 'CHAT_NOT_FOUND');
    expect((await eventsOf(t, `user:${guest.id}`)).at(-2)).toEqual({
      type: 'chats.changed',
      data: { chatId, reason: 'left' },
    });
    expect((await ledgerActions(t, chatId)).at(-1)).toBe('chat.deleted');
  });

  it('answers 404 for a group the caller may not know of', async () => {
    expectProblem(await post(admin, `/api/v1/groups/${missingId}/chat`), 404, 'GROUP_NOT_FOUND');
  });
});

describe("a department's chat", () => {
  it('holds the active people of the department and below it, following the directory', async () => {
    const dept = (await post(admin, '/api/v1/departments', { name: 'Engineering' })).json();
    const sub = (await post(admin, '/api/v1/departments', { name: 'Platform', parentId: dept.id })).json();
    const other = (await post(admin, '/api/v1/departments', { name: 'Sales' })).json();
    const head = await signedIn(t, 'employee');
    const dev = await signedIn(t, 'employee');
    const seller = await signedIn(t, 'employee');
    const move = (who: Person, departmentId: string | null) =>
      call(t, admin, { method: 'PATCH', url: `/api/v1/users/${who.id}`, payload: { departmentId } });
    await move(head, dept.id);
    await move(dev, sub.id);
    await move(seller, other.id);
    await call(t, admin, {
      method: 'PATCH',
      url: `/api/v1/departments/${dept.id}`,
      payload: { headId: head.id },
    });

    expectProblem(await post(head, `/api/v1/departments/${dept.id}/chat`), 403, 'FORBIDDEN');
    const opened = await post(admin, `/api/v1/departments/${dept.id}/chat`);
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json()).toMatchObject({ created: true, chat: null });
    const chatId: string = opened.json().chatId;
    expect(await memberIdsOf(t, chatId)).toEqual([head.id, dev.id].sort());
    expect(await roleIn(chatId, head.id)).toBe('admin/linked');
    const view = (await call(t, dev, { url: `/api/v1/chats/${chatId}` })).json();
    expect(view).toMatchObject({ name: 'Engineering', linkedDepartmentId: dept.id, memberCount: 2 });

    // A person moving in or out of the subtree, and a department moving under it.
    await move(seller, sub.id);
    expect(await roleIn(chatId, seller.id)).toBe('member/linked');
    await move(dev, null);
    expect(await roleIn(chatId, dev.id)).toBeUndefined();
    const support = (await post(admin, '/api/v1/departments', { name: 'Support' })).json();
    const helper = await signedIn(t, 'employee');
    await move(helper, support.id);
    expect(await roleIn(chatId, helper.id)).toBeUndefined();
    await call(t, admin, {
      method: 'PATCH',
      url: `/api/v1/departments/${support.id}`,
      payload: { parentId: dept.id },
    });
    expect(await roleIn(chatId, helper.id)).toBe('member/linked');

    // Deactivated people leave the chat and come back with their reactivation.
    expect((await post(admin, `/api/v1/users/${seller.id}/deactivate`)).statusCode).toBeLessThan(300);
    expect(await roleIn(chatId, seller.id)).toBeUndefined();
    expect((await post(admin, `/api/v1/users/${seller.id}/reactivate`)).statusCode).toBeLessThan(300);
    expect(await roleIn(chatId, seller.id)).toBe('member/linked');

    expect((await post(admin, `/api/v1/departments/${dept.id}/chat`)).json()).toMatchObject({
      chatId,
      created: false,
    });
    expectProblem(await post(admin, `/api/v1/departments/${missingId}/chat`), 404, 'DEPARTMENT_NOT_FOUND');
  });
});
