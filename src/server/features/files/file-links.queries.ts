import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { FileLinksTable, UserRole } from '../../platform/db/schema.js';

export type LinkRecord = Selectable<FileLinksTable>;

/** A link with its creator's display facts. */
export interface LinkRow extends LinkRecord {
  creator_name: string;
  creator_photo_key: string | null;
  creator_position: string | null;
  creator_role: UserRole;
}

function selectLinks(db: Executor) {
  return db
    .selectFrom('file_links as l')
    .innerJoin('users as creator', 'creator.id', 'l.created_by')
    .selectAll('l')
    .select([
      'creator.name as creator_name',
      'creator.photo_key as creator_photo_key',
      'creator.position as creator_position',
      'creator.role as creator_role',
    ]);
}

export async function insertLinkRow(db: Executor, row: Insertable<FileLinksTable>): Promise<void> {
  await db.insertInto('file_links').values(row).execute();
}

/** A page of a file's links, newest first. */
export function listLinkRows(
  db: Executor,
  fileId: string,
  beforeId: string | undefined,
  limit: number,
): Promise<LinkRow[]> {
  let query = selectLinks(db).where('l.file_id', '=', fileId);
  if (beforeId) query = query.where('l.id', '<', beforeId);
  return query.orderBy('l.id', 'desc').limit(limit).execute();
}

/** One link of the file, or undefined. */
export function findLinkRow(db: Executor, fileId: string, id: string): Promise<LinkRow | undefined> {
  return selectLinks(db).where('l.file_id', '=', fileId).where('l.id', '=', id).executeTakeFirst();
}

/** The link whose token hashes to `tokenHash`, whatever its state (the service judges it). */
export function findLinkByTokenHash(db: Executor, tokenHash: string): Promise<LinkRecord | undefined> {
  return db.selectFrom('file_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function revokeLinkRow(db: Executor, id: string, by: string, now: string): Promise<void> {
  await db
    .updateTable('file_links')
    .set({ revoked_at: now, revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}
