import type { FeedItem, PersonalFeedItem } from '../../../shared/api/feed.js';
import type { PostView } from '../../../shared/api/posts.js';

/** Feed items: each post with why it leads the page (pinned, must-read) or null. */
export function presentFeedItems(
  views: readonly PostView[],
  reasons: ReadonlyMap<string, 'mustRead' | 'pinned'>,
): FeedItem[] {
  return views.map((view) => ({ ...view, highlight: reasons.get(view.id) ?? null }));
}

/**
 * Personal feed items: also `isNew` when published after `marker`, the viewer's previous visit
 * (ISO-8601 UTC text compares as time). Nothing is new on a first ever visit.
 */
export function presentPersonalItems(
  views: readonly PostView[],
  reasons: ReadonlyMap<string, 'mustRead' | 'pinned'>,
  marker: string | null,
): PersonalFeedItem[] {
  return presentFeedItems(views, reasons).map((item) => ({
    ...item,
    isNew: marker !== null && item.createdAt > marker,
  }));
}
