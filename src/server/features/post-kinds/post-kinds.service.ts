import type { PostKindViews } from '../../../shared/api/post-kinds.js';
import type { Ctx } from '../../platform/context.js';
import type { PostKind } from '../../platform/db/schema.js';

/**
 * CONTRACT STUB written by the lead (the post-kinds helper implements it): the kind-specific
 * views of the given posts for `ctx.actor`, keyed by post id; plain posts have no entry.
 */
export async function loadKindViews(
  _ctx: Ctx,
  _posts: readonly { id: string; kind: PostKind }[],
): Promise<Map<string, PostKindViews>> {
  return new Map();
}
