import type { PostKindViews } from '../../../shared/api/post-kinds.js';
import {
  type EmbeddedPost,
  linkPreviewSchema,
  type PostAbilities,
  type PostPerson,
  type PostVersion,
  reactionEmojis,
  type Upload,
} from '../../../shared/api/posts.js';
import { photoUrlOf } from '../users/users.presenter.js';
import type { MentionTarget } from './post-mentions.service.js';
import type { AttachmentRow, PersonRow, PostRow } from './posts.queries.js';

/** Where an uploaded image is served. */
export function uploadUrlOf(id: string): string {
  return `/api/v1/uploads/${id}`;
}

/** A person as posts and comments show them; someone removed from the directory stays nameless. */
export function presentPerson(id: string, row: PersonRow | undefined): PostPerson {
  return {
    id,
    name: row?.name ?? '',
    photoUrl: row ? photoUrlOf(row) : null,
    position: row?.position ?? null,
    isGuest: row?.role === 'guest',
  };
}

/** The stored preview JSON, or null when absent or unreadable. */
export function parsePreview(json: string | null): EmbeddedPost['preview'] {
  if (json === null) return null;
  try {
    const parsed = linkPreviewSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Reaction counts in the picker's order, then any others alphabetically. */
export function presentReactions(
  rows: readonly { emoji: string; count: number; mine: number }[],
): EmbeddedPost['reactions'] {
  const order = (emoji: string) => {
    const i = (reactionEmojis as readonly string[]).indexOf(emoji);
    return i === -1 ? reactionEmojis.length : i;
  };
  return [...rows]
    .filter((r) => Number(r.count) > 0)
    .sort((a, b) => order(a.emoji) - order(b.emoji) || a.emoji.localeCompare(b.emoji))
    .map((r) => ({ emoji: r.emoji, count: Number(r.count), mine: Number(r.mine) > 0 }));
}

/** What a post view is made of besides its row, loaded in batches for a whole page. */
export interface PostParts {
  space: EmbeddedPost['space'];
  author: PostPerson;
  attachments: AttachmentRow[];
  files: EmbeddedPost['files'];
  mentions: MentionTarget[];
  tags: { tag: string; name: string }[];
  reactions: EmbeddedPost['reactions'];
  abilities: PostAbilities;
  kindViews: PostKindViews | undefined;
}

export function presentPost(row: PostRow, parts: PostParts): EmbeddedPost {
  return {
    id: row.id,
    space: parts.space,
    author: parts.author,
    kind: row.kind,
    body: row.body,
    html: row.html,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    version: Number(row.version),
    attachments: parts.attachments.map((a) => ({
      id: a.id,
      url: uploadUrlOf(a.id),
      name: a.name,
      mime: a.mime,
      width: a.width,
      height: a.height,
    })),
    files: parts.files,
    preview: parsePreview(row.preview),
    sharedPostId: row.shared_post_id,
    mentions: parts.mentions.map((m) => ({ type: m.type, handle: m.handle, id: m.id, name: m.name })),
    tags: parts.tags,
    reactions: parts.reactions,
    reactionCount: Number(row.reaction_count),
    commentCount: Number(row.comment_count),
    commentsLocked: Boolean(row.comments_locked),
    pinned: row.pinned_at !== null,
    pinnedAt: row.pinned_at,
    hidden: row.hidden_at !== null,
    mustRead: Boolean(row.must_read),
    abilities: parts.abilities,
    ...parts.kindViews,
  };
}

/** One archived version; `html` is rendered afresh by the caller. */
export function presentVersion(
  version: number,
  body: string,
  html: string,
  at: string,
  editor: { id: string; name: string } | null,
): PostVersion {
  return { version, body, html, at, editor };
}

/** An upload as its owner gets it back. */
export function presentUpload(row: {
  id: string;
  name: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  created_at: string;
}): Upload {
  return {
    id: row.id,
    url: uploadUrlOf(row.id),
    name: row.name,
    mime: row.mime,
    size: Number(row.size),
    width: row.width,
    height: row.height,
    createdAt: row.created_at,
  };
}
