import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';

export interface FolderRow {
  id: string;
  name: string;
  position: number;
  chat_count: number;
}

/** The person's folder, or undefined when it is not theirs (or does not exist). */
export function findFolder(
  db: Executor,
  userId: string,
  folderId: string,
): Promise<{ id: string; name: string; position: number } | undefined> {
  return db
    .selectFrom('chat_folders')
    .select(['id', 'name', 'position'])
    .where('id', '=', folderId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Every folder of the person's (at most `chatLimits.folders`), in their order, with chat counts. */
export function listFolders(db: Executor, userId: string): Promise<FolderRow[]> {
  return db
    .selectFrom('chat_folders as f')
    .select([
      'f.id',
      'f.name',
      'f.position',
      sql<number>`(select count(*) from chat_members cm where cm.folder_id = f.id and cm.user_id = f.user_id)`.as(
        'chat_count',
      ),
    ])
    .where('f.user_id', '=', userId)
    .orderBy('f.position')
    .orderBy('f.id')
    .execute();
}

export async function countFolders(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('chat_folders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function insertFolder(
  db: Executor,
  row: { id: string; user_id: string; name: string; position: number; created_at: string },
): Promise<unknown> {
  return db.insertInto('chat_folders').values(row).execute();
}

export function updateFolder(
  db: Executor,
  folderId: string,
  patch: { name?: string; position?: number },
): Promise<unknown> {
  return db.updateTable('chat_folders').set(patch).where('id', '=', folderId).execute();
}

/** Chats leave the folder first: the foreign key would too, but not on every engine's settings. */
export async function deleteFolder(db: Executor, userId: string, folderId: string): Promise<void> {
  await db
    .updateTable('chat_members')
    .set({ folder_id: null })
    .where('user_id', '=', userId)
    .where('folder_id', '=', folderId)
    .execute();
  await db.deleteFrom('chat_folders').where('id', '=', folderId).where('user_id', '=', userId).execute();
}
