import { searchKey } from '../../../shared/text.js';
import { requireActor } from '../../platform/auth/guards.js';
import type { Ctx } from '../../platform/context.js';
import { authorize, canViewDirectory } from './users.policy.js';
import { listTopSkills } from './users.queries.js';

/** `GET /skills?q=`: autocomplete over the skills people actually have, most common first. */
export async function suggestSkills(
  ctx: Ctx,
  q: string | undefined,
  limit: number,
): Promise<{ items: { skill: string; count: number }[] }> {
  const actor = requireActor(ctx);
  authorize(canViewDirectory(actor));
  const prefix = q === undefined ? '' : searchKey(q);
  return { items: await listTopSkills(ctx.db, prefix || undefined, limit) };
}
