import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { Message } from '../../src/shared/api/chats.js';
import type {
  AckFrame,
  EventFrame,
  NackFrame,
  ResetFrame,
  ServerFrame,
} from '../../src/shared/realtime/frames.js';
import type { SeededPerson } from './harness.js';

/**
 * A simulated chat user for the fault tests: one realtime socket at a time, a cursor per stream,
 * resume after every disconnect with jittered exponential back-off, sends with its own
 * clientIds (over the socket or HTTP) retried until acknowledged, and a log of every ack and of
 * every message it renders. It never trusts the wire: a gap is filled over HTTP, a repeat is
 * dropped, and both are counted as anomalies of the server.
 */

export interface Ack {
  chatId: string;
  clientId: string;
  messageId: string;
  seq: number;
  via: 'ws' | 'http';
  /** When it arrived, and the node that answered. */
  at: number;
  node: string;
}

export interface Rendered {
  seq: number;
  id: string;
}

interface Send {
  chatId: string;
  clientId: string;
  body: string;
  via: 'ws' | 'http';
  /** When it last went out on a socket (ws sends are re-sent if no ack comes). */
  sentAt: number;
  attempts: number;
}

interface StreamState {
  /** The last seq rendered (or skipped over as a non-message event). */
  last: number;
  /** Filling a gap or a reset over HTTP: live frames wait here. */
  fetching: boolean;
  buffer: { seq: number; type: string; data: unknown }[];
}

export interface ClientOptions {
  name: string;
  person: SeededPerson;
  /** Every node's address; the client connects to `home` and, with `failover`, tries the others too. */
  nodes: string[];
  home: number;
  failover?: boolean;
  chatIds: string[];
  /** Share of sends that go over HTTP instead of the socket. */
  httpShare?: number;
  /** Share of acknowledged sends that are sent once more (same clientId, other transport). */
  duplicateShare?: number;
  maxInFlight?: number;
  /** Client-side pacing, kept under the server's per-socket send limit (chat-frames.ts). */
  pace?: { perSecond: number; burst: number };
  backoff?: { baseMs: number; capMs: number };
}

export class ChatClient {
  readonly acks = new Map<string, Ack>();
  /** Every ack received, including repeats for the same clientId. */
  readonly ackLog: Ack[] = [];
  readonly rendered = new Map<string, Rendered[]>();
  readonly anomalies: string[] = [];
  /** Every clientId this client ever sent, with its chat. */
  readonly sent = new Map<string, string>();
  connects = 0;
  /** The last few connection events, timestamped, for failure messages. */
  readonly trail: string[] = [];
  disconnects = 0;
  wireGaps = 0;
  wireDuplicates = 0;
  resets = 0;

  private readonly streams = new Map<string, StreamState>();
  /** Per socket: the highest seq it delivered per stream (a repeat or a skip is the server's fault). */
  private socketLast = new Map<string, number>();
  private readonly queue: Send[] = [];
  private readonly inFlight = new Map<string, Send>();
  private ws: WebSocket | null = null;
  private ready = false;
  private stopped = false;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout;
  private nodeIndex: number;
  private tokens: number;
  private tokensAt = Date.now();
  private pumpTimer: NodeJS.Timeout | null = null;
  private readonly opts: Required<ClientOptions>;

  constructor(options: ClientOptions) {
    this.opts = {
      failover: false,
      httpShare: 0.2,
      duplicateShare: 0.01,
      maxInFlight: 20,
      pace: { perSecond: 18, burst: 40 },
      backoff: { baseMs: 100, capMs: 1500 },
      ...options,
    };
    this.nodeIndex = options.home;
    this.tokens = this.opts.pace.burst;
    for (const chatId of options.chatIds) {
      this.streams.set(`chat:${chatId}`, { last: 0, fetching: false, buffer: [] });
      this.rendered.set(chatId, []);
    }
    // Re-sends socket sends that got no answer (their socket may have died silently).
    this.retryTimer = setInterval(() => this.retryStale(), 1000);
  }

  get name(): string {
    return this.opts.name;
  }

  get address(): string {
    return this.opts.nodes[this.nodeIndex]!;
  }

  get connected(): boolean {
    return this.ready;
  }

  /** Sends not yet acknowledged (queued or in flight). */
  get outstanding(): number {
    return this.queue.length + this.inFlight.size;
  }

  /** Ids of every message rendered so far. */
  renderedIds(): Set<string> {
    return new Set([...this.rendered.values()].flatMap((list) => list.map((r) => r.id)));
  }

  /** The last seq rendered per chat. */
  cursor(chatId: string): number {
    return this.streams.get(`chat:${chatId}`)?.last ?? 0;
  }

  start(): void {
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.retryTimer);
    if (this.pumpTimer) clearTimeout(this.pumpTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.ws?.terminate();
    this.ws = null;
    this.ready = false;
  }

  /** Queues a new message to `chatId`; it goes out as soon as the client can send. */
  send(chatId: string, body: string): string {
    const clientId = randomUUID();
    const via = Math.random() < this.opts.httpShare ? 'http' : 'ws';
    this.sent.set(clientId, chatId);
    this.queue.push({ chatId, clientId, body, via, sentAt: 0, attempts: 0 });
    this.pump();
    return clientId;
  }

  // ------------------------------------------------------------ connection

  private connect(): void {
    if (this.stopped) return;
    const address = this.address;
    const ws = new WebSocket(`ws://${address}/api/v1/realtime`, {
      headers: { cookie: this.opts.person.cookie, origin: `http://${address}` },
      // Generous: a node just restarted is busy replaying to everyone; aborting adds to its work.
      handshakeTimeout: 10_000,
    });
    this.ws = ws;
    this.note(`connect ${address}`);
    ws.on('open', () => {
      this.connects += 1;
      this.note('open');
      // Resume every chat from what was rendered; a stream mid-fill resumes from before the fill
      // (the replay then overlaps the HTTP page, and the overlap is dropped as already rendered).
      const cursors: Record<string, number> = {};
      this.socketLast = new Map();
      for (const [stream, state] of this.streams) {
        cursors[stream] = state.last;
        this.socketLast.set(stream, state.last);
      }
      ws.send(JSON.stringify({ type: 'resume', cursors }));
    });
    ws.on('message', (raw) => {
      if (this.ws !== ws) return;
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(raw)) as ServerFrame;
      } catch {
        this.anomaly(`unparseable frame ${String(raw).slice(0, 100)}`);
        return;
      }
      this.onFrame(frame);
    });
    ws.on('unexpected-response', (_req, res) => {
      this.note(`upgrade refused ${res.statusCode}`);
      if (res.statusCode === 401 || res.statusCode === 403) this.anomaly(`upgrade refused ${res.statusCode}`);
      res.resume();
      ws.terminate();
    });
    ws.on('error', () => {});
    ws.on('close', (code, reason) => {
      if (this.ws !== ws) return;
      this.note(`close ${code} ${String(reason)}`);
      if (this.ready) this.disconnects += 1;
      this.ws = null;
      this.ready = false;
      // Socket sends in flight are answered on no other socket: send them again after resuming.
      for (const [clientId, pending] of this.inFlight) {
        if (pending.via === 'ws') {
          this.inFlight.delete(clientId);
          this.queue.unshift(pending);
        }
      }
      if (code === 4001) {
        this.anomaly('socket closed: session ended');
        return;
      }
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const { baseMs, capMs } = this.opts.backoff;
    // Full jitter: a node's clients do not all come back in the same millisecond.
    const delay = Math.random() * Math.min(capMs, baseMs * 2 ** this.attempt);
    this.attempt += 1;
    if (this.opts.failover) this.nodeIndex = (this.opts.home + this.attempt) % this.opts.nodes.length;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  // ------------------------------------------------------------ frames

  private onFrame(frame: ServerFrame): void {
    // EventFrame's `type` is any string: narrow control frames by hand.
    switch (frame.type) {
      case 'hello':
        this.note('hello');
        this.ready = true;
        this.attempt = 0;
        this.pump();
        return;
      case 'ack':
        this.onAck({ ...(frame as AckFrame).data, via: 'ws', at: Date.now(), node: this.address });
        return;
      case 'nack': {
        const { clientId, error } = (frame as NackFrame).data;
        const pending = this.inFlight.get(clientId);
        this.inFlight.delete(clientId);
        if (error.status >= 500 || error.status === 429) {
          // The server could not take it now: the same send again later.
          if (pending) setTimeout(() => this.requeue(pending), 200);
        } else {
          this.anomaly(`nack ${clientId}: ${error.status} ${error.code} ${error.message}`);
        }
        return;
      }
      case 'reset': {
        const reset = frame as ResetFrame;
        const state = this.streams.get(reset.stream);
        this.socketLast.set(reset.stream, reset.seq);
        if (!state) return;
        this.resets += 1;
        state.buffer.push({ seq: reset.seq, type: 'reset', data: null });
        this.fill(reset.stream, state, reset.seq);
        return;
      }
      case 'streams':
      case 'pong':
        return;
    }
    const event = frame as EventFrame;
    if (event.stream === undefined || event.seq === undefined) return;
    const { stream, seq } = event;
    const state = this.streams.get(stream);
    if (!state) return;
    const seen = this.socketLast.get(stream) ?? 0;
    if (seq <= seen) {
      this.wireDuplicates += 1;
      this.anomaly(`${stream}: seq ${seq} again on one socket (had ${seen})`);
      return;
    }
    if (seq > seen + 1) {
      this.wireGaps += 1;
      this.anomaly(`${stream}: socket skipped from ${seen} to ${seq}`);
    }
    this.socketLast.set(stream, seq);
    if (state.fetching) {
      state.buffer.push({ seq, type: event.type, data: event.data });
      return;
    }
    this.apply(stream, state, seq, event.type, event.data);
  }

  private apply(stream: string, state: StreamState, seq: number, type: string, data: unknown): void {
    if (seq <= state.last) return;
    if (seq > state.last + 1) {
      // Fill from the database over HTTP, then carry on with this frame.
      state.buffer.push({ seq, type, data });
      this.fill(stream, state, seq - 1);
      return;
    }
    if (type === 'chat.message') this.render(stream, data as Message, seq);
    state.last = seq;
  }

  private render(stream: string, message: Message, seq: number): void {
    const chatId = stream.slice('chat:'.length);
    if (message.seq !== seq) this.anomaly(`${stream}: frame seq ${seq} carries message seq ${message.seq}`);
    if (message.chatId !== chatId) this.anomaly(`${stream}: message of chat ${message.chatId}`);
    this.rendered.get(chatId)!.push({ seq: message.seq, id: message.id });
  }

  /** Renders the chat's messages after `state.last` up to `upTo` from HTTP, then the buffered frames. */
  private fill(stream: string, state: StreamState, upTo: number): void {
    if (state.fetching) return;
    state.fetching = true;
    void (async () => {
      const chatId = stream.slice('chat:'.length);
      let target = upTo;
      while (!this.stopped) {
        try {
          while (state.last < target) {
            const page = await this.http<{ items: Message[]; hasNewer: boolean }>(
              'GET',
              `/api/v1/chats/${chatId}/messages?after=${state.last}&limit=100`,
            );
            for (const message of page.items) {
              if (message.seq <= state.last || message.seq > target) continue;
              this.render(stream, message, message.seq);
              state.last = message.seq;
            }
            const lastItem = page.items.at(-1);
            if (!page.hasNewer || !lastItem || lastItem.seq >= target) state.last = target;
          }
          // Frames that came meanwhile: in order, dropping what the page already rendered.
          const buffered = state.buffer.sort((a, b) => a.seq - b.seq);
          state.buffer = [];
          state.fetching = false;
          for (let i = 0; i < buffered.length; i++) {
            const item = buffered[i]!;
            if (item.type === 'reset') {
              if (item.seq > state.last) {
                state.buffer = buffered.slice(i + 1);
                target = item.seq;
                state.fetching = true;
                break;
              }
              continue;
            }
            this.apply(stream, state, item.seq, item.type, item.data);
            if (state.fetching) {
              // apply() found another hole and started a new fill: hand it the rest.
              state.buffer.push(...buffered.slice(i + 1));
              return;
            }
          }
          if (!state.fetching) return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
      }
    })();
  }

  // ------------------------------------------------------------ sending

  private requeue(send: Send): void {
    if (this.stopped) return;
    this.queue.unshift(send);
    this.pump();
  }

  /** Takes one send token, or schedules a pump for when the next one is due. */
  private takeToken(): boolean {
    const { perSecond, burst } = this.opts.pace;
    const now = Date.now();
    this.tokens = Math.min(burst, this.tokens + ((now - this.tokensAt) / 1000) * perSecond);
    this.tokensAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    if (!this.pumpTimer) {
      this.pumpTimer = setTimeout(
        () => {
          this.pumpTimer = null;
          this.pump();
        },
        Math.ceil(((1 - this.tokens) / perSecond) * 1000),
      );
    }
    return false;
  }

  private pump(): void {
    // Offline (no socket): everything waits, as a browser tab would, rather than hammer a node
    // that is away; the sends go out after the resume.
    while (this.ready && this.queue.length > 0 && this.inFlight.size < this.opts.maxInFlight) {
      if (!this.takeToken()) return;
      this.dispatch(this.queue.shift()!);
    }
  }

  private dispatch(send: Send): void {
    send.attempts += 1;
    send.sentAt = Date.now();
    this.inFlight.set(send.clientId, send);
    if (send.via === 'ws') {
      this.ws!.send(
        JSON.stringify({
          type: 'send',
          chatId: send.chatId,
          message: { clientId: send.clientId, body: send.body },
        }),
      );
      return;
    }
    void this.sendOverHttp(send);
  }

  private async sendOverHttp(send: Send): Promise<void> {
    const node = this.address;
    try {
      const message = await this.http<Message | { message: Message }>(
        'POST',
        `/api/v1/chats/${send.chatId}/messages`,
        { clientId: send.clientId, body: send.body },
      );
      const m = 'message' in message ? message.message : message;
      this.onAck({
        chatId: send.chatId,
        clientId: send.clientId,
        messageId: m.id,
        seq: m.seq,
        via: 'http',
        at: Date.now(),
        node,
      });
    } catch (error) {
      this.inFlight.delete(send.clientId);
      if (error instanceof HttpError && error.status < 500 && error.status !== 429) {
        this.anomaly(`http send ${send.clientId}: ${error.message}`);
        return;
      }
      // Node away or busy: the same send (same clientId) again shortly.
      setTimeout(() => this.requeue(send), 300 + Math.random() * 500);
    }
  }

  private onAck(ack: Ack): void {
    this.ackLog.push(ack);
    const before = this.acks.get(ack.clientId);
    if (before && (before.messageId !== ack.messageId || before.seq !== ack.seq)) {
      this.anomaly(
        `clientId ${ack.clientId} acked twice differently: ${before.messageId}@${before.seq} then ${ack.messageId}@${ack.seq}`,
      );
    }
    if (!this.sent.has(ack.clientId)) this.anomaly(`ack for a clientId never sent: ${ack.clientId}`);
    const pending = this.inFlight.get(ack.clientId);
    this.inFlight.delete(ack.clientId);
    if (!before) {
      this.acks.set(ack.clientId, ack);
      // Now and then the same message once more, over the other transport: stored once.
      if (pending && Math.random() < this.opts.duplicateShare) {
        this.queue.push({ ...pending, via: pending.via === 'ws' ? 'http' : 'ws', attempts: 0 });
      }
    }
    this.pump();
  }

  private retryStale(): void {
    const now = Date.now();
    for (const [clientId, pending] of this.inFlight) {
      if (pending.via === 'ws' && now - pending.sentAt > 10_000) {
        this.inFlight.delete(clientId);
        this.queue.unshift(pending);
      }
    }
    this.pump();
  }

  private async http<T>(method: string, url: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {
      cookie: this.opts.person.cookie,
      'x-csrf-token': this.opts.person.csrfToken,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`http://${this.address}${url}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    const text = await res.text();
    if (!res.ok) throw new HttpError(res.status, `${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }

  private note(text: string): void {
    this.trail.push(`${new Date().toISOString().slice(11, 23)} ${text}`);
    if (this.trail.length > 12) this.trail.shift();
  }

  private anomaly(text: string): void {
    if (this.anomalies.length < 200) this.anomalies.push(`${this.opts.name}: ${text}`);
  }
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface TrafficOptions {
  clients: ChatClient[];
  total: number;
  /** Messages per second over all clients. */
  rate: number;
  /** Stop generating after this long whatever happened (keeps a broken run bounded). */
  maxMs: number;
}

/**
 * Generates `total` messages at a steady `rate` from random clients into random chats of
 * theirs. `sentCount()` tells how far it is (for faults injected "midway").
 */
export function startTraffic(options: TrafficOptions) {
  const { clients, total, rate, maxMs } = options;
  const chatsOf = new Map(clients.map((c) => [c, [...c.rendered.keys()]]));
  let generated = 0;
  const started = Date.now();
  const done = new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = Date.now() - started;
      const due = Math.min(total, Math.floor((elapsed / 1000) * rate));
      while (generated < due) {
        const client = clients[Math.floor(Math.random() * clients.length)]!;
        const chats = chatsOf.get(client)!;
        const chatId = chats[Math.floor(Math.random() * chats.length)]!;
        generated += 1;
        client.send(chatId, `message ${generated} from ${client.name}`);
      }
      if (generated >= total || elapsed > maxMs) {
        clearInterval(timer);
        resolve();
      }
    }, 10);
  });
  return { done, sentCount: () => generated };
}
