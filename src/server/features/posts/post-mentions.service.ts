import { type MentionSuggestions, postLimits } from '../../../shared/api/posts.js';
import { handleFromName } from '../../../shared/mentions.js';
import { searchKey } from '../../../shared/text.js';
import { requireActor } from '../../platform/auth/guards.js';
import type { Actor, Ctx } from '../../platform/context.js';
import type { Dialect, Executor, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import {
  createMemoryStore,
  createRateLimiter,
  type RateLimiter,
  type RateRule,
} from '../../platform/http/rate-limit.js';
import { listDepartmentSubtreeIds } from '../departments/departments.service.js';
import { listGroupMemberIds, searchGroupsForMention } from '../groups/groups.service.js';
import { notifyPeople } from '../notifications/notifications.service.js';
import { isPlatformModerator } from '../spaces/spaces.policy.js';
import { photoUrlOf } from '../users/users.presenter.js';
import {
  findGroupsByHandles,
  findOwnGroupRole,
  findPeopleByHandles,
  listCoMemberIds,
  listDepartmentMemberIds,
  listDepartmentsForMentions,
  searchMentionPeople,
} from './post-mentions.queries.js';
import { listPostReaders, type PostAccessFacts } from './post-readers.service.js';

/**
 * Mentions (P2): `@login` names an active person by the part of their e-mail before `@`, `@handle`
 * a group (its `handle`) or a department (`handleFromName` of its name). A person wins over a
 * group, a group over a department. A mention notifies the person; a group or department mention
 * notifies every member too, but only when its author may address that many people — platform
 * moderators and admins anywhere, a group's admins and moderators their group, a department's
 * head their department — and at most `massMentionRule.limit` times an hour. Otherwise it stays a
 * plain mention. Every notification goes only to people who can read the post.
 */

export interface MentionTarget {
  type: 'person' | 'group' | 'department';
  handle: string;
  id: string;
  name: string;
  /** Departments: their head, who may notify everyone in them. */
  headUserId?: string | null;
}

/** Group and department mentions that notify every member: per author, per hour. */
export const massMentionRule: RateRule = { name: 'mention-mass', limit: 5, windowMs: 3_600_000 };

// Used when a caller has no app limiter at hand (a job, another slice): counts in this process only.
const localLimiter = createRateLimiter(createMemoryStore({ maxKeys: 10_000 }));

/**
 * Resolves handles as `viewer` may see them; unknown handles (and hidden groups) are left out.
 * A guest sees no directory (R22): only people who share a group with them resolve, and no
 * department does.
 */
export async function resolveMentions(
  db: Executor,
  dialect: Dialect,
  viewer: Actor,
  handles: readonly string[],
): Promise<Map<string, MentionTarget>> {
  const resolved = new Map<string, MentionTarget>();
  if (handles.length === 0) return resolved;
  const guest = viewer.role === 'guest';
  let people = await findPeopleByHandles(db, dialect, handles);
  if (guest && people.length > 0) {
    const visible = new Set(
      await listCoMemberIds(
        db,
        viewer.id,
        people.map((p) => p.id),
      ),
    );
    people = people.filter((p) => p.id === viewer.id || visible.has(p.id));
  }
  for (const person of people) {
    const handle = person.email.slice(0, person.email.lastIndexOf('@'));
    if (handles.includes(handle) && !resolved.has(handle)) {
      resolved.set(handle, { type: 'person', handle, id: person.id, name: person.name });
    }
  }
  const rest = handles.filter((h) => !resolved.has(h));
  if (rest.length === 0) return resolved;
  for (const group of await findGroupsByHandles(db, viewer, rest)) {
    resolved.set(group.handle, { type: 'group', handle: group.handle, id: group.id, name: group.name });
  }
  const left = new Set(rest.filter((h) => !resolved.has(h)));
  if (left.size === 0 || guest) return resolved;
  for (const department of await listDepartmentsForMentions(db)) {
    const handle = handleFromName(department.name);
    if (!left.has(handle)) continue;
    left.delete(handle);
    resolved.set(handle, {
      type: 'department',
      handle,
      id: department.id,
      name: department.name,
      headUserId: department.head_user_id,
    });
  }
  return resolved;
}

/** Whether `actor` may notify every member of a group or department at once. */
async function mayNotifyMembers(db: Executor, actor: Actor, target: MentionTarget): Promise<boolean> {
  if (isPlatformModerator(actor)) return true;
  if (target.type === 'department') return target.headUserId === actor.id;
  const role = await findOwnGroupRole(db, target.id, actor.id);
  return role === 'admin' || role === 'moderator';
}

async function membersOf(db: Executor, target: MentionTarget): Promise<string[]> {
  if (target.type === 'group') return listGroupMemberIds(db, target.id);
  return listDepartmentMemberIds(db, await listDepartmentSubtreeIds(db, target.id));
}

/** Takes one mass mention from the author's hourly allowance, or refuses with 429. */
async function spendMassMention(limiter: RateLimiter, actor: Actor): Promise<void> {
  try {
    await limiter.consume(massMentionRule, actor.id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'RATE_LIMITED') {
      throw new AppError('MENTION_RATE_LIMITED', error.params, [], error.headers);
    }
    throw error;
  }
}

export interface NotifyMentionsInput {
  post: PostAccessFacts;
  commentId?: string;
  /** The handles to notify (on an edit: only the newly added ones). */
  handles: readonly string[];
  /** Whether group and department mentions may notify their members (posts, not comments). */
  mass: boolean;
  rateLimiter?: RateLimiter;
}

/**
 * Notifies the people a post or comment mentions, inside its transaction. Returns the people
 * notified, so a caller can skip them for other notifications of the same change.
 */
export async function notifyMentions(ctx: Ctx, tx: Tx, input: NotifyMentionsInput): Promise<Set<string>> {
  const actor = requireActor(ctx);
  const notified = new Set<string>();
  if (input.handles.length === 0) return notified;
  const targets = await resolveMentions(tx, ctx.dialect, actor, input.handles);
  const base = { actorId: actor.id, postId: input.post.id, commentId: input.commentId ?? null };

  const people = [...targets.values()].filter((t) => t.type === 'person').map((t) => t.id);
  const direct = await listPostReaders(tx, input.post, people);
  await notifyPeople(tx, direct, { type: 'mention', ...base });
  for (const id of direct) notified.add(id);

  if (!input.mass) return notified;
  for (const target of targets.values()) {
    if (target.type === 'person' || !(await mayNotifyMembers(tx, actor, target))) continue;
    await spendMassMention(input.rateLimiter ?? localLimiter, actor);
    const members = (await membersOf(tx, target)).filter((id) => !notified.has(id));
    const readers = await listPostReaders(tx, input.post, members);
    await notifyPeople(tx, readers, {
      type: 'mention',
      ...base,
      data: { via: { type: target.type, id: target.id, name: target.name, handle: target.handle } },
    });
    for (const id of readers) notified.add(id);
  }
  return notified;
}

/**
 * `GET /mentions?q=`: people, groups and departments for the composer. Guests are offered only
 * people who share a group with them and their own groups; never a secret group the viewer is
 * not in.
 */
export async function suggestMentions(ctx: Ctx, rawQuery: string): Promise<MentionSuggestions> {
  const actor = requireActor(ctx);
  const q = searchKey(rawQuery.replace(/^@/, ''));
  const limit = postLimits.mentionResults;
  const guest = actor.role === 'guest';
  const [people, groups, departments] = await Promise.all([
    searchMentionPeople(ctx.db, q, limit, guest ? actor.id : null),
    searchGroupsForMention(ctx, q, limit),
    guest ? Promise.resolve([]) : listDepartmentsForMentions(ctx.db),
  ]);
  return {
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      handle: p.email.slice(0, p.email.lastIndexOf('@')),
      position: p.position,
      photoUrl: photoUrlOf(p),
      isGuest: p.role === 'guest',
    })),
    groups: groups.map((g) => ({ id: g.id, name: g.name, handle: g.handle })),
    departments: departments
      .map((d) => ({ id: d.id, name: d.name, handle: handleFromName(d.name) }))
      .filter((d) => d.handle !== '' && (searchKey(d.name).includes(q) || d.handle.startsWith(q)))
      .slice(0, limit),
  };
}
