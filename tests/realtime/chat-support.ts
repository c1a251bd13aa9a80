import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../src/server/platform/db/database.js';
import type { ChatKind, ChatRole } from '../../src/server/platform/db/schema.js';

/** Inserts a chat straight into the database with its members (the chats slice has its own tests). */
export async function insertChat(
  db: Db,
  kind: ChatKind,
  members: { id: string; role?: ChatRole }[],
): Promise<string> {
  const id = uuidv7();
  const now = new Date().toISOString();
  await db
    .insertInto('chats')
    .values({
      id,
      kind,
      name: kind === 'direct' ? null : `Chat ${id.slice(-6)}`,
      photo_key: null,
      direct_key:
        kind === 'direct'
          ? members
              .map((m) => m.id)
              .sort()
              .join(':')
          : null,
      group_id: null,
      department_id: null,
      created_by: members[0]?.id ?? null,
      member_count: members.length,
      last_message_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const member of members) {
    await db
      .insertInto('chat_members')
      .values({
        chat_id: id,
        user_id: member.id,
        role: member.role ?? 'member',
        via: 'added',
        joined_at: now,
        pinned_at: null,
        archived_at: null,
        folder_id: null,
      })
      .execute();
  }
  return id;
}
