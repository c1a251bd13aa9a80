import type { PostKindViews } from '../../../shared/api/post-kinds.js';
import type { Ctx } from '../../platform/context.js';
import type { PostKind } from '../../platform/db/schema.js';
import { loadAnnouncementViews } from './announcements.service.js';
import { loadEventViews } from './events.service.js';
import { loadPollViews } from './polls.service.js';
import { loadVacancyViews } from './vacancies.service.js';

/**
 * The kind-specific views of the given posts for `ctx.actor`, keyed by post id; plain posts have
 * no entry. The posts presenter calls this for every page of a feed, so each kind is loaded for
 * the whole page at once: a fixed handful of queries per kind present on the page, never one
 * per post. The caller has already checked that the viewer may read every post passed in.
 */
export async function loadKindViews(
  ctx: Ctx,
  posts: readonly { id: string; kind: PostKind }[],
): Promise<Map<string, PostKindViews>> {
  const idsOf = (kind: PostKind) => posts.filter((p) => p.kind === kind).map((p) => p.id);
  const [events, polls, announcements, vacancies] = [
    await loadEventViews(ctx, idsOf('event')),
    await loadPollViews(ctx, idsOf('poll')),
    await loadAnnouncementViews(ctx, idsOf('announcement')),
    await loadVacancyViews(ctx, idsOf('vacancy')),
  ];
  const views = new Map<string, PostKindViews>();
  for (const [id, event] of events) views.set(id, { event });
  for (const [id, poll] of polls) views.set(id, { poll });
  for (const [id, announcement] of announcements) views.set(id, { announcement });
  for (const [id, vacancy] of vacancies) views.set(id, { vacancy });
  return views;
}
