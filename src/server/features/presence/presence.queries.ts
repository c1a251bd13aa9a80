import type { Executor } from '../../platform/db/database.js';

/** SQL of presence (C3): last seen, the hidden flag, and who may be looked up. */

/** Moves `last_seen_at` of these people to `at` (one statement per 500). */
export async function writeLastSeen(db: Executor, userIds: readonly string[], at: string): Promise<void> {
  for (let i = 0; i < userIds.length; i += 500) {
    await db
      .updateTable('users')
      .set({ last_seen_at: at })
      .where('id', 'in', userIds.slice(i, i + 500))
      .execute();
  }
}

export interface PresenceFacts {
  id: string;
  last_seen_at: string | null;
  presence_hidden: number;
}

/**
 * Last seen and the hidden flag of the people among `userIds` the viewer may know of: active
 * people only (deactivated and unknown ids are left out alike), and for a guest only themselves
 * and the people they share a group or a chat with — a lookup tells nothing the directory would
 * not.
 */
export async function selectPresenceFacts(
  db: Executor,
  viewer: { id: string; guest: boolean },
  userIds: readonly string[],
): Promise<PresenceFacts[]> {
  if (userIds.length === 0) return [];
  const rows: PresenceFacts[] = [];
  for (let i = 0; i < userIds.length; i += 500) {
    let query = db
      .selectFrom('users')
      .select(['id', 'last_seen_at', 'presence_hidden'])
      .where('id', 'in', userIds.slice(i, i + 500))
      .where('status', '=', 'active');
    if (viewer.guest) {
      query = query.where((eb) =>
        eb.or([
          eb('id', '=', viewer.id),
          eb(
            'id',
            'in',
            eb
              .selectFrom('group_members as theirs')
              .innerJoin('group_members as mine', 'mine.group_id', 'theirs.group_id')
              .select('theirs.user_id')
              .where('mine.user_id', '=', viewer.id),
          ),
          eb(
            'id',
            'in',
            eb
              .selectFrom('chat_members as theirs')
              .innerJoin('chat_members as mine', 'mine.chat_id', 'theirs.chat_id')
              .select('theirs.user_id')
              .where('mine.user_id', '=', viewer.id),
          ),
        ]),
      );
    }
    rows.push(...(await query.execute()));
  }
  return rows;
}

/** The person's own display name and hidden flag, read once when their socket opens. */
export async function selectSocketPerson(
  db: Executor,
  userId: string,
): Promise<{ name: string; presence_hidden: number } | undefined> {
  return db
    .selectFrom('users')
    .select(['name', 'presence_hidden'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function updatePresenceHidden(db: Executor, userId: string, hidden: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ presence_hidden: hidden ? 1 : 0 })
    .where('id', '=', userId)
    .execute();
}
