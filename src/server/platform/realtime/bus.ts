/**
 * The realtime bus (DESIGN.md "Realtime protocol"): fans a frame published on a stream out to
 * every subscriber of that stream, on this node (in-process) or on every node (Redis pub/sub,
 * `bus.redis.ts`). Durable frames carry the `seq` they were given in the database; ephemeral
 * frames (typing, presence) carry none and are never replayed.
 */
export interface StreamFrame {
  type: string;
  stream: string;
  /** Position in the stream's durable log; absent for ephemeral events. */
  seq?: number;
  data: unknown;
}

export type FrameListener = (frame: StreamFrame) => void;

export interface Bus {
  publish(frame: StreamFrame): void;
  /** Calls `listener` for every frame published on `stream`; returns the unsubscribe function. */
  subscribe(stream: string, listener: FrameListener): () => void;
  /**
   * Resolves once frames published on `stream` by any node reach this node's listeners (a
   * Redis SUBSCRIBE is confirmed). The gateway waits for it before reading a stream's backlog,
   * so nothing committed after the read can slip past both the read and the subscription.
   */
  whenSubscribed(stream: string): Promise<void>;
  /**
   * Whether any node has a listener on `stream` — for `user:<id>`, whether the person has a tab
   * open anywhere (Web Push is sent only when not). False when it cannot be known.
   */
  hasListeners(stream: string): Promise<boolean>;
  /**
   * Calls `listener` each time the bus comes back after losing frames (Redis reconnected):
   * whatever was published meanwhile reached no other node, and sockets must catch up from the
   * database. The single-node bus never loses frames and never calls it.
   */
  onReconnect?(listener: () => void): () => void;
  close(): Promise<void>;
}

/** The single-node bus: a map of stream → listeners. */
export function createLocalBus(): Bus {
  const listeners = new Map<string, Set<FrameListener>>();
  return {
    publish(frame) {
      const set = listeners.get(frame.stream);
      if (!set) return;
      // No copy per frame (this is the fan-out's hot path): a Set iterates safely while a
      // listener unsubscribes (skipped if not reached yet); one added meanwhile is called too,
      // and the gateway ignores a frame a new subscription already counts in its head.
      for (const listener of set) listener(frame);
    },
    subscribe(stream, listener) {
      let set = listeners.get(stream);
      if (!set) {
        set = new Set();
        listeners.set(stream, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(stream) === set) listeners.delete(stream);
      };
    },
    async whenSubscribed() {},
    async hasListeners(stream) {
      return listeners.has(stream);
    },
    async close() {
      listeners.clear();
    },
  };
}
