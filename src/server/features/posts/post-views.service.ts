import type { PostKindViews } from '../../../shared/api/post-kinds.js';
import type { EmbeddedPost, PostView } from '../../../shared/api/posts.js';
import { extractMentions } from '../../../shared/mentions.js';
import type { Actor, Ctx } from '../../platform/context.js';
import { loadPostFiles } from '../files/post-files.service.js';
import { loadKindViews } from '../post-kinds/post-kinds.service.js';
import { getCompanyName } from '../settings/settings.service.js';
import type { Space } from '../spaces/spaces.service.js';
import { resolveMentions } from './post-mentions.service.js';
import { listReactionSummaries } from './post-reactions.queries.js';
import { postAbilities } from './posts.policy.js';
import { presentPerson, presentPost, presentReactions } from './posts.presenter.js';
import {
  type AttachmentRow,
  listAttachments,
  listAudiences,
  listPeople,
  listPostTags,
  listReadablePostRows,
  listSpaceGroups,
  type PostRow,
  type SpaceGroupRow,
} from './posts.queries.js';

/**
 * Post views for a viewer, a whole page at a time: every concern (spaces, people, attachments,
 * tags, reactions, mentions, kinds, shared posts) is one query for the page, never one per post.
 */

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** The post's space as the viewer stands in it. */
function spaceOf(row: PostRow, groups: Map<string, SpaceGroupRow>, audiences: Map<string, string[]>): Space {
  switch (row.space_type) {
    case 'company':
      return row.has_audience
        ? {
            type: 'company',
            audience: { departmentIds: audiences.get(row.id) ?? [], authorId: row.author_id },
          }
        : { type: 'company' };
    case 'profile':
      return { type: 'profile', ownerId: row.profile_id! };
    case 'group': {
      const group = groups.get(row.group_id!);
      return {
        type: 'group',
        groupId: row.group_id!,
        visibility: group?.visibility ?? 'secret',
        viewerRole: group?.viewer_role ?? null,
      };
    }
  }
}

/** Loads and presents readable posts, without their shared posts. */
async function loadEmbedded(
  ctx: Ctx,
  actor: Actor,
  ids: readonly string[],
): Promise<Map<string, EmbeddedPost>> {
  const rows = await listReadablePostRows(ctx.db, actor, ids);
  const views = new Map<string, EmbeddedPost>();
  if (rows.length === 0) return views;
  const postIds = rows.map((r) => r.id);
  const groupIds = [...new Set(rows.flatMap((r) => (r.group_id ? [r.group_id] : [])))];
  const personIds = [
    ...new Set(rows.flatMap((r) => (r.profile_id ? [r.author_id, r.profile_id] : [r.author_id]))),
  ];
  const targeted = rows.filter((r) => r.has_audience).map((r) => r.id);
  const handles = [...new Set(rows.flatMap((r) => extractMentions(r.body)))];
  const kinds = rows.filter((r) => r.kind !== 'post').map((r) => ({ id: r.id, kind: r.kind }));

  const [groups, people, audiences, attachments, files, tags, reactions, mentions, kindViews, companyName] =
    await Promise.all([
      listSpaceGroups(ctx.db, groupIds, actor.id),
      listPeople(ctx.db, personIds),
      listAudiences(ctx.db, targeted),
      listAttachments(ctx.db, postIds),
      loadPostFiles(ctx.db, postIds),
      listPostTags(ctx.db, postIds),
      listReactionSummaries(ctx.db, postIds, actor.id),
      resolveMentions(ctx.db, ctx.dialect, actor, handles),
      kinds.length > 0 ? loadKindViews(ctx, kinds) : Promise.resolve(new Map<string, PostKindViews>()),
      rows.some((r) => r.space_type === 'company') ? getCompanyName(ctx.db) : Promise.resolve(null),
    ]);

  const groupById = new Map(groups.map((g) => [g.id, g]));
  const personById = new Map(people.map((p) => [p.id, p]));
  const audienceByPost = new Map(
    [...groupBy(audiences, (a) => a.post_id)].map(([id, list]) => [id, list.map((a) => a.department_id)]),
  );
  const attachmentsByPost = groupBy<AttachmentRow>(attachments, (a) => a.post_id);
  const tagsByPost = groupBy(tags, (t) => t.post_id);
  const reactionsByPost = groupBy(reactions, (r) => r.post_id);

  for (const row of rows) {
    const space = spaceOf(row, groupById, audienceByPost);
    const spaceView =
      row.space_type === 'company'
        ? { type: row.space_type, id: null, name: companyName ?? '' }
        : row.space_type === 'group'
          ? { type: row.space_type, id: row.group_id, name: groupById.get(row.group_id!)?.name ?? '' }
          : { type: row.space_type, id: row.profile_id, name: personById.get(row.profile_id!)?.name ?? '' };
    views.set(
      row.id,
      presentPost(row, {
        space: spaceView,
        author: presentPerson(row.author_id, personById.get(row.author_id)),
        attachments: attachmentsByPost.get(row.id) ?? [],
        files: files.get(row.id) ?? [],
        mentions: extractMentions(row.body).flatMap((h) => {
          const target = mentions.get(h);
          return target ? [target] : [];
        }),
        tags: (tagsByPost.get(row.id) ?? [])
          .map((t) => ({ tag: t.tag, name: t.name }))
          .sort((a, b) => a.tag.localeCompare(b.tag)),
        reactions: presentReactions(reactionsByPost.get(row.id) ?? []),
        abilities: postAbilities(actor, space, row),
        kindViews: kindViews.get(row.id),
      }),
    );
  }
  return views;
}

/**
 * The posts `ids` as `ctx.actor` sees them, in the given order, silently skipping those the viewer
 * may not read (or that do not exist). A shared post is embedded when the viewer may read it too,
 * otherwise `sharedPost` and `sharedPostId` are null.
 */
export async function loadPostViews(ctx: Ctx, ids: readonly string[]): Promise<PostView[]> {
  const actor = ctx.actor;
  if (actor?.status !== 'active' || ids.length === 0) return [];
  const views = await loadEmbedded(ctx, actor, [...new Set(ids)]);
  const sharedIds = [
    ...new Set([...views.values()].flatMap((v) => (v.sharedPostId ? [v.sharedPostId] : []))),
  ];
  const missing = sharedIds.filter((id) => !views.has(id));
  const shared =
    missing.length > 0 ? await loadEmbedded(ctx, actor, missing) : new Map<string, EmbeddedPost>();
  const embeddedOf = (id: string | null) => (id ? (views.get(id) ?? shared.get(id) ?? null) : null);
  return ids.flatMap((id) => {
    const view = views.get(id);
    if (!view) return [];
    const sharedPost = embeddedOf(view.sharedPostId);
    // An unreadable shared post is not even named: its id would tell that it exists, and when.
    return [{ ...view, sharedPost, sharedPostId: sharedPost ? view.sharedPostId : null }];
  });
}
