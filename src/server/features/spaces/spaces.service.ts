import type { Selectable } from 'kysely';
import type { Actor, Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { GroupVisibility, PostsTable } from '../../platform/db/schema.js';
import { canModerateSpace, canReadSpace, canWriteSpace, type Space } from './spaces.policy.js';
import {
  findGroupRole,
  groupVisibleTo,
  listAudience,
  listMemberships,
  postReadableBy,
  templateViewer,
  type ViewerShape,
  type ViewerValues,
  viewerShape,
  viewerValues,
} from './spaces.queries.js';

/**
 * The one place other slices ask "may this viewer read / write / moderate here". Lists use the
 * SQL predicates re-exported below; single objects resolve their `Space` with `resolveSpace` and
 * ask the pure policy.
 */
export {
  canModerateSpace,
  canReadSpace,
  canWriteSpace,
  findGroupRole,
  groupVisibleTo,
  listMemberships,
  postReadableBy,
  type Space,
  templateViewer,
  type ViewerShape,
  type ViewerValues,
  viewerShape,
  viewerValues,
};

/** What a post row needs to place it in its space. */
export type PostSpaceFacts = Pick<
  Selectable<PostsTable>,
  'id' | 'space_type' | 'group_id' | 'profile_id' | 'has_audience' | 'author_id'
>;

/** Loads the facts that decide access to a post's space for `actor`. */
export async function resolvePostSpace(
  db: Executor,
  actor: Actor | null,
  post: PostSpaceFacts,
): Promise<Space> {
  switch (post.space_type) {
    case 'company':
      return post.has_audience
        ? {
            type: 'company',
            audience: { departmentIds: await listAudience(db, post.id), authorId: post.author_id },
          }
        : { type: 'company' };
    case 'profile':
      return { type: 'profile', ownerId: post.profile_id! };
    case 'group': {
      const group = await db
        .selectFrom('groups')
        .select('visibility')
        .where('id', '=', post.group_id!)
        .executeTakeFirstOrThrow();
      return groupSpace(db, actor, post.group_id!, group.visibility);
    }
  }
}

/** A group's space as `actor` stands in it. */
export async function groupSpace(
  db: Executor,
  actor: Actor | null,
  groupId: string,
  visibility: GroupVisibility,
): Promise<Space> {
  const viewerRole = actor ? await findGroupRole(db, groupId, actor.id) : null;
  return { type: 'group', groupId, visibility, viewerRole };
}

/** Whether `actor` may read a post: its space, and if hidden, only author and moderators. */
export async function canReadPost(
  ctx: Pick<Ctx, 'db'>,
  actor: Actor | null,
  post: PostSpaceFacts & Pick<Selectable<PostsTable>, 'hidden_at'>,
): Promise<{ space: Space; readable: boolean }> {
  const space = await resolvePostSpace(ctx.db, actor, post);
  if (!canReadSpace(actor, space)) return { space, readable: false };
  const readable = post.hidden_at === null || actor?.id === post.author_id || canModerateSpace(actor, space);
  return { space, readable };
}
