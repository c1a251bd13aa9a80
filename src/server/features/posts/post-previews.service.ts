import { type Ctx, transact } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { afterCommit } from '../../platform/events/after-commit.js';
import { appendStreamEvent, streamOfPost } from '../../platform/events/streams.js';
import { fetchLinkPreview, type LinkPreview } from '../../platform/net/link-preview.js';
import { updatePostPreview } from './posts.queries.js';

/**
 * Link previews (R30): after a post with a link commits, its first link is fetched in the
 * background through the SSRF-guarded client; the response never waits for it. When a preview
 * arrives and the post still points at the same link, it is stored and a `post.updated` event
 * tells readers to refresh.
 */

/**
 * Where previews come from. Production fetches the public internet only; tests point this at a
 * client whose policy also admits their own local page server.
 */
export const linkPreviewSource: { fetch: (url: string) => Promise<LinkPreview | undefined> } = {
  fetch: (url) => fetchLinkPreview(url),
};

const inFlight = new Set<Promise<void>>();

export { streamOfPost };

async function fetchAndStore(ctx: Ctx, postId: string, url: string): Promise<void> {
  const preview = await linkPreviewSource.fetch(url);
  if (!preview) return;
  await transact(ctx, async (tx) => {
    const post = await updatePostPreview(tx, postId, url, JSON.stringify({ url, ...preview }));
    if (post) await appendStreamEvent(tx, streamOfPost(post), 'post.updated', { postId });
  });
}

/** Fetches the preview of `url` for a post once `tx` commits, without holding up the response. */
export function schedulePreview(ctx: Ctx, tx: Tx, postId: string, url: string): void {
  afterCommit(tx, () => {
    const task: Promise<void> = fetchAndStore(ctx, postId, url)
      .catch((error: unknown) => ctx.log.warn({ err: error, postId }, 'link preview not stored'))
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  });
}

/** Waits for the previews being fetched (the app waits on close; tests wait before asserting). */
export async function settleLinkPreviews(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}
