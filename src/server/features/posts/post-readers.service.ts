import { requireActor } from '../../platform/auth/guards.js';
import type { Actor, Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { PostsTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/errors.js';
import { type PostSpaceFacts, resolvePostSpace, type Space } from '../spaces/spaces.service.js';
import { canReadPostIn } from './posts.policy.js';
import { findPostRow, listGroupRoles, listReaderFacts, type PostRow } from './posts.queries.js';

/** What deciding "who may read this post" needs of it. */
export type PostAccessFacts = PostSpaceFacts & Pick<PostsTable, 'author_id' | 'hidden_at'>;

const chunkSize = 500;

/**
 * Of `userIds`, the active people who may read `post`, decided person by person by the same
 * policy that guards single posts: notifications (mentions, comments, reactions, shares) go
 * only to them, so a secret group's post never reaches a non-member.
 */
export async function listPostReaders(
  db: Executor,
  post: PostAccessFacts,
  userIds: Iterable<string>,
): Promise<string[]> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return [];
  // Resolved once without a viewer: the group's visibility and the audience are the same for all.
  const base = await resolvePostSpace(db, null, post);
  const readers: string[] = [];
  for (let i = 0; i < ids.length; i += chunkSize) {
    const chunk = ids.slice(i, i + chunkSize);
    const people = await listReaderFacts(db, chunk);
    const roles =
      base.type === 'group'
        ? new Map((await listGroupRoles(db, base.groupId, chunk)).map((r) => [r.user_id, r.role]))
        : new Map();
    for (const person of people) {
      const actor: Actor = {
        id: person.id,
        role: person.role,
        status: person.status,
        departmentId: person.department_id,
      };
      const space = base.type === 'group' ? { ...base, viewerRole: roles.get(person.id) ?? null } : base;
      if (canReadPostIn(actor, space, post)) readers.push(person.id);
    }
  }
  return readers;
}

/**
 * A post the actor may read, with its space as they stand in it; 404 otherwise (a post the
 * viewer may not read does not exist for them). `db` is the transaction when inside one.
 */
export async function findReadablePost(
  ctx: Ctx,
  id: string,
  db: Executor = ctx.db,
): Promise<{ post: PostRow; space: Space }> {
  const actor = requireActor(ctx);
  const post = await findPostRow(db, id);
  if (!post) throw new AppError('POST_NOT_FOUND');
  const space = await resolvePostSpace(db, actor, post);
  if (!canReadPostIn(actor, space, post)) throw new AppError('POST_NOT_FOUND');
  return { post, space };
}
