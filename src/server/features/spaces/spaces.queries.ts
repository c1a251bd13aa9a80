import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Actor } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { Database, GroupRole, GroupVisibility, UserRole, UserStatus } from '../../platform/db/schema.js';

/**
 * The SQL form of spaces.policy.ts: predicates that list queries put in their WHERE clause so
 * that what a viewer may not read is never read at all. Role-dependent branches are chosen here
 * in TypeScript (the actor is known), so each query carries only the SQL its viewer needs.
 */

type PostsEb = ExpressionBuilder<Database, 'posts'>;
type GroupsEb = ExpressionBuilder<Database, 'groups'>;

const isPlatformModerator = (actor: Actor) => actor.role === 'admin' || actor.role === 'moderator';

/**
 * What the text of the predicates below depends on (the viewer's role, status and whether they
 * have a department), apart from what they only bind: for query templates
 * (platform/db/query-template.ts), which compile a statement once per shape.
 */
export interface ViewerShape {
  role: UserRole;
  status: UserStatus;
}
export interface ViewerValues {
  viewerId: string;
  viewerDepartmentId: string | null;
}

export function viewerShape(actor: Actor): ViewerShape {
  return { role: actor.role, status: actor.status };
}

export function viewerValues(actor: Actor): ViewerValues {
  return { viewerId: actor.id, viewerDepartmentId: actor.departmentId };
}

/** The actor a template's builder hands to the predicates. */
export function templateViewer(shape: ViewerShape, values: ViewerValues): Actor {
  return { ...shape, id: values.viewerId, departmentId: values.viewerDepartmentId };
}

/** Posts in spaces `actor` may read, hidden posts only for their author and the space's moderators. */
export function postReadableBy(eb: PostsEb, actor: Actor | null): Expression<SqlBool> {
  if (actor?.status !== 'active') return eb.lit(false);
  return eb.and([spaceReadable(eb, actor), notHiddenFrom(eb, actor)]);
}

function memberOfPostGroup(eb: PostsEb, actor: Actor, roles?: readonly GroupRole[]) {
  let sub = eb
    .selectFrom('group_members as gm')
    .select(eb.lit(1).as('one'))
    .whereRef('gm.group_id', '=', 'posts.group_id')
    .where('gm.user_id', '=', actor.id);
  if (roles) sub = sub.where('gm.role', 'in', roles);
  return eb.exists(sub);
}

function spaceReadable(eb: PostsEb, actor: Actor): Expression<SqlBool> {
  const inGroup = eb.and([eb('posts.space_type', '=', 'group'), memberOfPostGroup(eb, actor)]);
  if (actor.role === 'guest') return inGroup;

  const openToNonMembers: GroupVisibility[] = isPlatformModerator(actor) ? ['open', 'closed'] : ['open'];
  const company = isPlatformModerator(actor)
    ? eb('posts.space_type', '=', 'company')
    : eb.and([
        eb('posts.space_type', '=', 'company'),
        eb.or([
          eb('posts.has_audience', '=', 0),
          eb('posts.author_id', '=', actor.id),
          eb.exists(
            eb
              .selectFrom('post_audiences as pa')
              .select(eb.lit(1).as('one'))
              .whereRef('pa.post_id', '=', 'posts.id')
              .where('pa.department_id', '=', actor.departmentId ?? ''),
          ),
        ]),
      ]);
  return eb.or([
    company,
    eb('posts.space_type', '=', 'profile'),
    inGroup,
    eb.and([
      eb('posts.space_type', '=', 'group'),
      eb.exists(
        eb
          .selectFrom('groups as g')
          .select(eb.lit(1).as('one'))
          .whereRef('g.id', '=', 'posts.group_id')
          .where('g.visibility', 'in', openToNonMembers),
      ),
    ]),
  ]);
}

function notHiddenFrom(eb: PostsEb, actor: Actor): Expression<SqlBool> {
  if (isPlatformModerator(actor)) return eb.lit(true);
  return eb.or([
    eb('posts.hidden_at', 'is', null),
    eb('posts.author_id', '=', actor.id),
    eb('posts.profile_id', '=', actor.id),
    eb.and([eb('posts.space_type', '=', 'group'), memberOfPostGroup(eb, actor, ['admin', 'moderator'])]),
  ]);
}

/**
 * Groups whose existence `actor` may know of: every open and closed group for employees, secret
 * ones only for their members; guests only the groups they are in.
 */
export function groupVisibleTo(eb: GroupsEb, actor: Actor | null): Expression<SqlBool> {
  if (actor?.status !== 'active') return eb.lit(false);
  const member = eb.exists(
    eb
      .selectFrom('group_members as gm')
      .select(eb.lit(1).as('one'))
      .whereRef('gm.group_id', '=', 'groups.id')
      .where('gm.user_id', '=', actor.id),
  );
  if (actor.role === 'guest') return member;
  return eb.or([eb('groups.visibility', '!=', 'secret'), member]);
}

/** The actor's group memberships, for single-object policy decisions and socket subscriptions. */
export async function listMemberships(
  db: Executor,
  userId: string,
): Promise<{ groupId: string; role: GroupRole; visibility: GroupVisibility }[]> {
  const rows = await db
    .selectFrom('group_members')
    .innerJoin('groups', 'groups.id', 'group_members.group_id')
    .select([
      'group_members.group_id as groupId',
      'group_members.role as role',
      'groups.visibility as visibility',
    ])
    .where('group_members.user_id', '=', userId)
    .execute();
  return rows;
}

/** The viewer's role in one group, or null. */
export async function findGroupRole(
  db: Executor,
  groupId: string,
  userId: string,
): Promise<GroupRole | null> {
  const row = await db
    .selectFrom('group_members')
    .select('role')
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role ?? null;
}

/** The departments a targeted post is for. */
export async function listAudience(db: Executor, postId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('post_audiences')
    .select('department_id')
    .where('post_id', '=', postId)
    .execute();
  return rows.map((r) => r.department_id);
}
