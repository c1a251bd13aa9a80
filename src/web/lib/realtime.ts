import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { SendMessageBody } from '../../shared/api/chats.js';
import type { RealtimeEvents } from '../../shared/realtime/events.js';
import {
  type AckFrame,
  type ClientMessage,
  controlFrameTypes,
  type EventFrame,
  realtimeCloseCodes,
  type ServerFrame,
} from '../../shared/realtime/frames.js';

/**
 * The browser side of `/api/v1/realtime` (protocol in src/shared/realtime/frames.ts): one
 * socket per tab. It remembers the last `seq` of every stream in memory and in sessionStorage
 * (a reload of the tab resumes where it was), sends `resume` on every (re)connect, reconnects
 * with exponential back-off and full jitter, and drops any frame at or below a cursor, so
 * handlers see each durable event once, in order.
 *
 * Handlers get events by type; what to refetch is up to them (typically a TanStack Query
 * invalidation). `realtime.resync` tells them a stream could not be replayed (too far behind,
 * or newly joined): refetch everything that stream feeds.
 *
 * Chat sends (issue 5, C7) go out as `send` frames and settle on the server's `ack` or `nack`,
 * matched by the sender's `clientId`. A send whose socket dropped before its answer is sent
 * again, with the same `clientId`, right after the next `resume`: the server stores it once.
 * `typing` is fire-and-forget; the presence watch list and the tab's state are re-sent on every
 * (re)connect, since the server forgets them with the socket.
 */

/** Events handlers can subscribe to: the server's, plus the client's own `realtime.resync`. */
export type ClientEvents = RealtimeEvents & {
  'realtime.resync': { stream: string };
};
export type ClientEventType = keyof ClientEvents;
export type RealtimeHandler<K extends ClientEventType> = (data: ClientEvents[K], frame: EventFrame) => void;

/** `connecting` → `open` → (dropped) `waiting` → `connecting` …; `ended` when the session ended. */
export type RealtimeStatus = 'idle' | 'connecting' | 'open' | 'waiting' | 'ended';

/** The part of the WebSocket API the client uses (a browser WebSocket, or `ws` in tests). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

export interface RealtimeClientOptions {
  url?: string;
  createSocket?: (url: string) => SocketLike;
  /** Where cursors outlive a reload; sessionStorage by default (per tab), null for none. */
  storage?: StorageLike | null;
  random?: () => number;
  /** Back-off: the first retry waits up to `minDelayMs`, doubling up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** A keepalive ping this often; no frame within `pongTimeoutMs` after it means a dead link. */
  pingMs?: number;
  pongTimeoutMs?: number;
}

/** A `send` the server refused: the problem an HTTP send would have answered with. */
export class SendRefusedError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(error: { code: string; status: number; message: string }) {
    super(error.message);
    this.name = 'SendRefusedError';
    this.code = error.code;
    this.status = error.status;
  }
}

/** A `send` that got no answer in time (the socket may still deliver it: retry with the same clientId). */
export class SendTimeoutError extends Error {
  constructor() {
    super('No acknowledgement from the server');
    this.name = 'SendTimeoutError';
  }
}

export type AckData = AckFrame['data'];

export interface RealtimeClient {
  subscribe<K extends ClientEventType>(type: K, handler: RealtimeHandler<K>): () => void;
  /** Opens the socket (and keeps it open) until `stop`. */
  start(): void;
  /** Closes the socket and stops reconnecting (sign-out). */
  stop(): void;
  readonly status: RealtimeStatus;
  onStatus(listener: () => void): () => void;
  /** The last `seq` seen per stream. */
  cursors(): Record<string, number>;
  /**
   * Sends a chat message over the socket; resolves with the `ack`, rejects with
   * SendRefusedError on `nack`, or SendTimeoutError after `timeoutMs` without an answer (the
   * caller may then retry over HTTP with the same clientId). Unanswered sends are sent again
   * after a reconnect.
   */
  send(chatId: string, message: SendMessageBody, timeoutMs?: number): Promise<AckData>;
  /** "I am typing in this chat" (dropped when the socket is not open). */
  typing(chatId: string): void;
  /** The people whose presence this tab wants `presence.changed` frames about (replaces the set). */
  watchPresence(ids: readonly string[]): void;
  /** Whether the person is using this tab (`online`) or it sits idle (`away`). */
  setPresenceState(state: 'online' | 'away'): void;
}

const storageKey = 'atrium.realtime.cursors';
const OPEN = 1;

function defaultUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/api/v1/realtime`;
}

function defaultStorage(): StorageLike | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

function loadCursors(storage: StorageLike | null): Map<string, number> {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(storageKey) ?? '{}');
    if (parsed === null || typeof parsed !== 'object') return new Map();
    return new Map(
      Object.entries(parsed).filter(
        (entry): entry is [string, number] => Number.isSafeInteger(entry[1]) && entry[1] >= 0,
      ),
    );
  } catch {
    return new Map();
  }
}

export function createRealtimeClient(options: RealtimeClientOptions = {}): RealtimeClient {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  const random = options.random ?? Math.random;
  const minDelayMs = options.minDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const pingMs = options.pingMs ?? 25_000;
  const pongTimeoutMs = options.pongTimeoutMs ?? 10_000;

  const cursors = loadCursors(storage);
  const handlers = new Map<string, Set<RealtimeHandler<ClientEventType>>>();
  const statusListeners = new Set<() => void>();
  let status: RealtimeStatus = 'idle';
  let socket: SocketLike | null = null;
  let wanted = false;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let lastFrameAt = 0;
  interface PendingSend {
    frame: ClientMessage;
    resolve: (ack: AckData) => void;
    reject: (error: Error) => void;
    timer: ReturnType<typeof setTimeout>;
  }
  /** Sends waiting for their ack, by `${chatId} ${clientId}`. */
  const pendingSends = new Map<string, PendingSend>();
  let watched: string[] = [];
  let presenceState: 'online' | 'away' | undefined;

  function setStatus(next: RealtimeStatus): void {
    if (status === next) return;
    status = next;
    for (const listener of [...statusListeners]) listener();
  }

  function saveCursors(): void {
    try {
      storage?.setItem(storageKey, JSON.stringify(Object.fromEntries(cursors)));
    } catch {
      // A full or blocked storage only costs a refetch after a reload.
    }
  }

  function emit(type: string, data: unknown, frame: EventFrame): void {
    for (const handler of [...(handlers.get(type) ?? [])]) {
      try {
        handler(data as never, frame);
      } catch (error) {
        // One failing handler must not stop the others, nor the socket.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  function resync(stream: string, seq: number): void {
    cursors.set(stream, seq);
    saveCursors();
    emit('realtime.resync', { stream }, { type: 'realtime.resync', stream, seq, data: { stream } });
  }

  function onFrame(frame: ServerFrame): void {
    lastFrameAt = Date.now();
    switch (frame.type) {
      case 'hello': {
        attempt = 0;
        const streams = (frame as Extract<ServerFrame, { type: 'hello' }>).data.streams;
        // Streams this tab had never seen start at their head: what the page fetched is current.
        for (const [stream, head] of Object.entries(streams)) {
          if (!cursors.has(stream)) cursors.set(stream, head);
        }
        for (const stream of [...cursors.keys()]) if (!(stream in streams)) cursors.delete(stream);
        saveCursors();
        return;
      }
      case 'streams': {
        const { added, removed } = (frame as Extract<ServerFrame, { type: 'streams' }>).data;
        for (const stream of removed) cursors.delete(stream);
        for (const [stream, head] of Object.entries(added)) resync(stream, head);
        saveCursors();
        return;
      }
      case 'reset': {
        const reset = frame as Extract<ServerFrame, { type: 'reset' }>;
        resync(reset.stream, reset.seq);
        return;
      }
      case 'pong':
        return;
      case 'ack':
      case 'nack': {
        const answer = frame as Extract<ServerFrame, { type: 'ack' | 'nack' }>;
        const key = `${answer.data.chatId} ${answer.data.clientId}`;
        const pending = pendingSends.get(key);
        if (!pending) return;
        pendingSends.delete(key);
        clearTimeout(pending.timer);
        if (answer.type === 'ack') pending.resolve(answer.data);
        else pending.reject(new SendRefusedError(answer.data.error));
        return;
      }
    }
    if (controlFrameTypes.has(frame.type)) return;
    const event = frame as EventFrame;
    if (event.seq !== undefined) {
      if (event.seq <= (cursors.get(event.stream) ?? 0)) return;
      cursors.set(event.stream, event.seq);
      saveCursors();
    }
    emit(event.type, event.data, event);
  }

  function send(message: ClientMessage): void {
    if (socket?.readyState === OPEN) socket.send(JSON.stringify(message));
  }

  function connect(): void {
    clearTimeout(retryTimer);
    setStatus('connecting');
    const current = createSocket(options.url ?? defaultUrl());
    socket = current;
    current.onopen = () => {
      if (socket !== current) return;
      setStatus('open');
      lastFrameAt = Date.now();
      send({ type: 'resume', cursors: Object.fromEntries(cursors) });
      // What the server forgot with the previous socket: the watch list, the tab's state, and
      // sends that got no answer (the same clientId: stored once however often it arrives).
      if (watched.length > 0) send({ type: 'presence', watch: watched });
      if (presenceState) send({ type: 'presence', state: presenceState });
      for (const pending of pendingSends.values()) send(pending.frame);
      clearInterval(pingTimer);
      pingTimer = setInterval(() => {
        if (Date.now() - lastFrameAt > pingMs + pongTimeoutMs) {
          // Nothing came back, not even a pong: the link is dead without having said so.
          current.close();
          dropped(current, 1006);
          return;
        }
        send({ type: 'ping' });
      }, pingMs);
    };
    current.onmessage = (event) => {
      if (socket !== current) return;
      try {
        onFrame(JSON.parse(String(event.data)) as ServerFrame);
      } catch {
        // A frame that is not JSON is not ours to act on.
      }
    };
    current.onclose = (event) => dropped(current, event.code);
    current.onerror = () => {};
  }

  function dropped(which: SocketLike, code: number): void {
    if (socket !== which) return;
    socket = null;
    clearInterval(pingTimer);
    if (code === realtimeCloseCodes.sessionEnded) {
      wanted = false;
      setStatus('ended');
      return;
    }
    if (!wanted) {
      setStatus('idle');
      return;
    }
    setStatus('waiting');
    // Full jitter: a restarted server is not met by every tab at the same instant (F10).
    const cap = Math.min(maxDelayMs, minDelayMs * 2 ** attempt);
    attempt += 1;
    retryTimer = setTimeout(connect, Math.max(50, Math.round(random() * cap)));
  }

  function onOnline(): void {
    if (wanted && status === 'waiting') connect();
  }

  return {
    subscribe(type, handler) {
      let set = handlers.get(type);
      if (!set) {
        set = new Set();
        handlers.set(type, set);
      }
      set.add(handler as RealtimeHandler<ClientEventType>);
      return () => {
        set.delete(handler as RealtimeHandler<ClientEventType>);
      };
    },
    start() {
      if (wanted) return;
      wanted = true;
      attempt = 0;
      if (typeof window !== 'undefined') window.addEventListener('online', onOnline);
      if (!socket) connect();
    },
    stop() {
      wanted = false;
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      if (typeof window !== 'undefined') window.removeEventListener('online', onOnline);
      const current = socket;
      socket = null;
      current?.close(1000, 'done');
      setStatus('idle');
    },
    get status() {
      return status;
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    cursors() {
      return Object.fromEntries(cursors);
    },
    send(chatId, message, timeoutMs = 15_000) {
      const key = `${chatId} ${message.clientId}`;
      const previous = pendingSends.get(key);
      if (previous) {
        clearTimeout(previous.timer);
        previous.reject(new SendTimeoutError());
      }
      return new Promise<AckData>((resolve, reject) => {
        const frame: ClientMessage = { type: 'send', chatId, message };
        const timer = setTimeout(() => {
          if (pendingSends.get(key)?.frame !== frame) return;
          pendingSends.delete(key);
          reject(new SendTimeoutError());
        }, timeoutMs);
        pendingSends.set(key, { frame, resolve, reject, timer });
        send(frame);
      });
    },
    typing(chatId) {
      send({ type: 'typing', chatId });
    },
    watchPresence(ids) {
      const next = [...new Set(ids)].sort().slice(0, 500);
      if (next.length === watched.length && next.every((id, i) => id === watched[i])) return;
      watched = next;
      send({ type: 'presence', watch: watched });
    },
    setPresenceState(state) {
      if (presenceState === state) return;
      presenceState = state;
      send({ type: 'presence', state });
    },
  };
}

let shared: RealtimeClient | undefined;

/** This tab's client (created on first use). */
export function getRealtime(): RealtimeClient {
  shared ??= createRealtimeClient();
  return shared;
}

/**
 * Calls `handler` for every `type` event on this tab's socket while the component is mounted,
 * opening the socket on first use. The handler may change between renders without
 * resubscribing. Pass `enabled: false` while nobody is signed in.
 */
export function useRealtime<K extends ClientEventType>(
  type: K,
  handler: RealtimeHandler<K>,
  enabled = true,
): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!enabled) return;
    const client = getRealtime();
    client.start();
    return client.subscribe(type, (data, frame) => latest.current(data, frame));
  }, [type, enabled]);
}

/** The socket's status, for an "offline, reconnecting…" hint. */
export function useRealtimeStatus(): RealtimeStatus {
  const client = getRealtime();
  return useSyncExternalStore(
    (listener) => client.onStatus(listener),
    () => client.status,
    () => 'idle',
  );
}
