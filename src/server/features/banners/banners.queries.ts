import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { BannersTable } from '../../platform/db/schema.js';

/** SQL of banners. */

function bannerQuery(db: Executor) {
  return db
    .selectFrom('banners')
    .leftJoin('users', 'users.id', 'banners.created_by')
    .selectAll('banners')
    .select('users.name as creator_name');
}
export type BannerRow = Awaited<ReturnType<ReturnType<typeof bannerQuery>['executeTakeFirstOrThrow']>>;

export function findBanner(db: Executor, id: string): Promise<BannerRow | undefined> {
  return bannerQuery(db).where('banners.id', '=', id).executeTakeFirst();
}

/** Banners still running at `now`, newest first. */
export function listRunningBanners(
  db: Executor,
  now: string,
  after: { i: string } | undefined,
  limit: number,
): Promise<BannerRow[]> {
  let query = bannerQuery(db).where('banners.ends_at', '>', now);
  if (after) query = query.where('banners.id', '<', after.i);
  return query.orderBy('banners.id', 'desc').limit(limit).execute();
}

export async function insertBanner(db: Executor, row: Insertable<BannersTable>): Promise<void> {
  await db.insertInto('banners').values(row).execute();
}

export async function updateBannerRow(
  db: Executor,
  id: string,
  patch: Updateable<BannersTable>,
): Promise<void> {
  await db.updateTable('banners').set(patch).where('id', '=', id).execute();
}

export async function deleteBannerRow(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('banners').where('id', '=', id).execute();
}
