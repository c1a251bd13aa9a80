import type { FastifyBaseLogger } from 'fastify';
import type { Presence, PresenceState } from '../../../shared/api/chats.js';

/**
 * Who is online (C3): a registry per node of the sockets open on it. A person is `online` while
 * any of their sockets, on any node, is open and in use; `away` while every open one says its tab
 * is idle; `offline` once the last one closes. `users.last_seen_at` is written when a person's
 * last socket on a node closes, and every few minutes while connected (one UPDATE per node).
 *
 * Without Redis the registry is this process alone; with Redis (presence.redis.ts) every node
 * writes its part of a person's state to a shared hash and announces changes on one channel.
 *
 * A person who hides their presence is shown to others as `offline` with no last seen: the
 * registry carries the flag with every change so watchers never see more.
 */

/** What one node knows of a person: their sockets here, and whether any is in use. */
export type NodeState = 'online' | 'away';

/** A person's presence across every node, before hiding is applied. */
export interface LiveState {
  state: PresenceState;
  hidden: boolean;
}

/** A change as announced to watchers: already shown as others should see it. */
export type PresenceListener = (presence: Presence) => void;

/** One socket's part in its person's presence. */
export interface PresenceSession {
  /** The tab is in use (`online`) or idle (`away`). */
  setState(state: NodeState): void;
  /** The socket closed. */
  detach(): void;
}

export interface PresenceRegistry {
  /** A socket of `userId` opened on this node; `hidden` is their `presence_hidden`. */
  attach(userId: string, hidden: boolean): PresenceSession;
  /** Each person's live state across every node (absent people are offline). */
  lookup(userIds: readonly string[]): Promise<Map<string, LiveState>>;
  /** Whether the person has a socket open in use or idle on any node (hiding aside). */
  isOnline(userId: string): Promise<boolean>;
  /** Calls `listener` on every change of `userId`'s presence, from any node. */
  watch(userId: string, listener: PresenceListener): () => void;
  /** The person hid or showed their presence (PUT /me/presence): watchers are told. */
  setHidden(userId: string, hidden: boolean): Promise<void>;
  close(): Promise<void>;
}

export interface PresenceOptions {
  /** Writes `users.last_seen_at` of these people (presence.service.ts). */
  writeLastSeen: (userIds: string[], at: string) => Promise<void>;
  log: FastifyBaseLogger;
  /** How often `users.last_seen_at` is refreshed for everyone connected to this node. */
  lastSeenEveryMs?: number;
}

/** How others see a person: hidden people are always offline, with no last seen. */
export function shown(userId: string, live: LiveState | undefined, lastSeenAt: string | null): Presence {
  if (!live || live.hidden) return { userId, state: 'offline', lastSeenAt: live?.hidden ? null : lastSeenAt };
  return { userId, state: live.state, lastSeenAt };
}

/** The state of a person from the parts of every node: in use anywhere wins over idle. */
export function combine(states: Iterable<NodeState>): PresenceState {
  let result: PresenceState = 'offline';
  for (const state of states) {
    if (state === 'online') return 'online';
    result = 'away';
  }
  return result;
}

/**
 * What each registry keeps of this node's sockets, and the parts both implementations share:
 * the local watchers, the per-person aggregate, the last-seen writes.
 */
export class LocalPresence {
  /** Person → the states of their sockets on this node. */
  readonly sockets = new Map<string, { sessions: Set<{ state: NodeState }>; hidden: boolean }>();
  readonly watchers = new Map<string, Set<PresenceListener>>();
  private readonly timer: NodeJS.Timeout;
  /**
   * People whose last socket here closed, whose last seen is written together a moment later: a
   * node losing thousands of sockets at once (a restart of the clients' network, a deploy) would
   * otherwise commit once per person — 5,000 commits, seconds of a blocked event loop.
   */
  private readonly leaving = new Set<string>();
  private leavingTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: PresenceOptions,
    /** Told when this node's part of a person changed (null: no socket here any more). */
    private readonly onNodeChange: (userId: string, state: NodeState | null, hidden: boolean) => void,
  ) {
    // While connected, last seen moves forward too: a crash then loses minutes, not the day.
    this.timer = setInterval(
      () => {
        void this.touchAll();
      },
      options.lastSeenEveryMs ?? 5 * 60_000,
    );
    this.timer.unref();
  }

  nodeState(userId: string): NodeState | null {
    const entry = this.sockets.get(userId);
    if (!entry || entry.sessions.size === 0) return null;
    for (const session of entry.sessions) if (session.state === 'online') return 'online';
    return 'away';
  }

  attach(userId: string, hidden: boolean): PresenceSession {
    let entry = this.sockets.get(userId);
    if (!entry) {
      entry = { sessions: new Set(), hidden };
      this.sockets.set(userId, entry);
    }
    entry.hidden = hidden;
    const before = this.nodeState(userId);
    const session = { state: 'online' as NodeState };
    entry.sessions.add(session);
    if (before !== 'online') this.onNodeChange(userId, 'online', hidden);
    let attached = true;
    return {
      setState: (state) => {
        if (!attached || session.state === state) return;
        const previous = this.nodeState(userId);
        session.state = state;
        const now = this.nodeState(userId);
        if (now !== previous) this.onNodeChange(userId, now, entry.hidden);
      },
      detach: () => {
        if (!attached) return;
        attached = false;
        const previous = this.nodeState(userId);
        entry.sessions.delete(session);
        const now = this.nodeState(userId);
        if (entry.sessions.size === 0 && this.sockets.get(userId) === entry) this.sockets.delete(userId);
        if (now === null) this.touchSoon(userId);
        if (now !== previous) this.onNodeChange(userId, now, entry.hidden);
      },
    };
  }

  setHidden(userId: string, hidden: boolean): void {
    const entry = this.sockets.get(userId);
    if (entry) entry.hidden = hidden;
  }

  watch(userId: string, listener: PresenceListener): () => void {
    let set = this.watchers.get(userId);
    if (!set) {
      set = new Set();
      this.watchers.set(userId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.watchers.get(userId) === set) this.watchers.delete(userId);
    };
  }

  /** Tells this node's watchers of `userId`. */
  notify(userId: string, live: LiveState, at: string): void {
    const set = this.watchers.get(userId);
    if (!set) return;
    const presence = shown(userId, live, at);
    for (const listener of set) listener(presence);
  }

  async touch(userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    try {
      await this.options.writeLastSeen(userIds, new Date().toISOString());
    } catch (err) {
      this.options.log.warn({ err }, 'could not write last seen');
    }
  }

  private touchSoon(userId: string): void {
    this.leaving.add(userId);
    this.leavingTimer ??= setTimeout(() => {
      void this.touch(this.takeLeaving());
    }, leavingBatchMs);
  }

  private takeLeaving(): string[] {
    clearTimeout(this.leavingTimer);
    this.leavingTimer = undefined;
    const userIds = [...this.leaving];
    this.leaving.clear();
    return userIds;
  }

  /** Everyone connected here and everyone who just left. */
  touchAll(): Promise<void> {
    return this.touch([...new Set([...this.takeLeaving(), ...this.sockets.keys()])]);
  }

  close(): void {
    clearInterval(this.timer);
    clearTimeout(this.leavingTimer);
    this.watchers.clear();
  }
}

/** How long the last seen of people who left waits for others leaving too. */
const leavingBatchMs = 200;

/** The registry of one process (no Redis): this node's sockets are everyone's. */
export function createLocalPresence(options: PresenceOptions): PresenceRegistry {
  const local: LocalPresence = new LocalPresence(options, (userId, state, hidden) => {
    local.notify(userId, { state: state ?? 'offline', hidden }, new Date().toISOString());
  });
  const liveOf = (userId: string): LiveState | undefined => {
    const state = local.nodeState(userId);
    return state ? { state, hidden: local.sockets.get(userId)?.hidden ?? false } : undefined;
  };
  return {
    attach: (userId, hidden) => local.attach(userId, hidden),
    async lookup(userIds) {
      const result = new Map<string, LiveState>();
      for (const userId of userIds) {
        const live = liveOf(userId);
        if (live) result.set(userId, live);
      }
      return result;
    },
    async isOnline(userId) {
      return local.nodeState(userId) !== null;
    },
    watch: (userId, listener) => local.watch(userId, listener),
    async setHidden(userId, hidden) {
      local.setHidden(userId, hidden);
      local.notify(userId, { state: local.nodeState(userId) ?? 'offline', hidden }, new Date().toISOString());
    },
    async close() {
      await local.touchAll();
      local.close();
    },
  };
}
