import { z } from 'zod';
import type { Page, PageQuery } from '../../../shared/api/pagination.js';
import type { UserSummary } from '../../../shared/api/users.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Ctx, transact } from '../../platform/context.js';
import { decodeCursor, pageOf } from '../../platform/http/cursor.js';
import { AppError } from '../../platform/http/errors.js';
import { countFollows, deleteFollow, insertFollow, listFollowPeople } from './user-follows.queries.js';
import { authorize, canViewDirectory } from './users.policy.js';
import { presentUserSummary } from './users.presenter.js';
import { findUserById, listSkillsOf } from './users.queries.js';

/**
 * Following people (U4). Follows are not recorded in the ledger: they are neither content nor
 * an administrative act, and the feed reads them from `follows` directly.
 */

const followCursor = z.strictObject({ t: z.string().max(40), i: z.string().max(100) });

async function requireTarget(ctx: Ctx, id: string) {
  const target = await findUserById(ctx.db, id);
  if (!target) throw new AppError('USER_NOT_FOUND');
  return target;
}

/** `POST /users/{id}/follow`: idempotent; only active people can be followed, never oneself. */
export async function followUser(
  ctx: Ctx,
  id: string,
): Promise<{ followedByMe: boolean; followersCount: number }> {
  const actor = requireActor(ctx);
  authorize(canViewDirectory(actor));
  if (actor.id === id) throw new AppError('CANNOT_FOLLOW_SELF');
  const target = await requireTarget(ctx, id);
  if (target.status !== 'active') throw new AppError('USER_INACTIVE');
  await transact(ctx, (tx) => insertFollow(tx, actor.id, id, new Date().toISOString()));
  return { followedByMe: true, followersCount: (await countFollows(ctx.db, id)).followers };
}

/** `DELETE /users/{id}/follow`: idempotent. */
export async function unfollowUser(
  ctx: Ctx,
  id: string,
): Promise<{ followedByMe: boolean; followersCount: number }> {
  const actor = requireActor(ctx);
  authorize(canViewDirectory(actor));
  await requireTarget(ctx, id);
  await transact(ctx, (tx) => deleteFollow(tx, actor.id, id));
  return { followedByMe: false, followersCount: (await countFollows(ctx.db, id)).followers };
}

/** `GET /users/{id}/followers` and `/following`: active people, most recent follow first. */
export async function listFollows(
  ctx: Ctx,
  id: string,
  side: 'followers' | 'following',
  query: PageQuery,
): Promise<Page<UserSummary>> {
  const actor = requireActor(ctx);
  authorize(canViewDirectory(actor));
  await requireTarget(ctx, id);
  const rows = await listFollowPeople(
    ctx.db,
    side,
    id,
    decodeCursor(followCursor, query.cursor),
    query.limit + 1,
  );
  const skills = await listSkillsOf(
    ctx.db,
    rows.slice(0, query.limit).map((r) => r.id),
  );
  return pageOf(
    rows,
    query.limit,
    (r) => ({ t: r.followed_at, i: r.id }),
    (r) => presentUserSummary(r, skills.get(r.id) ?? []),
  );
}
