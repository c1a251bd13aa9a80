import type { FastifyBaseLogger } from 'fastify';
import type client from 'prom-client';
import type { WebSocket } from 'ws';
import { gatewayEvents } from '../../../shared/realtime/events.js';
import {
  type ClientMessage,
  clientMessageSchema,
  realtimeCloseCodes,
  type ServerFrame,
} from '../../../shared/realtime/frames.js';
import { findSession, judgeSession } from '../auth/sessions.js';
import type { Config } from '../config.js';
import type { Actor } from '../context.js';
import type { Db } from '../db/database.js';
import { streams } from '../events/streams.js';
import type { Bus, StreamFrame } from './bus.js';
import type { GatewayOptions } from './gateway.js';
import { readStreamEvents, readStreamHeads } from './stream-log.js';
import { streamsOf } from './subscriptions.js';

/**
 * One realtime socket's life (gateway.ts registers the route). Exactly once, in order: the
 * socket keeps the last `seq` it delivered per stream and never sends one at or below it; a
 * live frame that skips ahead (frames from several nodes may cross) makes it read the missing
 * ones from the database first. All of a socket's work runs one step at a time, so a replay and
 * the live frames that arrive meanwhile cannot interleave.
 */

export interface RealtimeMetrics {
  sockets: client.Gauge;
  framesSent: client.Counter;
  dropped: client.Counter<'reason'>;
}

export interface ConnectionDeps {
  db: Db;
  bus: Bus;
  config: Config;
  log: FastifyBaseLogger;
  metrics: RealtimeMetrics;
  options: GatewayOptions;
}

interface StreamState {
  /** The last `seq` this socket delivered (or, before any, the position it starts after). */
  last: number;
  unsubscribe: () => void;
}

/**
 * Serves one open socket: subscribes it to the viewer's streams, says hello, replays on
 * `resume`, then delivers live frames, re-checking the session and memberships as it goes.
 * Returns a handle to close it from outside (server shutdown).
 */
export function openConnection(deps: ConnectionDeps, socket: WebSocket, initialActor: Actor) {
  const { db, bus, config, log, metrics, options } = deps;
  let actor = initialActor;
  const subscribed = new Map<string, StreamState>();
  let resumed = false;
  let closed = false;
  let alive = true;
  let pending = 0;
  let steps: Promise<void> = Promise.resolve();
  metrics.sockets.inc();

  function send(frame: ServerFrame): void {
    if (closed || socket.readyState !== socket.OPEN) return;
    socket.send(JSON.stringify(frame));
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
    metrics.sockets.dec();
  }

  function subscribe(stream: string, last: number): void {
    const unsubscribe = bus.subscribe(stream, onFrame);
    subscribed.set(stream, { last, unsubscribe });
  }

  function onFrame(frame: StreamFrame): void {
    if (closed || !subscribed.has(frame.stream)) return;
    react(frame);
    if (frame.seq === undefined) {
      send(toWire(frame));
      return;
    }
    // Before `resume` the durable frames are left to the replay, which reads them from the log.
    if (resumed) enqueue(() => deliverLive(frame));
  }

  /** Events the gateway acts on itself (they still reach the client like any other). */
  function react(frame: StreamFrame): void {
    if (frame.stream !== streams.user(actor.id)) return;
    if (frame.type === gatewayEvents.sessionRevoked) enqueue(checkSession);
    if (frame.type === gatewayEvents.membershipChanged || frame.type === gatewayEvents.chatsChanged) {
      enqueue(reevaluate);
    }
  }

  async function deliverLive(frame: StreamFrame): Promise<void> {
    const seq = frame.seq!;
    let state = subscribed.get(frame.stream);
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
    send(toWire(frame));
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

  function onMessage(raw: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    alive = true;
    let message: ClientMessage;
    try {
      if (isBinary) throw new Error('binary frame');
      const bytes = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw as ArrayBuffer);
      const text = bytes.toString('utf8');
      message = clientMessageSchema.parse(JSON.parse(text));
    } catch {
      end(realtimeCloseCodes.badMessage, 'bad message');
      return;
    }
    if (message.type === 'ping') send({ type: 'pong' });
    else if (message.type === 'resume') enqueue(() => resume(message.cursors));
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
  return { end };
}

function toWire(frame: StreamFrame): ServerFrame {
  return frame.seq === undefined
    ? { type: frame.type, stream: frame.stream, data: frame.data }
    : { type: frame.type, stream: frame.stream, seq: frame.seq, data: frame.data };
}
