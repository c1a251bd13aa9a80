import { v7 as uuidv7 } from 'uuid';
import type { GroupRole, GroupVisibility } from '../../src/server/platform/db/schema.js';
import { signedIn } from '../support/people.js';
import type { Json, Space } from './social-access.table.js';
import { days, idOf, next, now, spaceRef, world } from './social-access.world.js';

/**
 * Rows' preconditions written straight into the database: groups with a given roster, pending
 * requests and invitations, content a caller owns in a space they can no longer write in,
 * notifications, moderation state. Fast, and never what a row tests.
 */

/**
 * A group written straight into the database with the world's members (the author as a second
 * admin, so the group admin may leave), or only with `members` when given.
 */
export async function freshGroup(
  visibility: GroupVisibility,
  members?: Record<string, GroupRole>,
): Promise<string> {
  const w = world();
  const n = next();
  const id = uuidv7();
  const roster: [string, GroupRole][] = Object.entries(
    members ?? {
      [w.author.id]: 'admin',
      [idOf('groupAdmin')]: 'admin',
      [idOf('groupModerator')]: 'moderator',
      [idOf('member')]: 'member',
      [idOf('guestMember')]: 'member',
      [idOf('deactivated')]: 'admin',
    },
  );
  await w.db
    .insertInto('groups')
    .values({
      id,
      name: `Fresh ${visibility} ${n}`,
      name_search: `fresh ${visibility} ${n}`,
      handle: `fresh-${visibility}-${n}`,
      visibility,
      department_id: null,
      photo_key: null,
      member_count: roster.length,
      created_by: w.author.id,
      created_at: now(),
      updated_at: now(),
    })
    .execute();
  for (const [userId, role] of roster) {
    await w.db
      .insertInto('group_members')
      .values({ group_id: id, user_id: userId, role, created_at: now() })
      .execute();
  }
  return id;
}

/**
 * Removes a group a row created, so its creator does not stay a group admin (which would give
 * them a review queue of their own in later rows).
 */
export async function dropGroup(status: number, body: Json): Promise<void> {
  if (status === 201)
    await world()
      .db.deleteFrom('groups')
      .where('id', '=', body.id as string)
      .execute();
}

/** A new active person (a target of membership rows); their id. */
export async function freshPerson(role: 'employee' | 'guest' = 'employee'): Promise<string> {
  return (await signedIn(world().t, role)).id;
}

/** Adds `userId` to a group directly. */
export async function addMember(groupId: string, userId: string, role: GroupRole = 'member'): Promise<void> {
  await world()
    .db.insertInto('group_members')
    .values({ group_id: groupId, user_id: userId, role, created_at: now() })
    .execute();
}

/** A pending request to join, or invitation, written directly. */
export async function pending(kind: 'request' | 'invite', groupId: string, userId: string): Promise<void> {
  const db = world().db;
  if (kind === 'request') {
    await db
      .insertInto('group_requests')
      .values({ group_id: groupId, user_id: userId, message: null, created_at: now() })
      .execute();
  } else {
    await db
      .insertInto('group_invites')
      .values({ group_id: groupId, user_id: userId, invited_by: world().author.id, created_at: now() })
      .execute();
  }
}

/**
 * A post written straight into the database by `authorId`: how a caller comes to own content in
 * a space they may no longer write in (they left the group, they became a guest).
 */
export async function insertPost(authorId: string, space: Space): Promise<string> {
  const w = world();
  const id = uuidv7();
  const ref = spaceRef(space);
  await w.db
    .insertInto('posts')
    .values({
      id,
      space_type: ref.type as 'company' | 'group' | 'profile',
      group_id: ref.type === 'group' ? ref.id! : null,
      profile_id: ref.type === 'profile' ? authorId : null,
      author_id: authorId,
      body: 'Written directly',
      html: '<p>Written directly</p>',
      shared_post_id: null,
      preview_url: null,
      preview: null,
      pinned_at: null,
      hidden_at: null,
      hidden_by: null,
      created_at: now(),
      updated_at: now(),
      edited_at: null,
    })
    .execute();
  return id;
}

/** A comment written straight into the database (counted on its post). */
export async function insertComment(postId: string, authorId: string, hidden = false): Promise<string> {
  const db = world().db;
  const id = uuidv7();
  await db
    .insertInto('comments')
    .values({
      id,
      post_id: postId,
      parent_id: null,
      author_id: authorId,
      body: 'Written directly',
      html: '<p>Written directly</p>',
      hidden_at: hidden ? now() : null,
      hidden_by: hidden ? world().hr.id : null,
      created_at: now(),
      updated_at: now(),
      edited_at: null,
    })
    .execute();
  await db
    .updateTable('posts')
    .set((eb) => ({ comment_count: eb('comment_count', '+', 1) }))
    .where('id', '=', postId)
    .execute();
  return id;
}

/** A mention notification for `userId` about `postId`, written directly; its id. */
export async function insertNotification(userId: string, postId: string | null): Promise<string> {
  const id = uuidv7();
  await world()
    .db.insertInto('notifications')
    .values({
      id,
      user_id: userId,
      type: 'mention',
      actor_id: world().author.id,
      post_id: postId,
      comment_id: null,
      group_id: null,
      created_at: now(),
      read_at: null,
    })
    .execute();
  return id;
}

/** A live story of `authorId` written directly (guests cannot post one); its id. */
export async function insertStory(authorId: string): Promise<string> {
  const id = uuidv7();
  await world()
    .db.insertInto('stories')
    .values({
      id,
      author_id: authorId,
      text: 'Written directly',
      upload_id: null,
      background: null,
      created_at: now(),
      expires_at: days(1),
    })
    .execute();
  return id;
}

/** Clears every pin of the company space, so a pin row never meets the per-space limit. */
export async function clearCompanyPins(): Promise<void> {
  await world()
    .db.updateTable('posts')
    .set({ pinned_at: null })
    .where('space_type', '=', 'company')
    .execute();
}

/** Sets moderation state on a post directly (a row's precondition, not what it tests). */
export async function setPost(
  id: string,
  changes: { comments_locked?: number; pinned_at?: string | null },
): Promise<void> {
  await world().db.updateTable('posts').set(changes).where('id', '=', id).execute();
}
