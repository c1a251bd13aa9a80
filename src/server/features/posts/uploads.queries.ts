import type { Insertable, Selectable } from 'kysely';
import type { Actor } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { UploadsTable } from '../../platform/db/schema.js';
import { postReadableBy } from '../spaces/spaces.service.js';

/** SQL of uploaded images. */

export type UploadRow = Selectable<UploadsTable>;

export async function insertUploadRow(db: Executor, row: Insertable<UploadsTable>): Promise<void> {
  await db.insertInto('uploads').values(row).execute();
}

/**
 * An upload `actor` may see: their own, or one attached to a post they may read (the spaces
 * policy in SQL). Undefined otherwise, whether or not it exists.
 */
export function findViewableUpload(db: Executor, actor: Actor, id: string): Promise<UploadRow | undefined> {
  return db
    .selectFrom('uploads')
    .selectAll()
    .where('uploads.id', '=', id)
    .where((eb) =>
      eb.or([
        eb('uploads.owner_id', '=', actor.id),
        eb.exists(
          eb
            .selectFrom('post_attachments')
            .select(eb.lit(1).as('one'))
            .whereRef('post_attachments.upload_id', '=', 'uploads.id')
            .where('post_attachments.post_id', 'in', (sub) =>
              sub
                .selectFrom('posts')
                .select('posts.id')
                .where((pb) => postReadableBy(pb, actor)),
            ),
        ),
      ]),
    )
    .executeTakeFirst();
}
