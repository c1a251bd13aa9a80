import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { ChatMemberVia, ChatRole, UserRole, UserStatus } from '../../platform/db/schema.js';

/** SQLite caps bound parameters per statement: long id lists go in chunks. */
const chunkSize = 400;

export function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += chunkSize) result.push(items.slice(i, i + chunkSize));
  return result;
}

/** The facts about a person the chat membership rules look at. */
export interface ChatPersonFacts {
  id: string;
  role: UserRole;
  status: UserStatus;
}

export async function listPersonFacts(db: Executor, userIds: readonly string[]): Promise<ChatPersonFacts[]> {
  const rows: ChatPersonFacts[] = [];
  for (const part of chunks(userIds)) {
    rows.push(
      ...(await db.selectFrom('users').select(['id', 'role', 'status']).where('id', 'in', part).execute()),
    );
  }
  return rows;
}

export interface NewChatMember {
  chat_id: string;
  user_id: string;
  role: ChatRole;
  via: ChatMemberVia;
  joined_at: string;
}

export async function insertChatMembers(db: Executor, rows: readonly NewChatMember[]): Promise<void> {
  for (const part of chunks(rows)) await db.insertInto('chat_members').values(part).execute();
}

export async function deleteChatMembers(
  db: Executor,
  chatId: string,
  userIds: readonly string[],
): Promise<void> {
  for (const part of chunks(userIds)) {
    await db.deleteFrom('chat_members').where('chat_id', '=', chatId).where('user_id', 'in', part).execute();
  }
}

export async function updateChatMemberRole(
  db: Executor,
  chatId: string,
  userId: string,
  role: ChatRole,
): Promise<void> {
  await db
    .updateTable('chat_members')
    .set({ role })
    .where('chat_id', '=', chatId)
    .where('user_id', '=', userId)
    .execute();
}

/** Keeps `chats.member_count` exact: counted, never incremented, so a race cannot skew it. */
export async function recountChatMembers(db: Executor, chatId: string): Promise<void> {
  await db
    .updateTable('chats')
    .set({
      member_count: sql<number>`(select count(*) from chat_members where chat_members.chat_id = ${chatId})`,
      updated_at: new Date().toISOString(),
    })
    .where('id', '=', chatId)
    .execute();
}

/** Every member of a chat with their role and how they came in (small: the sync compares it). */
export function listMemberRoles(
  db: Executor,
  chatId: string,
  onlyUserId?: string,
): Promise<{ user_id: string; role: ChatRole; via: ChatMemberVia }[]> {
  let query = db.selectFrom('chat_members').select(['user_id', 'role', 'via']).where('chat_id', '=', chatId);
  if (onlyUserId) query = query.where('user_id', '=', onlyUserId);
  return query.execute();
}

/** One member's row, if they are one. */
export function findChatMember(
  db: Executor,
  chatId: string,
  userId: string,
): Promise<{ role: ChatRole; via: ChatMemberVia } | undefined> {
  return db
    .selectFrom('chat_members')
    .select(['role', 'via'])
    .where('chat_id', '=', chatId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Active admins of a chat other than `exceptUserId` (a chat keeps at least one). */
export async function countOtherActiveAdmins(
  db: Executor,
  chatId: string,
  exceptUserId: string,
): Promise<number> {
  const row = await db
    .selectFrom('chat_members as cm')
    .innerJoin('users as u', 'u.id', 'cm.user_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('cm.chat_id', '=', chatId)
    .where('cm.role', '=', 'admin')
    .where('cm.user_id', '<>', exceptUserId)
    .where('u.status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface ChatMemberListRow {
  user_id: string;
  name: string;
  name_search: string;
  photo_key: string | null;
  platform_role: UserRole;
  role: ChatRole;
  via: ChatMemberVia;
  joined_at: string;
}

function memberList(db: Executor, chatId: string) {
  return db
    .selectFrom('chat_members as cm')
    .innerJoin('users as u', 'u.id', 'cm.user_id')
    .select([
      'cm.user_id',
      'u.name',
      'u.name_search',
      'u.photo_key',
      'u.role as platform_role',
      'cm.role',
      'cm.via',
      'cm.joined_at',
    ])
    .where('cm.chat_id', '=', chatId);
}

/** One member as member lists show them. */
export function findChatMemberRow(
  db: Executor,
  chatId: string,
  userId: string,
): Promise<ChatMemberListRow | undefined> {
  return memberList(db, chatId).where('cm.user_id', '=', userId).executeTakeFirst();
}

/** A page of a chat's members by name (then id), starting after `after`. */
export function listChatMembersPage(
  db: Executor,
  chatId: string,
  after: { n: string; i: string } | undefined,
  limit: number,
): Promise<ChatMemberListRow[]> {
  let query = memberList(db, chatId);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('u.name_search', '>', after.n),
        eb.and([eb('u.name_search', '=', after.n), eb('cm.user_id', '>', after.i)]),
      ]),
    );
  }
  return query.orderBy('u.name_search').orderBy('cm.user_id').limit(limit).execute();
}

export function deleteChatRow(db: Executor, chatId: string): Promise<unknown> {
  return db.deleteFrom('chats').where('id', '=', chatId).execute();
}

export async function listMemberIds(db: Executor, chatId: string): Promise<string[]> {
  const rows = await db.selectFrom('chat_members').select('user_id').where('chat_id', '=', chatId).execute();
  return rows.map((r) => r.user_id);
}
