import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Actor } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { queryTemplate } from '../../platform/db/query-template.js';
import type { GroupRole, GroupVisibility, PostsTable, UserRole } from '../../platform/db/schema.js';
import {
  postReadableBy,
  templateViewer,
  type ViewerShape,
  type ViewerValues,
  viewerShape,
  viewerValues,
} from '../spaces/spaces.service.js';

/** SQL of posts: rows, attachments, audiences, tags, and the batched lookups a page of views needs. */

export type PostRow = Selectable<PostsTable>;

export async function insertPostRow(db: Executor, row: Insertable<PostsTable>): Promise<void> {
  await db.insertInto('posts').values(row).execute();
}

/** One post by id, whoever may read it (callers decide). */
export function findPostRow(db: Executor, id: string): Promise<PostRow | undefined> {
  return db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updatePostRow(db: Executor, id: string, patch: Updateable<PostsTable>): Promise<void> {
  await db.updateTable('posts').set(patch).where('id', '=', id).execute();
}

/** Bumps the version of a post and returns the new number. */
export async function bumpPostVersion(
  db: Executor,
  id: string,
  patch: Updateable<PostsTable>,
): Promise<number> {
  const row = await db
    .updateTable('posts')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .returning('version')
    .executeTakeFirstOrThrow();
  return Number(row.version);
}

/** Removes a post; attachments, tags, comments, reactions and kind details go with it (cascade). */
export async function deletePostRow(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('posts').where('id', '=', id).execute();
}

/** Of `ids`, the posts `actor` may read (spaces policy in SQL), in no particular order. */
export function listReadablePostRows(db: Executor, actor: Actor, ids: readonly string[]): Promise<PostRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return readablePostRows.execute(db, viewerShape(actor), { ...viewerValues(actor), ids });
}

const readablePostRows = queryTemplate(
  (db, viewer: ViewerShape, values: ViewerValues & { ids: readonly string[] }) =>
    db
      .selectFrom('posts')
      .selectAll()
      .where('id', 'in', values.ids)
      .where((eb) => postReadableBy(eb, templateViewer(viewer, values))),
);

/** A person as posts show them. */
export interface PersonRow {
  id: string;
  name: string;
  photo_key: string | null;
  position: string | null;
  role: UserRole;
}

/** People by id (authors, profile owners, commenters), whatever their status. */
export function listPeople(db: Executor, ids: readonly string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return people.execute(db, null, { ids });
}

const people = queryTemplate((db, _: null, { ids }: { ids: readonly string[] }) =>
  db.selectFrom('users').select(['id', 'name', 'photo_key', 'position', 'role']).where('id', 'in', ids),
);

/** A group a post lives in, with where `viewerId` stands in it. */
export interface SpaceGroupRow {
  id: string;
  name: string;
  visibility: GroupVisibility;
  viewer_role: GroupRole | null;
}

export function listSpaceGroups(
  db: Executor,
  groupIds: readonly string[],
  viewerId: string,
): Promise<SpaceGroupRow[]> {
  if (groupIds.length === 0) return Promise.resolve([]);
  return spaceGroups.execute(db, null, { groupIds, viewerId });
}

const spaceGroups = queryTemplate(
  (db, _: null, { groupIds, viewerId }: { groupIds: readonly string[]; viewerId: string }) =>
    db
      .selectFrom('groups')
      .leftJoin('group_members as vm', (join) =>
        join.onRef('vm.group_id', '=', 'groups.id').on('vm.user_id', '=', viewerId),
      )
      .select(['groups.id', 'groups.name', 'groups.visibility', 'vm.role as viewer_role'])
      .where('groups.id', 'in', groupIds),
);

/** The audiences (departments) of targeted posts. */
export function listAudiences(
  db: Executor,
  postIds: readonly string[],
): Promise<{ post_id: string; department_id: string }[]> {
  if (postIds.length === 0) return Promise.resolve([]);
  return audiences.execute(db, null, { postIds });
}

const audiences = queryTemplate((db, _: null, { postIds }: { postIds: readonly string[] }) =>
  db.selectFrom('post_audiences').select(['post_id', 'department_id']).where('post_id', 'in', postIds),
);

export async function insertAudiences(db: Executor, postId: string, departmentIds: readonly string[]) {
  if (departmentIds.length === 0) return;
  await db
    .insertInto('post_audiences')
    .values(departmentIds.map((department_id) => ({ post_id: postId, department_id })))
    .execute();
}

/** Of `ids`, the uploads that belong to `ownerId`. */
export async function listOwnedUploadIds(
  db: Executor,
  ownerId: string,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('uploads')
    .select('id')
    .where('owner_id', '=', ownerId)
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => r.id);
}

export async function insertAttachments(db: Executor, postId: string, uploadIds: readonly string[]) {
  if (uploadIds.length === 0) return;
  await db
    .insertInto('post_attachments')
    .values(uploadIds.map((upload_id, position) => ({ post_id: postId, upload_id, position })))
    .execute();
}

export interface AttachmentRow {
  post_id: string;
  id: string;
  name: string;
  mime: string;
  width: number | null;
  height: number | null;
  position: number;
}

export function listAttachments(db: Executor, postIds: readonly string[]): Promise<AttachmentRow[]> {
  if (postIds.length === 0) return Promise.resolve([]);
  return attachments.execute(db, null, { postIds });
}

const attachments = queryTemplate((db, _: null, { postIds }: { postIds: readonly string[] }) =>
  db
    .selectFrom('post_attachments')
    .innerJoin('uploads', 'uploads.id', 'post_attachments.upload_id')
    .select([
      'post_attachments.post_id',
      'uploads.id',
      'uploads.name',
      'uploads.mime',
      'uploads.width',
      'uploads.height',
      'post_attachments.position',
    ])
    .where('post_attachments.post_id', 'in', postIds)
    .orderBy('post_attachments.post_id')
    .orderBy('post_attachments.position'),
);

/** Creates the topics not seen before; an existing topic keeps its first spelling. */
export async function insertTopics(
  db: Executor,
  topics: readonly { tag: string; name: string }[],
  at: string,
) {
  if (topics.length === 0) return;
  await db
    .insertInto('topics')
    .values(topics.map((t) => ({ tag: t.tag, name: t.name, created_at: at })))
    .onConflict((oc) => oc.column('tag').doNothing())
    .execute();
}

/** Replaces a post's hashtags (`fresh`: a new post, nothing to remove). */
export async function replacePostTags(db: Executor, postId: string, tags: readonly string[], fresh = false) {
  if (!fresh) await db.deleteFrom('post_tags').where('post_id', '=', postId).execute();
  if (tags.length === 0) return;
  await db
    .insertInto('post_tags')
    .values(tags.map((tag) => ({ tag, post_id: postId })))
    .execute();
}

export function listPostTags(
  db: Executor,
  postIds: readonly string[],
): Promise<{ post_id: string; tag: string; name: string }[]> {
  if (postIds.length === 0) return Promise.resolve([]);
  return postTags.execute(db, null, { postIds });
}

const postTags = queryTemplate((db, _: null, { postIds }: { postIds: readonly string[] }) =>
  db
    .selectFrom('post_tags')
    .innerJoin('topics', 'topics.tag', 'post_tags.tag')
    .select(['post_tags.post_id', 'post_tags.tag', 'topics.name'])
    .where('post_tags.post_id', 'in', postIds),
);

/** A version of a post as the ledger holds it. */
export interface VersionEntry {
  seq: number;
  ts: string;
  actor_id: string | null;
  action: string;
  payload: string;
}

/**
 * The archived versions of a post (`post.created` and every `post.edited`), newest first,
 * below the ledger position `beforeSeq`.
 */
export async function listPostVersionEntries(
  db: Executor,
  postId: string,
  beforeSeq: number | undefined,
  limit: number,
): Promise<VersionEntry[]> {
  let query = db
    .selectFrom('ledger')
    .select(['seq', 'ts', 'actor_id', 'action', 'payload'])
    .where('subject_type', '=', 'post')
    .where('subject_id', '=', postId)
    .where('action', 'in', ['post.created', 'post.edited']);
  if (beforeSeq !== undefined) query = query.where('seq', '<', beforeSeq);
  const rows = await query.orderBy('seq', 'desc').limit(limit).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/** What the spaces policy needs of a person to decide whether they may read a post. */
export interface ReaderFacts {
  id: string;
  role: Actor['role'];
  status: Actor['status'];
  department_id: string | null;
}

export function listReaderFacts(db: Executor, ids: readonly string[]): Promise<ReaderFacts[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'role', 'status', 'department_id'])
    .where('id', 'in', ids)
    .where('status', '=', 'active')
    .execute();
}

/** The roles of some people in one group (members only). */
export function listGroupRoles(
  db: Executor,
  groupId: string,
  userIds: readonly string[],
): Promise<{ user_id: string; role: GroupRole }[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('group_members')
    .select(['user_id', 'role'])
    .where('group_id', '=', groupId)
    .where('user_id', 'in', userIds)
    .execute();
}

/**
 * Stores a fetched preview if the post still links to `url` (an edit may have changed it
 * meanwhile); returns the post's space when stored.
 */
export function updatePostPreview(db: Executor, postId: string, url: string, previewJson: string) {
  return db
    .updateTable('posts')
    .set({ preview: previewJson })
    .where('id', '=', postId)
    .where('preview_url', '=', url)
    .returning(['id', 'space_type', 'group_id', 'has_audience'])
    .executeTakeFirst();
}
