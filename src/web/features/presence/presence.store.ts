import { useEffect, useSyncExternalStore } from 'react';
import type { Presence, PresenceState } from '../../../shared/api/chats.js';
import { api } from '../../lib/api.js';
import { getRealtime } from '../../lib/realtime.js';

/**
 * Presence of the people on screen (C3), shared by every component of the tab. Components say
 * which ids they show (`usePresence`); the union of those is the socket's watch list (the server
 * then sends `presence.changed` for them) and what is not known yet is fetched once from
 * `GET /presence?ids=` in batches. A reconnect refetches everything watched, since changes
 * during the outage were missed.
 */

const known = new Map<string, Presence>();
/** How many mounted components watch each id. */
const watchers = new Map<string, number>();
const listeners = new Set<() => void>();
let version = 0;
let flushTimer: ReturnType<typeof setTimeout> | undefined;
let started = false;
const fetchBatch = 200;

let notifyQueued = false;

/**
 * Tells the components, once per burst: a watch answers with one frame per person, and a page of
 * several hundred cards re-rendering for each frame would be quadratic (the directory froze).
 */
function changed(): void {
  version += 1;
  if (notifyQueued) return;
  notifyQueued = true;
  setTimeout(() => {
    notifyQueued = false;
    for (const listener of [...listeners]) listener();
  }, 0);
}

function start(): void {
  if (started) return;
  started = true;
  const client = getRealtime();
  client.start();
  client.subscribe('presence.changed', (data) => {
    known.set(data.userId, { userId: data.userId, state: data.state, lastSeenAt: data.lastSeenAt });
    changed();
  });
  let wasOpen = client.status === 'open';
  client.onStatus(() => {
    const open = client.status === 'open';
    if (open && !wasOpen) {
      // What changed while the socket was away was missed: ask again for everything on screen.
      known.clear();
      schedule();
    }
    wasOpen = open;
  });
}

async function fetchMissing(ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += fetchBatch) {
    const batch = ids.slice(i, i + fetchBatch);
    try {
      const answer = await api.get<{ items: Presence[] }>('/presence', { query: { ids: batch.join(',') } });
      for (const item of answer.items) known.set(item.userId, item);
    } catch {
      // Presence is a hint: without it the dots stay grey until the next change or reconnect.
    }
  }
  changed();
}

function schedule(): void {
  clearTimeout(flushTimer);
  // Components mount in bursts (a page of cards): one watch frame and one fetch for the burst.
  flushTimer = setTimeout(() => {
    const ids = [...watchers.keys()];
    getRealtime().watchPresence(ids);
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length > 0) void fetchMissing(missing);
  }, 50);
}

function watch(ids: readonly string[]): () => void {
  start();
  for (const id of ids) watchers.set(id, (watchers.get(id) ?? 0) + 1);
  schedule();
  return () => {
    for (const id of ids) {
      const left = (watchers.get(id) ?? 1) - 1;
      if (left <= 0) watchers.delete(id);
      else watchers.set(id, left);
    }
    schedule();
  };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The presence of one person, if known. */
export function presenceOf(id: string): Presence | undefined {
  return known.get(id);
}

/**
 * Watches these people while the component is mounted and re-renders it when any presence
 * changes; read each one with the returned function.
 */
export function usePresence(ids: readonly string[]): (id: string) => Presence | undefined {
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    if (!key) return;
    return watch(key.split(','));
  }, [key]);
  useSyncExternalStore(subscribe, () => version);
  return presenceOf;
}

/**
 * The state of one person ('offline' while unknown). Re-renders only when that person's
 * presence changes: a page of dots must not all re-render for anyone's change.
 */
export function usePresenceState(id: string | null | undefined): Presence | undefined {
  useEffect(() => {
    if (!id) return;
    return watch([id]);
  }, [id]);
  return useSyncExternalStore(subscribe, () => (id ? known.get(id) : undefined));
}

export type { PresenceState };

const idleAfterMs = 5 * 60_000;
let trackingActivity = false;

/**
 * Tells the server whether this tab is in use: `away` after five minutes without a key, a
 * click or a pointer move, or while the tab is hidden; `online` again on the next sign of life.
 */
export function trackActivity(): () => void {
  if (trackingActivity || typeof window === 'undefined') return () => {};
  trackingActivity = true;
  const client = getRealtime();
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let lastActive = 0;
  const away = () => client.setPresenceState('away');
  const active = () => {
    const now = Date.now();
    // Pointer moves come in floods: re-arm the timer at most once a second.
    if (now - lastActive < 1000) return;
    lastActive = now;
    if (document.visibilityState === 'hidden') return;
    client.setPresenceState('online');
    clearTimeout(idleTimer);
    idleTimer = setTimeout(away, idleAfterMs);
  };
  const visibility = () => {
    if (document.visibilityState === 'hidden') away();
    else {
      lastActive = 0;
      active();
    }
  };
  const events = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
  for (const name of events) window.addEventListener(name, active, { passive: true });
  document.addEventListener('visibilitychange', visibility);
  active();
  return () => {
    trackingActivity = false;
    clearTimeout(idleTimer);
    for (const name of events) window.removeEventListener(name, active);
    document.removeEventListener('visibilitychange', visibility);
  };
}
