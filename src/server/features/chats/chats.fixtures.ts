import { v7 as uuidv7 } from 'uuid';
import { expect } from 'vitest';
import { call, type Person } from '../../../../tests/support/people.js';
import type { TestApp } from '../../../../tests/support/test-app.js';
import type { ChatView } from '../../../shared/api/chats.js';

/** Helpers the chat tests share: creating chats through the API and writing messages directly. */

export const missingId = '01900000-0000-7000-8000-00000000abcd';

export async function createChat(
  t: TestApp,
  who: Person,
  body: { kind: 'direct' | 'group' | 'channel'; memberIds: string[]; name?: string },
): Promise<ChatView> {
  const res = await call(t, who, { method: 'POST', url: '/api/v1/chats', payload: body });
  if (res.statusCode !== 201 && res.statusCode !== 200)
    throw new Error(`create: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Expects a problem response with `status` and `code`. */
export function expectProblem(
  res: { statusCode: number; json(): unknown; body: string },
  status: number,
  code: string,
) {
  expect(res.statusCode, res.body).toBe(status);
  expect((res.json() as { code: string }).code).toBe(code);
}

/**
 * Stores a message the way the messages slice does (next seq, `last_seq`, `last_message_at`),
 * without its realtime event: these tests look at lists and counts, not delivery.
 */
export async function insertMessage(
  t: TestApp,
  chatId: string,
  authorId: string | null,
  props: { body?: string; kind?: 'text' | 'system'; deleted?: boolean } = {},
): Promise<number> {
  const db = t.database.handle.db;
  const chat = await db
    .selectFrom('chats')
    .select('last_seq')
    .where('id', '=', chatId)
    .executeTakeFirstOrThrow();
  const seq = Number(chat.last_seq) + 1;
  const now = new Date(Date.now() + seq).toISOString();
  await db
    .insertInto('messages')
    .values({
      id: uuidv7(),
      chat_id: chatId,
      seq,
      client_id: authorId ? uuidv7() : null,
      author_id: authorId,
      kind: props.kind ?? 'text',
      body: props.body ?? `message ${seq}`,
      html: `<p>message ${seq}</p>`,
      reply_to_id: null,
      thread_root_id: null,
      forwarded_from_id: null,
      sticker_id: null,
      created_at: now,
      edited_at: null,
      deleted_at: props.deleted ? now : null,
      deleted_by: null,
    })
    .execute();
  await db
    .updateTable('chats')
    .set({ last_seq: seq, last_message_at: now })
    .where('id', '=', chatId)
    .execute();
  return seq;
}

export async function memberIdsOf(t: TestApp, chatId: string): Promise<string[]> {
  const rows = await t.database.handle.db
    .selectFrom('chat_members')
    .select('user_id')
    .where('chat_id', '=', chatId)
    .orderBy('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

export async function eventsOf(t: TestApp, stream: string): Promise<{ type: string; data: unknown }[]> {
  const rows = await t.database.handle.db
    .selectFrom('stream_events')
    .select(['type', 'data'])
    .where('stream', '=', stream)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ type: r.type, data: JSON.parse(r.data as string) }));
}

export async function ledgerActions(t: TestApp, chatId: string): Promise<string[]> {
  const rows = await t.database.handle.db
    .selectFrom('ledger')
    .select('action')
    .where('subject_id', '=', chatId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}
