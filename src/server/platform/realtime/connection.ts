import type { FastifyBaseLogger } from 'fastify';
import type client from 'prom-client';
import type { WebSocket } from 'ws';
import type { Presence } from '../../../shared/api/chats.js';
import type { Locale } from '../../../shared/errors.js';
import { gatewayEvents, type RealtimeEvents } from '../../../shared/realtime/events.js';
import {
  type ClientMessage,
  clientMessageSchema,
  realtimeCloseCodes,
  type ServerFrame,
} from '../../../shared/realtime/frames.js';
import { presenceFactsFor, socketPerson } from '../../features/presence/presence.service.js';
import { findSession, judgeSession } from '../auth/sessions.js';
import type { Config } from '../config.js';
import type { Actor, Ctx } from '../context.js';
import type { Db, Dialect } from '../db/database.js';
import { streams } from '../events/streams.js';
import type { Bus, StreamFrame } from './bus.js';
import {
  createSendBucket,
  createTypingThrottle,
  handleSend,
  nackFrame,
  sendEnvelopeSchema,
} from './chat-frames.js';
import { asText, wireOf } from './frame-wire.js';
import type { GatewayOptions } from './gateway.js';
import { HeldFrames } from './held-frames.js';
import { type NodeState, type PresenceRegistry, type PresenceSession, shown } from './presence.js';
import { isChatMember, touchSession } from './realtime.queries.js';
import { readStreamEvents, readStreamHeads } from './stream-log.js';
import { streamsOf } from './subscriptions.js';

/**
 * One realtime socket's life (gateway.ts registers the route). Exactly once, in order: the
 * socket keeps the last `seq` it delivered per stream and never sends one at or below it; a
 * live frame that skips ahead (frames from several nodes may cross) waits up to
 * `reorderWaitMs` for the ones before it, which are then read from the database if they have
 * not come. All of a socket's work runs one step at a time, so a replay and
 * the live frames that arrive meanwhile cannot interleave.
 */

export interface RealtimeMetrics {
  sockets: client.Gauge;
  framesSent: client.Counter;
  dropped: client.Counter<'reason'>;
}

export interface ConnectionDeps {
  db: Db;
  dialect: Dialect;
  bus: Bus;
  presence: PresenceRegistry;
  config: Config;
  log: FastifyBaseLogger;
  metrics: RealtimeMetrics;
  options: GatewayOptions;
  /** Of the upgrade request: what a `send` frame's context carries, as an HTTP send's would. */
  request: { id: string; locale: Locale; ip: string | null; userAgent: string | null };
}

/** What the gateway asks of an open socket. */
export interface ConnectionHandle {
  end(code: number, reason: string): void;
  /** The streams the socket is subscribed to. */
  streams(): IterableIterator<string>;
  /**
   * Replays any of the socket's streams whose head (read by the gateway for every socket at
   * once) is beyond what the socket delivered: a lost last frame, or frames missed while the
   * bus was away. Skipped while the socket is busy: frames in its queue may be the missing ones.
   */
  repair(heads: ReadonlyMap<string, number>): void;
}

const typingType = 'chat.typing' satisfies keyof RealtimeEvents;
const chatUpdatedType = 'chat.updated' satisfies keyof RealtimeEvents;
const chatStreamPrefix = streams.chat('');

interface StreamState {
  /** The last `seq` this socket delivered (or, before any, the position it starts after). */
  last: number;
  unsubscribe: () => void;
  /** Live frames that came ahead of `last + 1` (held-frames.ts). */
  held?: HeldFrames;
}

/**
 * Serves one open socket: subscribes it to the viewer's streams, says hello, replays on
 * `resume`, then delivers live frames, re-checking the session and memberships as it goes.
 * Returns a handle to close it from outside (server shutdown).
 */
export function openConnection(
  deps: ConnectionDeps,
  socket: WebSocket,
  initialActor: Actor,
): ConnectionHandle {
  const { db, bus, config, log, metrics, options, presence } = deps;
  let actor = initialActor;
  /** The person's display name (for `chat.typing`), read on start. */
  let name: string | undefined;
  let presenceSession: PresenceSession | undefined;
  let presenceState: NodeState = 'online';
  const watching = new Map<string, () => void>();
  const sendBucket = createSendBucket();
  /** `chatId:clientId` of the sends queued or running on this socket. */
  const sendsInFlight = new Set<string>();
  let sendChain: Promise<void> = Promise.resolve();
  const typingAllowed = createTypingThrottle();
  let sends = 0;
  let sessionTouchedAt = Date.now();
  const subscribed = new Map<string, StreamState>();
  let resumed = false;
  let closed = false;
  let alive = true;
  let pending = 0;
  let steps: Promise<void> = Promise.resolve();
  metrics.sockets.inc();

  function send(frame: ServerFrame): void {
    sendText(JSON.stringify(frame));
  }

  function sendText(text: string | Buffer): void {
    if (closed || socket.readyState !== socket.OPEN) return;
    socket.send(text, asText);
    metrics.framesSent.inc();
    if (socket.bufferedAmount > options.maxBufferedBytes) end(realtimeCloseCodes.tooSlow, 'too slow');
  }

  /** Runs `step` after every step queued before it; a failing step closes the socket. */
  function enqueue(step: () => Promise<void> | void): void {
    if (closed) return;
    if (++pending > options.maxPendingSteps) {
      end(realtimeCloseCodes.tooSlow, 'too slow');
      return;
    }
    steps = steps
      .then(async () => {
        if (!closed) await step();
      })
      .catch((err: unknown) => {
        log.error({ err }, 'realtime socket step failed');
        end(realtimeCloseCodes.serverError, 'server error');
      })
      .finally(() => {
        pending -= 1;
      });
  }

  /**
   * Sends run one after another on a chain of their own (two sends from one tab get increasing
   * seqs), not on the step queue: frames for this socket must not wait behind its own sends'
   * transactions — under load that starved busy chatters of everything. The sender may hear its
   * own message's frame before the ack; clients settle a pending message on either.
   */
  function queueSend(run: () => Promise<void>): void {
    if (closed) return;
    sendChain = sendChain
      .then(async () => {
        if (!closed) await run();
      })
      .catch((err: unknown) => {
        log.error({ err }, 'realtime send failed');
        end(realtimeCloseCodes.serverError, 'server error');
      });
  }

  function end(code: number, reason: string): void {
    if (closed) return;
    if (code === realtimeCloseCodes.tooSlow) metrics.dropped.inc({ reason: 'slow' });
    if (code === realtimeCloseCodes.sessionEnded) metrics.dropped.inc({ reason: 'session' });
    cleanUp();
    socket.close(code, reason);
    // A peer that stops reading never answers the close frame: do not wait for it.
    setTimeout(() => socket.terminate(), 1000).unref();
  }

  function cleanUp(): void {
    if (closed) return;
    closed = true;
    for (const state of subscribed.values()) state.unsubscribe();
    subscribed.clear();
    clearInterval(checkTimer);
    clearInterval(heartbeatTimer);
    clearTimeout(resumeTimer);
    for (const off of watching.values()) off();
    watching.clear();
    presenceSession?.detach();
    metrics.sockets.dec();
  }

  function subscribe(stream: string, last: number): void {
    const unsubscribe = bus.subscribe(stream, onFrame);
    subscribed.set(stream, { last, unsubscribe });
  }

  function onFrame(frame: StreamFrame): void {
    if (closed) return;
    const state = subscribed.get(frame.stream);
    if (!state) return;
    react(frame);
    if (frame.seq === undefined) {
      // The person's own typing is news to nobody in their tabs.
      if (frame.type === typingType && (frame.data as { userId?: string }).userId === actor.id) return;
      sendText(wireOf(frame));
      return;
    }
    // Before `resume` the durable frames are left to the replay, which reads them from the log.
    if (!resumed) return;
    // The hot path: nothing waiting and the next frame in order — deliver it now, with no step,
    // then any held frames it was the gap before; one ahead of its turn waits for the others.
    if (pending === 0 && frame.type !== chatUpdatedType) {
      if (frame.seq === state.last + 1) {
        sendText(wireOf(frame));
        state.last = frame.seq;
        if (state.held) deliverHeld(state);
        return;
      }
      if (frame.seq > state.last + 1) {
        hold(frame.stream, state, frame);
        return;
      }
    }
    enqueue(() => deliverLive(frame));
  }

  function hold(stream: string, state: StreamState, frame: StreamFrame): void {
    if (!state.held) {
      const held = new HeldFrames(options.reorderWaitMs, () => {
        if (!closed && subscribed.get(stream) === state && state.held === held) releaseHeld(state);
      });
      state.held = held;
    }
    if (!state.held.add(frame)) releaseHeld(state);
  }

  /** Sends the held frames that are now next in order; the rest keep waiting for theirs. */
  function deliverHeld(state: StreamState): void {
    const held = state.held!;
    for (let next = held.next(state.last); next; next = held.next(state.last)) {
      // A rename or a membership change is checked against the database first: the queue then
      // takes this frame and every later one, in order.
      if (next.type === chatUpdatedType || pending > 0) {
        releaseHeld(state);
        return;
      }
      held.remove(next.seq!);
      sendText(wireOf(next));
      state.last = next.seq!;
    }
    if (held.empty) releaseHeld(state);
  }

  /** Hands the held frames to the step queue in order, which reads whatever is still missing. */
  function releaseHeld(state: StreamState): void {
    const frames = state.held!.takeAll();
    state.held = undefined;
    for (const frame of frames) enqueue(() => deliverLive(frame));
  }

  /** Events the gateway acts on itself (they still reach the client like any other). */
  function react(frame: StreamFrame): void {
    if (frame.stream !== streams.user(actor.id)) return;
    if (frame.type === gatewayEvents.sessionRevoked) enqueue(checkSession);
    if (frame.type === gatewayEvents.membershipChanged) enqueue(reevaluate);
    if (frame.type === gatewayEvents.chatsChanged) {
      const { chatId, reason } = frame.data as RealtimeEvents['chats.changed'];
      // Left or removed: the chat's frames stop now, even those already waiting in the queue
      // (each delivery checks the subscription); the re-evaluation then confirms from the database.
      if (reason === 'left' && typeof chatId === 'string') drop([streams.chat(chatId)]);
      if (reason === 'joined' || reason === 'left') enqueue(reevaluate);
    }
  }

  /** Unsubscribes from `names` and tells the client. */
  function drop(names: string[]): void {
    const removed = names.filter((name) => subscribed.has(name));
    if (removed.length === 0) return;
    for (const name of removed) {
      subscribed.get(name)!.unsubscribe();
      subscribed.delete(name);
    }
    send({ type: 'streams', data: { added: {}, removed } });
  }

  /**
   * A chat's members changed (or it was renamed): before anything more of it is delivered, the
   * person must still be in it — on every node, whatever order the bus brought the frames in.
   */
  async function stillInChat(stream: string): Promise<boolean> {
    if (!stream.startsWith(chatStreamPrefix)) return true;
    if (await isChatMember(db, stream.slice(chatStreamPrefix.length), actor.id)) return true;
    drop([stream]);
    return false;
  }

  async function deliverLive(frame: StreamFrame): Promise<void> {
    const seq = frame.seq!;
    let state = subscribed.get(frame.stream);
    if (!state || seq <= state.last) return;
    if (frame.type === chatUpdatedType && !(await stillInChat(frame.stream))) return;
    state = subscribed.get(frame.stream);
    if (!state || seq <= state.last) return;
    if (seq > state.last + 1) {
      await replay(frame.stream, state);
      state = subscribed.get(frame.stream);
      if (!state || seq <= state.last) return;
      // The log no longer holds what lies between: the client must refetch.
      if (seq > state.last + 1) {
        await reset(frame.stream, state);
        return;
      }
    }
    sendText(wireOf(frame));
    state.last = seq;
  }

  /** Sends what the log holds after `state.last`, or a `reset` if that is too much or gone. */
  async function replay(stream: string, state: StreamState): Promise<void> {
    const events = await readStreamEvents(db, stream, state.last, options.replayLimit + 1);
    if (subscribed.get(stream) !== state) return;
    if (events.length > options.replayLimit || (events[0] && events[0].seq !== state.last + 1)) {
      await reset(stream, state);
      return;
    }
    for (const event of events) {
      if (!(await drained())) return;
      if (event.type === chatUpdatedType && !(await stillInChat(stream))) return;
      if (subscribed.get(stream) !== state) return;
      send({ type: event.type, stream, seq: event.seq, data: event.data });
      state.last = event.seq;
    }
  }

  /**
   * A replay may be large: it waits for the socket to drain below half the limit rather than
   * trip it, and drops the socket only if the client stays that far behind for long.
   */
  async function drained(): Promise<boolean> {
    const deadline = Date.now() + 10_000;
    while (!closed && socket.bufferedAmount > options.maxBufferedBytes / 2) {
      if (Date.now() > deadline) {
        end(realtimeCloseCodes.tooSlow, 'too slow');
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return !closed;
  }

  async function reset(stream: string, state: StreamState): Promise<void> {
    const head = (await readStreamHeads(db, [stream])).get(stream) ?? 0;
    if (subscribed.get(stream) !== state) return;
    state.last = head;
    send({ type: 'reset', stream, seq: head });
  }

  /** Subscribes first, then reads the heads: anything after a head arrives live. */
  async function start(): Promise<void> {
    const names = [...(await streamsOf(db, actor))];
    for (const name of names) subscribe(name, 0);
    await Promise.all(names.map((name) => bus.whenSubscribed(name)));
    const heads = await readStreamHeads(db, names);
    for (const [name, head] of heads) {
      const state = subscribed.get(name);
      if (state) state.last = head;
    }
    send({ type: 'hello', data: { streams: Object.fromEntries(heads) } });
    if (actor.status !== 'active') return;
    const person = await socketPerson(db, actor.id);
    if (!person || closed) return;
    name = person.name;
    presenceSession = presence.attach(actor.id, person.presence_hidden === 1);
    if (presenceState !== 'online') presenceSession.setState(presenceState);
  }

  async function resume(cursors: Record<string, number>): Promise<void> {
    if (resumed) return;
    resumed = true;
    clearTimeout(resumeTimer);
    const heads = await readStreamHeads(db, [...subscribed.keys()]);
    for (const [stream, state] of [...subscribed]) {
      const cursor = cursors[stream];
      if (cursor !== undefined && cursor > state.last) {
        // Ahead of the log (another installation, a restored backup): start over.
        await reset(stream, state);
        continue;
      }
      if (cursor !== undefined) state.last = cursor;
      if ((heads.get(stream) ?? 0) > state.last) await replay(stream, state);
    }
  }

  /**
   * Replays whatever the log holds beyond what was delivered: live delivery rests on the bus,
   * and a bus that lost frames (Redis away) must not leave a quiet stream behind for good.
   */
  async function catchUp(): Promise<void> {
    if (!resumed) return;
    const heads = await readStreamHeads(db, [...subscribed.keys()]);
    for (const [stream, state] of [...subscribed]) {
      if ((heads.get(stream) ?? 0) > state.last) await replay(stream, state);
    }
  }

  /** Follows the person's memberships: subscribes to groups joined, drops groups left. */
  async function reevaluate(): Promise<void> {
    const wanted = await streamsOf(db, actor);
    const removed = [...subscribed.keys()].filter((name) => !wanted.has(name));
    for (const name of removed) {
      subscribed.get(name)!.unsubscribe();
      subscribed.delete(name);
    }
    const added = [...wanted].filter((name) => !subscribed.has(name));
    for (const name of added) subscribe(name, 0);
    await Promise.all(added.map((name) => bus.whenSubscribed(name)));
    const heads = await readStreamHeads(db, added);
    for (const [name, head] of heads) {
      const state = subscribed.get(name);
      if (state) state.last = head;
    }
    if (added.length > 0 || removed.length > 0) {
      send({ type: 'streams', data: { added: Object.fromEntries(heads), removed } });
    }
  }

  /** Closes the socket once its session has ended; follows role and department changes. */
  async function checkSession(): Promise<void> {
    const session = actor.sessionId ? await findSession(db, actor.sessionId) : undefined;
    if (!session || judgeSession(session, config) !== 'ok') {
      end(realtimeCloseCodes.sessionEnded, 'session ended');
      return;
    }
    if (session.role !== actor.role || session.department_id !== actor.departmentId) {
      actor = { ...actor, role: session.role, departmentId: session.department_id };
      await reevaluate();
    }
  }

  /** The context a `send` runs in: the socket's person, as an HTTP send from its page would. */
  function sendCtx(): Ctx {
    return {
      db,
      dialect: deps.dialect,
      config,
      actor,
      requestId: `${deps.request.id}:${++sends}`,
      log,
      locale: deps.request.locale,
      ip: deps.request.ip,
      userAgent: deps.request.userAgent,
      bus,
    };
  }

  async function sendChatMessage(message: Extract<ClientMessage, { type: 'send' }>): Promise<void> {
    // Chatting over the socket is activity: the session must not go idle under a busy chatter.
    if (actor.sessionId && Date.now() - sessionTouchedAt >= 60_000) {
      sessionTouchedAt = Date.now();
      await touchSession(db, actor.sessionId, new Date(sessionTouchedAt).toISOString());
    }
    send(await handleSend(sendCtx(), log, message.chatId, message.message));
  }

  function typing(chatId: string): void {
    const stream = streams.chat(chatId);
    // Only in a chat the person is in (the socket follows exactly those), and not too often.
    if (name === undefined || !subscribed.has(stream) || !typingAllowed(chatId)) return;
    bus.publish({ type: typingType, stream, data: { chatId, userId: actor.id, name } });
  }

  /** Replaces the people whose presence this socket hears of, and tells their state now. */
  async function watch(ids: string[]): Promise<void> {
    const unique = [...new Set(ids)];
    const facts = await presenceFactsFor(db, { id: actor.id, guest: actor.role === 'guest' }, unique);
    if (closed) return;
    for (const off of watching.values()) off();
    watching.clear();
    const listener = (change: Presence) => {
      send({ type: 'presence.changed', stream: 'presence', data: change });
    };
    for (const fact of facts) watching.set(fact.id, presence.watch(fact.id, listener));
    const live = await presence.lookup(facts.map((fact) => fact.id));
    for (const fact of facts) {
      if (!watching.has(fact.id)) continue;
      const current = shown(fact.id, live.get(fact.id), fact.last_seen_at);
      if (fact.presence_hidden === 1) {
        current.state = 'offline';
        current.lastSeenAt = null;
      }
      send({ type: 'presence.changed', stream: 'presence', data: current });
    }
  }

  function onMessage(raw: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    alive = true;
    let message: ClientMessage;
    let parsed: unknown;
    try {
      if (isBinary) throw new Error('binary frame');
      const bytes = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw as ArrayBuffer);
      parsed = JSON.parse(bytes.toString('utf8'));
      message = clientMessageSchema.parse(parsed);
    } catch {
      // A send whose message is wrong is answered, like an HTTP send would be; the rest is a
      // protocol violation.
      const envelope = sendEnvelopeSchema.safeParse(parsed);
      if (envelope.success) {
        const { chatId, message: body } = envelope.data;
        send(nackFrame(chatId, body.clientId, 'VALIDATION_FAILED', deps.request.locale));
        return;
      }
      end(realtimeCloseCodes.badMessage, 'bad message');
      return;
    }
    if (message.type === 'ping') send({ type: 'pong' });
    else if (message.type === 'resume') enqueue(() => resume(message.cursors));
    else if (message.type === 'send') {
      if (!sendBucket.take()) {
        send(
          nackFrame(message.chatId, message.message.clientId, 'RATE_LIMITED', deps.request.locale, {
            retryAfter: sendBucket.retryAfter(),
          }),
        );
        return;
      }
      // A client that heard nothing back re-sends with the same clientId; while the first copy
      // is still queued on this socket, its ack will answer both — queueing the copy would only
      // add a transaction to a socket that is already behind.
      const key = `${message.chatId}:${message.message.clientId}`;
      if (sendsInFlight.has(key)) return;
      sendsInFlight.add(key);
      queueSend(async () => {
        try {
          await sendChatMessage(message);
        } finally {
          sendsInFlight.delete(key);
        }
      });
    } else if (message.type === 'typing') typing(message.chatId);
    else if (message.type === 'presence') {
      if (message.state) {
        presenceState = message.state;
        presenceSession?.setState(message.state);
      }
      const ids = message.watch;
      if (ids) enqueue(() => watch(ids));
    }
  }

  socket.on('message', onMessage);
  socket.on('pong', () => {
    alive = true;
  });
  socket.once('close', cleanUp);

  const checkTimer = setInterval(() => {
    enqueue(checkSession);
    enqueue(reevaluate);
    enqueue(catchUp);
  }, options.sessionCheckMs);
  const heartbeatTimer = setInterval(() => {
    if (!alive) {
      cleanUp();
      socket.terminate();
      return;
    }
    alive = false;
    socket.ping();
  }, options.heartbeatMs);
  const resumeTimer = setTimeout(() => enqueue(() => resume({})), options.resumeTimeoutMs);
  checkTimer.unref();
  heartbeatTimer.unref();
  resumeTimer.unref();

  enqueue(start);
  return {
    end,
    streams: () => subscribed.keys(),
    repair(heads) {
      if (closed || !resumed || pending > 0) return;
      const behind: string[] = [];
      for (const [stream, state] of subscribed) {
        if ((heads.get(stream) ?? 0) > state.last) behind.push(stream);
      }
      if (behind.length === 0) return;
      enqueue(async () => {
        for (const stream of behind) {
          const state = subscribed.get(stream);
          if (state && (heads.get(stream) ?? 0) > state.last) await replay(stream, state);
        }
      });
    },
  };
}
