import type { Selectable } from 'kysely';
import type { CommentView, PostAbilities } from '../../../shared/api/posts.js';
import type { Actor } from '../../platform/context.js';
import type { PostsTable } from '../../platform/db/schema.js';
import { canModerateSpace, canReadSpace, type Space } from '../spaces/spaces.service.js';

/**
 * Who may do what to posts and comments, composed from the spaces policy (who reads, writes and
 * moderates a space). Pure decisions over facts the caller loaded.
 *
 * - A post is read by whoever reads its space; a hidden one only by its author and the space's
 *   moderators.
 * - Only its author edits a post or a comment (while they can still read it).
 * - The author and the space's moderators delete a post; a comment also goes by the hand of the
 *   space's moderators, which include a profile's owner for comments on their profile.
 * - Whoever reads a post comments on it unless comments are locked, reacts to it and, unless it
 *   is hidden, shares it.
 */

type PostFacts = Pick<Selectable<PostsTable>, 'author_id' | 'hidden_at' | 'comments_locked'>;

const isActive = (actor: Actor | null): actor is Actor => actor !== null && actor.status === 'active';

/** Whether `actor` may read a post in `space`. */
export function canReadPostIn(
  actor: Actor | null,
  space: Space,
  post: Pick<PostFacts, 'author_id' | 'hidden_at'>,
) {
  if (!canReadSpace(actor, space)) return false;
  return post.hidden_at === null || actor?.id === post.author_id || canModerateSpace(actor, space);
}

export function canEditPost(actor: Actor | null, space: Space, post: PostFacts): boolean {
  return isActive(actor) && actor.id === post.author_id && canReadPostIn(actor, space, post);
}

export function canDeletePost(actor: Actor | null, space: Space, post: PostFacts): boolean {
  return canEditPost(actor, space, post) || canModerateSpace(actor, space);
}

export function canViewPostVersions(actor: Actor | null, space: Space, post: PostFacts): boolean {
  return canDeletePost(actor, space, post);
}

export function canCommentOnPost(actor: Actor | null, space: Space, post: PostFacts): boolean {
  return canReadPostIn(actor, space, post) && !post.comments_locked;
}

export function canReactToPost(actor: Actor | null, space: Space, post: PostFacts): boolean {
  return canReadPostIn(actor, space, post);
}

export function canSharePost(actor: Actor | null, space: Space, post: PostFacts): boolean {
  return canReadPostIn(actor, space, post) && post.hidden_at === null;
}

/** The abilities a post view carries. */
export function postAbilities(actor: Actor | null, space: Space, post: PostFacts): PostAbilities {
  const moderate = canModerateSpace(actor, space);
  return {
    edit: canEditPost(actor, space, post),
    delete: canDeletePost(actor, space, post),
    comment: canCommentOnPost(actor, space, post),
    react: canReactToPost(actor, space, post),
    share: canSharePost(actor, space, post),
    hide: moderate,
    pin: moderate,
    lockComments: moderate,
    viewVersions: canViewPostVersions(actor, space, post),
    report: canReadPostIn(actor, space, post) && actor?.id !== post.author_id,
  };
}

/** What the comment rules look at. */
export interface CommentFacts {
  author_id: string;
  parent_id: string | null;
  hidden_at: string | null;
}

/** A hidden comment is seen by its author and the space's moderators only. */
export function canSeeComment(actor: Actor | null, space: Space, comment: CommentFacts): boolean {
  return comment.hidden_at === null || actor?.id === comment.author_id || canModerateSpace(actor, space);
}

export function canEditComment(actor: Actor | null, comment: CommentFacts): boolean {
  return isActive(actor) && actor.id === comment.author_id;
}

export function canDeleteComment(actor: Actor | null, space: Space, comment: CommentFacts): boolean {
  return canEditComment(actor, comment) || canModerateSpace(actor, space);
}

/** The abilities a comment view carries; `post` is the post the comment is on. */
export function commentAbilities(
  actor: Actor | null,
  space: Space,
  post: PostFacts,
  comment: CommentFacts,
): CommentView['abilities'] {
  return {
    edit: canEditComment(actor, comment),
    delete: canDeleteComment(actor, space, comment),
    reply: canCommentOnPost(actor, space, post),
    hide: canModerateSpace(actor, space),
    report: isActive(actor) && actor.id !== comment.author_id,
  };
}
