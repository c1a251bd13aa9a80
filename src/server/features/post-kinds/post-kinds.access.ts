import type { PersonRef } from '../../../shared/api/post-kinds.js';
import { requireActor } from '../../platform/auth/guards.js';
import type { Actor, Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { PostKind } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import {
  canModerateSpace,
  canReadPost,
  canReadSpace,
  resolvePostSpace,
  type Space,
} from '../spaces/spaces.service.js';
import { photoUrlOf } from '../users/users.presenter.js';
import { findKindPost, type KindPostRow, listGroupRoles, listPeopleFacts } from './post-kinds.queries.js';

/**
 * Loading a kind post for an action, and set-based reading rights (who among these people may
 * still read it) for the reminders, which must never notify someone who may not read the post.
 */

const notAKind = {
  event: 'NOT_AN_EVENT',
  poll: 'NOT_A_POLL',
  announcement: 'NOT_AN_ANNOUNCEMENT',
  vacancy: 'NOT_A_VACANCY',
} as const;

export interface KindPostAccess {
  actor: Actor;
  post: KindPostRow;
  space: Space;
}

/**
 * The post `id` as `ctx.actor` may act on it: 404 POST_NOT_FOUND when it does not exist or the
 * actor may not read it (a secret group's event is not there for a non-member), 404 NOT_A_… when
 * it is not of `kind`.
 */
export async function requireKindPost(
  ctx: Ctx,
  id: string,
  kind: Exclude<PostKind, 'post'>,
): Promise<KindPostAccess> {
  const actor = requireActor(ctx);
  const post = await findKindPost(ctx.db, id);
  if (!post) throw new AppError('POST_NOT_FOUND');
  const { space, readable } = await canReadPost(ctx, actor, post);
  if (!readable) throw new AppError('POST_NOT_FOUND');
  if (post.kind !== kind) throw new AppError(notAKind[kind]);
  return { actor, post, space };
}

/** Of `userIds`, those who may read `post` now (active, in its space, and not hidden from them). */
export async function readersAmong(
  db: Executor,
  post: KindPostRow,
  userIds: readonly string[],
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const people = await listPeopleFacts(db, userIds);
  const base = await resolvePostSpace(db, null, post);
  const roles = post.group_id ? await listGroupRoles(db, post.group_id, userIds) : new Map();
  return people
    .filter((person) => {
      const actor: Actor = {
        id: person.id,
        role: person.role,
        status: person.status,
        departmentId: person.department_id,
      };
      const space: Space =
        base.type === 'group' ? { ...base, viewerRole: roles.get(person.id) ?? null } : base;
      if (!canReadSpace(actor, space)) return false;
      return post.hidden_at === null || person.id === post.author_id || canModerateSpace(actor, space);
    })
    .map((person) => person.id);
}

/**
 * A person as the kind lists show them. `role` marks guests; lists only employees can be on
 * (announcement readers, referrers) may leave it out.
 */
export function presentPersonRef(row: {
  id: string;
  name: string;
  photo_key: string | null;
  role?: string;
}): PersonRef {
  return { id: row.id, name: row.name, photoUrl: photoUrlOf(row), isGuest: row.role === 'guest' };
}
