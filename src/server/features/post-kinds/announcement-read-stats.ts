import type { Executor } from '../../platform/db/database.js';
import { countReading } from './announcements.queries.js';

/**
 * Reading counts of must-read announcements as feed cards show them, remembered by each node.
 * Counting means checking every recipient — 10,000 people for a company-wide announcement, tens
 * of milliseconds on SQLite and over a hundred on PostgreSQL (docs/BENCHMARKS.md "feed") — and
 * every author, moderator and administrator loads the card with each feed page. So a card shows
 * what was counted at most `freshMs` ago; past that it still shows the last count at once while
 * a recount runs in the background, and only a post never counted on this node is counted while
 * its reader waits. A confirmation made on this node forgets its post; changes made elsewhere
 * (another node, people joining) show after the next recount. The readers page always counts
 * afresh.
 */

type Counts = { confirmed: number; pending: number };

const freshMs = 10_000;
/** Past this many posts, entries not used for `forgetAfterMs` are swept before another is added. */
const sweepAbove = 1_000;
const forgetAfterMs = 10 * 60_000;

interface Entry {
  countedAt: number;
  counts: Counts;
  recounting: boolean;
}

const remembered = new Map<string, Entry>();

export async function recentReadingCounts(
  db: Executor,
  postIds: readonly string[],
): Promise<Map<string, Counts>> {
  const now = Date.now();
  const counts = new Map<string, Counts>();
  const missing: string[] = [];
  const stale: string[] = [];
  for (const id of postIds) {
    const entry = remembered.get(id);
    if (!entry) {
      missing.push(id);
      continue;
    }
    counts.set(id, entry.counts);
    if (now - entry.countedAt > freshMs && !entry.recounting) {
      entry.recounting = true;
      stale.push(id);
    }
  }
  if (stale.length > 0) {
    // Nobody waits for it; a failed recount (the database closing, say) is tried again next time.
    recount(db, stale).catch(() => {
      for (const id of stale) {
        const entry = remembered.get(id);
        if (entry) entry.recounting = false;
      }
    });
  }
  if (missing.length > 0) for (const [id, value] of await recount(db, missing)) counts.set(id, value);
  return counts;
}

async function recount(db: Executor, postIds: readonly string[]): Promise<Map<string, Counts>> {
  const fresh = await countReading(db, postIds);
  const now = Date.now();
  if (remembered.size > sweepAbove) {
    for (const [id, entry] of remembered) if (now - entry.countedAt > forgetAfterMs) remembered.delete(id);
  }
  const counts = new Map<string, Counts>();
  for (const id of postIds) {
    const value = fresh.get(id) ?? { confirmed: 0, pending: 0 };
    counts.set(id, value);
    remembered.set(id, { countedAt: now, counts: value, recounting: false });
  }
  return counts;
}

/** After a confirmation committed: the next card counts again. */
export function forgetReadingCounts(postId: string): void {
  remembered.delete(postId);
}
