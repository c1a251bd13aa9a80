import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type {
  ChatKind,
  ChatNotify,
  ChatRole,
  ChatsTable,
  MessageKind,
  UserRole,
} from '../../platform/db/schema.js';
import { chunks } from './chat-members.queries.js';

export function insertChatRow(db: Executor, row: Insertable<ChatsTable>): Promise<unknown> {
  return db.insertInto('chats').values(row).execute();
}

export function updateChatRow(db: Executor, chatId: string, patch: Updateable<ChatsTable>): Promise<unknown> {
  return db.updateTable('chats').set(patch).where('id', '=', chatId).execute();
}

/** The direct chat of a pair (`direct_key`: both ids sorted, joined by ':'). */
export async function findDirectChatId(db: Executor, directKey: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('chats')
    .select('id')
    .where('direct_key', '=', directKey)
    .executeTakeFirst();
  return row?.id;
}

export async function findDepartmentName(db: Executor, departmentId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('departments')
    .select('name')
    .where('id', '=', departmentId)
    .executeTakeFirst();
  return row?.name;
}

/** A chat as the viewer is in it: the chat, the linked group or department name, their row. */
export interface ChatListRow {
  id: string;
  kind: ChatKind;
  name: string | null;
  photo_key: string | null;
  group_id: string | null;
  department_id: string | null;
  member_count: number;
  last_seq: number;
  last_message_at: string | null;
  created_at: string;
  group_name: string | null;
  department_name: string | null;
  role: ChatRole;
  last_read_seq: number;
  muted: number;
  notify: ChatNotify;
  pinned_at: string | null;
  archived_at: string | null;
  folder_id: string | null;
  /** 1 when pinned: the list's first sort key. */
  pinned: number;
  /** The newest message's time, or the chat's creation: the list's second sort key. */
  activity: string;
}

/** The list's sort keys (pinned first, then newest activity, then id), as the cursor holds them. */
export interface ChatListKey {
  p: number;
  a: string;
  i: string;
}

const pinnedExpr = sql<number>`case when cm.pinned_at is null then 0 else 1 end`;
const activityExpr = sql<string>`coalesce(c.last_message_at, c.created_at)`;

function viewerChats(db: Executor, viewerId: string) {
  return db
    .selectFrom('chat_members as cm')
    .innerJoin('chats as c', 'c.id', 'cm.chat_id')
    .leftJoin('groups as g', 'g.id', 'c.group_id')
    .leftJoin('departments as d', 'd.id', 'c.department_id')
    .select([
      'c.id',
      'c.kind',
      'c.name',
      'c.photo_key',
      'c.group_id',
      'c.department_id',
      'c.member_count',
      'c.last_seq',
      'c.last_message_at',
      'c.created_at',
      'g.name as group_name',
      'd.name as department_name',
      'cm.role',
      'cm.last_read_seq',
      'cm.muted',
      'cm.notify',
      'cm.pinned_at',
      'cm.archived_at',
      'cm.folder_id',
      pinnedExpr.as('pinned'),
      activityExpr.as('activity'),
    ])
    .where('cm.user_id', '=', viewerId);
}

/** One chat of the viewer's, or undefined when they are not in it. */
export function findViewerChat(
  db: Executor,
  viewerId: string,
  chatId: string,
): Promise<ChatListRow | undefined> {
  return viewerChats(db, viewerId).where('c.id', '=', chatId).executeTakeFirst();
}

/** A page of the viewer's own chats (the join on their rows is the visibility rule). */
export function listViewerChats(
  db: Executor,
  viewerId: string,
  filter: { folderId?: string; archived: boolean; after?: ChatListKey },
  limit: number,
): Promise<ChatListRow[]> {
  let query = viewerChats(db, viewerId).where('cm.archived_at', filter.archived ? 'is not' : 'is', null);
  if (filter.folderId) query = query.where('cm.folder_id', '=', filter.folderId);
  const after = filter.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb(pinnedExpr, '<', after.p),
        eb.and([
          eb(pinnedExpr, '=', after.p),
          eb.or([
            eb(activityExpr, '<', after.a),
            eb.and([eb(activityExpr, '=', after.a), eb('c.id', '<', after.i)]),
          ]),
        ]),
      ]),
    );
  }
  return query
    .orderBy(pinnedExpr, 'desc')
    .orderBy(activityExpr, 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
}

export interface PeerRow {
  chat_id: string;
  user_id: string;
  name: string;
  photo_key: string | null;
  platform_role: UserRole;
}

/** The other person of each of these direct chats. */
export async function listPeers(
  db: Executor,
  chatIds: readonly string[],
  viewerId: string,
): Promise<PeerRow[]> {
  const rows: PeerRow[] = [];
  for (const part of chunks(chatIds)) {
    rows.push(
      ...(await db
        .selectFrom('chat_members as cm')
        .innerJoin('users as u', 'u.id', 'cm.user_id')
        .select(['cm.chat_id', 'cm.user_id', 'u.name', 'u.photo_key', 'u.role as platform_role'])
        .where('cm.chat_id', 'in', part)
        .where('cm.user_id', '<>', viewerId)
        .execute()),
    );
  }
  return rows;
}

export interface LastMessageRow {
  chat_id: string;
  id: string;
  seq: number;
  kind: MessageKind;
  body: string;
  created_at: string;
  deleted_at: string | null;
  author_id: string | null;
  author_name: string | null;
  author_photo_key: string | null;
  author_role: UserRole | null;
}

/** The message at each chat's `last_seq` (the newest one). */
export async function listLastMessages(db: Executor, chatIds: readonly string[]): Promise<LastMessageRow[]> {
  const rows: LastMessageRow[] = [];
  for (const part of chunks(chatIds)) {
    rows.push(
      ...(await db
        .selectFrom('chats as c')
        .innerJoin('messages as m', (join) =>
          join.onRef('m.chat_id', '=', 'c.id').onRef('m.seq', '=', 'c.last_seq'),
        )
        .leftJoin('users as u', 'u.id', 'm.author_id')
        .select([
          'm.chat_id',
          'm.id',
          'm.seq',
          'm.kind',
          'm.body',
          'm.created_at',
          'm.deleted_at',
          'm.author_id',
          'u.name as author_name',
          'u.photo_key as author_photo_key',
          'u.role as author_role',
        ])
        .where('c.id', 'in', part)
        .execute()),
    );
  }
  return rows;
}

/**
 * Unread messages per chat of the viewer's (only chats with any): messages from others after
 * their read position, neither deleted nor system notes. `chatIds` narrows it to a page.
 */
export async function countUnread(
  db: Executor,
  viewerId: string,
  chatIds?: readonly string[],
): Promise<{ chat_id: string; muted: number; n: number }[]> {
  const run = (part?: readonly string[]) => {
    let query = db
      .selectFrom('chat_members as cm')
      .innerJoin('messages as m', 'm.chat_id', 'cm.chat_id')
      .select(['cm.chat_id', 'cm.muted', (eb) => eb.fn.countAll<number>().as('n')])
      .where('cm.user_id', '=', viewerId)
      .whereRef('m.seq', '>', 'cm.last_read_seq')
      .where('m.deleted_at', 'is', null)
      .where('m.kind', '<>', 'system')
      .where((eb) => eb.or([eb('m.author_id', 'is', null), eb('m.author_id', '<>', viewerId)]));
    if (part) query = query.where('cm.chat_id', 'in', part);
    return query.groupBy(['cm.chat_id', 'cm.muted']).execute();
  };
  if (!chatIds) return (await run()).map((r) => ({ ...r, n: Number(r.n) }));
  const rows = [];
  for (const part of chunks(chatIds)) rows.push(...(await run(part)));
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Active admins other than the viewer, per chat (the last admin may not leave). */
export async function countOtherAdmins(
  db: Executor,
  viewerId: string,
  chatIds: readonly string[],
): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  for (const part of chunks(chatIds)) {
    const rows = await db
      .selectFrom('chat_members as cm')
      .innerJoin('users as u', 'u.id', 'cm.user_id')
      .select(['cm.chat_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('cm.chat_id', 'in', part)
      .where('cm.role', '=', 'admin')
      .where('cm.user_id', '<>', viewerId)
      .where('u.status', '=', 'active')
      .groupBy('cm.chat_id')
      .execute();
    for (const row of rows) result.set(row.chat_id, Number(row.n));
  }
  return result;
}
