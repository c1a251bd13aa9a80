import type { FeedSource, SourceCandidates } from './feed.queries.js';

/** How the merge reads more: a source's next ids, and which ids the viewer may read. */
export interface MergeIo {
  /** The source's newest `limit` ids strictly below `before`, unchecked. */
  more(source: FeedSource, before: string, limit: number): Promise<string[]>;
  /** The subset of `ids` the viewer may read. */
  readable(ids: readonly string[]): Promise<Set<string>>;
}

interface SourceList {
  source: FeedSource;
  ids: string[];
  /** Below this id the source may hold ids not read yet; null when it was read to its end. */
  floor: string | null;
  /** Whether the source can be read further below `floor` (false: stopped at a bound). */
  readMore: boolean;
  chunk: number;
}

/**
 * The k-way merge of the feed: the newest `want` distinct readable ids across sources, newest
 * first. Each source arrives with its newest `fetched` ids below the cursor (fewer means the
 * source has no more, unless the scan stopped at a `floor`). Candidates are only trusted down to
 * the *horizon* — the highest floor of the sources: below it a source may still have unread
 * ids; they are checked for readability newest first in small batches, and the source that sets
 * the horizon is read further (in growing chunks) only when too few readable ids lie above it,
 * which happens when a followed person or topic posts mostly where the viewer may not read.
 * `skip` ids are never returned (items already shown at the top of the page); `checked` are
 * readability answers the caller already has.
 *
 * Returns null when a source that stopped at a bound would have to be read further: the caller
 * then reads the sources without the bound.
 */
export async function mergeReadable(
  initial: readonly SourceCandidates[],
  fetched: number,
  want: number,
  io: MergeIo,
  skip: ReadonlySet<string> = new Set(),
  checked: ReadonlyMap<string, boolean> = new Map(),
): Promise<string[] | null> {
  const lists: SourceList[] = initial.map((c) => {
    const full = c.ids.length >= fetched;
    return {
      source: c.source,
      ids: c.ids,
      floor: full ? c.ids[c.ids.length - 1]! : (c.floor ?? null),
      readMore: full,
      chunk: fetched,
    };
  });
  const known = new Map(checked);
  for (const id of skip) known.set(id, false);

  for (;;) {
    let horizon: string | null = null;
    for (const list of lists) {
      if (list.floor !== null && (horizon === null || list.floor > horizon)) horizon = list.floor;
    }
    const above = horizon ?? '';
    const merged = [...new Set(lists.flatMap((l) => l.ids.filter((id) => id >= above)))].sort().reverse();

    const result: string[] = [];
    let i = 0;
    while (result.length < want && i < merged.length) {
      const unknown: string[] = [];
      for (let j = i; j < merged.length && unknown.length < want - result.length + 4; j++) {
        if (!known.has(merged[j]!)) unknown.push(merged[j]!);
      }
      if (unknown.length > 0) {
        const ok = await io.readable(unknown);
        for (const id of unknown) known.set(id, ok.has(id));
      }
      while (i < merged.length && result.length < want && known.has(merged[i]!)) {
        if (known.get(merged[i]!)) result.push(merged[i]!);
        i += 1;
      }
    }
    if (result.length >= want || horizon === null) return result;

    // Too few readable ids above the horizon: read further in the sources that set it.
    const limiting = lists.filter((l) => l.floor === horizon);
    if (limiting.some((l) => !l.readMore)) return null;
    for (const list of limiting) {
      list.chunk = Math.min(list.chunk * 4, 2000);
      const more = await io.more(list.source, horizon, list.chunk);
      list.ids.push(...more);
      list.floor = more.length < list.chunk ? null : more[more.length - 1]!;
    }
  }
}
