import { v7 as uuidv7 } from 'uuid';
import { call, type Person } from '../../../../tests/support/people.js';
import type { TestApp } from '../../../../tests/support/test-app.js';

/**
 * Test helpers of the message tests: chats are stored directly (the chat routes have tests of
 * their own), messages go through HTTP.
 */

/** A chat of `owner` (its admin) with `members`; returns its id. */
export async function makeChat(
  t: TestApp,
  owner: Person,
  members: readonly Person[],
  kind: 'direct' | 'group' | 'channel' = 'group',
): Promise<string> {
  const db = t.database.handle.db;
  const id = uuidv7();
  const now = new Date().toISOString();
  await db
    .insertInto('chats')
    .values({
      id,
      kind,
      name: kind === 'direct' ? null : `Chat ${id.slice(-6)}`,
      photo_key: null,
      direct_key: kind === 'direct' ? [owner.id, members[0]!.id].sort().join(':') : null,
      group_id: null,
      department_id: null,
      created_by: owner.id,
      member_count: members.length + 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('chat_members')
    .values([
      { chat_id: id, user_id: owner.id, role: 'admin', via: 'creator', joined_at: now },
      ...members.map((m) => ({
        chat_id: id,
        user_id: m.id,
        role: 'member' as const,
        via: 'added' as const,
        joined_at: now,
      })),
    ])
    .execute();
  return id;
}

let sends = 0;

/** `POST /chats/{id}/messages` with a fresh clientId unless one is given. */
export function send(t: TestApp, who: Person, chatId: string, payload: Record<string, unknown>) {
  sends += 1;
  return call(t, who, {
    method: 'POST',
    url: `/api/v1/chats/${chatId}/messages`,
    payload: { clientId: `c-${sends}-${uuidv7()}`, ...payload },
  });
}

/** Sends a text and returns the stored message. */
export async function sendText(t: TestApp, who: Person, chatId: string, body: string) {
  const res = await send(t, who, chatId, { body });
  if (res.statusCode !== 201) throw new Error(`send failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; seq: number; body: string; html: string };
}

/** The stored events of a chat's stream, oldest first. */
export function chatEvents(t: TestApp, chatId: string) {
  return t.database.handle.db
    .selectFrom('stream_events')
    .select(['seq', 'type', 'data'])
    .where('stream', '=', `chat:${chatId}`)
    .orderBy('seq')
    .execute();
}
