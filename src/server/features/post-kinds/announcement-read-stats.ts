import type { Executor } from '../../platform/db/database.js';
import { countReading } from './announcements.queries.js';

/**
 * Reading counts of must-read announcements as feed cards show them, remembered by each node for
 * a few seconds. Counting means checking every recipient — 10,000 people for a company-wide
 * announcement, tens of milliseconds on SQLite (docs/BENCHMARKS.md "feed") — and every author,
 * moderator and administrator loads the card with each feed page. A confirmation made on this
 * node forgets its post at once; changes made elsewhere (another node, people joining) show
 * within `ttlMs`. The readers page always counts afresh.
 */

type Counts = { confirmed: number; pending: number };

const ttlMs = 10_000;
/** Past this many posts, entries past their time are swept before another is added. */
const sweepAbove = 1_000;

const remembered = new Map<string, { until: number; counts: Counts }>();

export async function recentReadingCounts(
  db: Executor,
  postIds: readonly string[],
): Promise<Map<string, Counts>> {
  const now = Date.now();
  const counts = new Map<string, Counts>();
  const missing: string[] = [];
  for (const id of postIds) {
    const entry = remembered.get(id);
    if (entry && entry.until > now) counts.set(id, entry.counts);
    else missing.push(id);
  }
  if (missing.length === 0) return counts;
  const fresh = await countReading(db, missing);
  if (remembered.size > sweepAbove) {
    for (const [id, entry] of remembered) if (entry.until <= now) remembered.delete(id);
  }
  for (const id of missing) {
    const value = fresh.get(id) ?? { confirmed: 0, pending: 0 };
    counts.set(id, value);
    remembered.set(id, { until: now + ttlMs, counts: value });
  }
  return counts;
}

/** After a confirmation committed: the next card shows it. */
export function forgetReadingCounts(postId: string): void {
  remembered.delete(postId);
}
