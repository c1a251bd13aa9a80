import type { Executor } from '../../platform/db/database.js';
import type { UserRow } from './users.queries.js';

/** Follows `followeeId` (no-op if already following). */
export async function insertFollow(
  db: Executor,
  followerId: string,
  followeeId: string,
  at: string,
): Promise<boolean> {
  const existing = await findFollow(db, followerId, followeeId);
  if (existing) return false;
  await db
    .insertInto('follows')
    .values({ follower_id: followerId, followee_id: followeeId, created_at: at })
    .execute();
  return true;
}

/** Stops following (no-op if not following). */
export async function deleteFollow(db: Executor, followerId: string, followeeId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('follows')
    .where('follower_id', '=', followerId)
    .where('followee_id', '=', followeeId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The follow of `followerId` → `followeeId`, if any. */
export function findFollow(db: Executor, followerId: string, followeeId: string) {
  return db
    .selectFrom('follows')
    .select('created_at')
    .where('follower_id', '=', followerId)
    .where('followee_id', '=', followeeId)
    .executeTakeFirst();
}

/** Active followers of a person and active people they follow. */
export async function countFollows(
  db: Executor,
  userId: string,
): Promise<{ followers: number; following: number }> {
  const followers = await db
    .selectFrom('follows')
    .innerJoin('users', 'users.id', 'follows.follower_id')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('follows.followee_id', '=', userId)
    .where('users.status', '=', 'active')
    .executeTakeFirstOrThrow();
  const following = await db
    .selectFrom('follows')
    .innerJoin('users', 'users.id', 'follows.followee_id')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('follows.follower_id', '=', userId)
    .where('users.status', '=', 'active')
    .executeTakeFirstOrThrow();
  return { followers: Number(followers.count), following: Number(following.count) };
}

/** A followed or following person with the time of the follow (the sort key). */
export type FollowRow = UserRow & { followed_at: string };

/**
 * One side of a person's follows, newest first: `followers` lists who follows `userId`,
 * `following` whom `userId` follows. Only active people are listed.
 */
export function listFollowPeople(
  db: Executor,
  side: 'followers' | 'following',
  userId: string,
  after: { t: string; i: string } | undefined,
  limit: number,
): Promise<FollowRow[]> {
  const [mine, theirs] =
    side === 'followers'
      ? (['follows.followee_id', 'follows.follower_id'] as const)
      : (['follows.follower_id', 'follows.followee_id'] as const);
  let query = db
    .selectFrom('follows')
    .innerJoin('users', 'users.id', theirs)
    .leftJoin('departments', 'departments.id', 'users.department_id')
    .selectAll('users')
    .select(['departments.name as department_name', 'follows.created_at as followed_at'])
    .where(mine, '=', userId)
    .where('users.status', '=', 'active');
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('follows.created_at', '<', after.t),
        eb.and([eb('follows.created_at', '=', after.t), eb('users.id', '<', after.i)]),
      ]),
    );
  }
  return query.orderBy('follows.created_at', 'desc').orderBy('users.id', 'desc').limit(limit).execute();
}
