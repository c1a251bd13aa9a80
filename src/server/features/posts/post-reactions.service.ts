import { type ReactionEmoji, type ReactionState, reactionEmojis } from '../../../shared/api/posts.js';
import { requireActor } from '../../platform/auth/guards.js';
import { type Ctx, transact } from '../../platform/context.js';
import { appendStreamEvent } from '../../platform/events/streams.js';
import { AppError } from '../../platform/http/errors.js';
import { notifyPeople } from '../notifications/notifications.service.js';
import { authorize } from '../users/users.policy.js';
import { streamOfPost } from './post-previews.service.js';
import {
  adjustReactionCount,
  deleteReaction,
  hasReactionNotification,
  insertReaction,
  listReactionSummaries,
} from './post-reactions.queries.js';
import { findReadablePost, listPostReaders } from './post-readers.service.js';
import { canReactToPost } from './posts.policy.js';
import { presentReactions } from './posts.presenter.js';

/**
 * Emoji reactions (P4): one of `reactionEmojis` per person and emoji, idempotent both ways;
 * `posts.reaction_count` stays exact. The post's author hears of a person's first reaction to
 * the post only, however often they take it back and react again.
 */

const withoutSelector = (emoji: string) => emoji.replaceAll('\uFE0F', '');
const allowed = new Map<string, ReactionEmoji>(reactionEmojis.map((e) => [withoutSelector(e), e]));

/** The allow-list spelling of an emoji, whether or not it came with its variation selector. */
export function normalizeReaction(raw: string): ReactionEmoji | undefined {
  return allowed.get(withoutSelector(raw.normalize('NFC')));
}

/** `PUT /posts/{id}/reactions/{emoji}` (`on`) and `DELETE` (`!on`). */
export async function setReaction(
  ctx: Ctx,
  postId: string,
  raw: string,
  on: boolean,
): Promise<ReactionState> {
  const actor = requireActor(ctx);
  const emoji = normalizeReaction(raw);
  if (!emoji) throw new AppError('REACTION_NOT_ALLOWED', { allowed: reactionEmojis.join(' ') });
  const count = await transact(ctx, async (tx) => {
    const { post, space } = await findReadablePost(ctx, postId, tx);
    authorize(canReactToPost(actor, space, post));
    const changed = on
      ? await insertReaction(tx, postId, actor.id, emoji, new Date().toISOString())
      : await deleteReaction(tx, postId, actor.id, emoji);
    if (!changed) return Number(post.reaction_count);
    const total = await adjustReactionCount(tx, postId, on ? 1 : -1);
    await appendStreamEvent(tx, streamOfPost(post), 'reaction.changed', { postId });
    if (
      on &&
      post.author_id !== actor.id &&
      !(await hasReactionNotification(tx, post.author_id, actor.id, postId))
    ) {
      await notifyPeople(tx, await listPostReaders(tx, post, [post.author_id]), {
        type: 'reaction',
        actorId: actor.id,
        postId,
        data: { emoji },
      });
    }
    return total;
  });
  return {
    postId,
    reactions: presentReactions(await listReactionSummaries(ctx.db, [postId], actor.id)),
    reactionCount: count,
  };
}
