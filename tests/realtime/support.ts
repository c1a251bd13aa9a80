import type { AddressInfo, Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import WebSocket from 'ws';
import type { Db } from '../../src/server/platform/db/database.js';
import type { GroupRole, GroupVisibility } from '../../src/server/platform/db/schema.js';
import { type Bus, createLocalBus, type StreamFrame } from '../../src/server/platform/realtime/bus.js';
import type { EventFrame, ServerFrame } from '../../src/shared/realtime/frames.js';
import type { Person } from '../support/people.js';

/** Starts `app` on a free loopback port; returns its base address (`127.0.0.1:<port>`). */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return `127.0.0.1:${port}`;
}

/** A real WebSocket client that records every frame it receives. */
export interface RealtimeTestClient {
  ws: WebSocket;
  frames: ServerFrame[];
  /** Durable events received on `stream`, in arrival order. */
  events(stream: string): EventFrame[];
  /** Resolves with the first frame (already received or future) that matches. */
  waitFor(match: (frame: ServerFrame) => boolean, timeoutMs?: number): Promise<ServerFrame>;
  /** Resolves once `count` durable events have arrived on `stream`. */
  waitForEvents(stream: string, count: number, timeoutMs?: number): Promise<EventFrame[]>;
  send(message: unknown): void;
  /** Settles when the socket closes, with the code the client saw. */
  closed: Promise<{ code: number; reason: string }>;
}

export interface ConnectOptions {
  origin?: string | null;
  cookie?: string | null;
  /** Sends `resume` with these cursors as soon as the socket opens. */
  resume?: Record<string, number>;
}

/** Refusal before the upgrade: the HTTP status the server answered with. */
export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with ${status}`);
  }
}

/**
 * Opens `/api/v1/realtime` as `who` (their session cookie) from our own origin unless told
 * otherwise; resolves once open.
 */
export function connect(
  address: string,
  who: Person | null,
  options: ConnectOptions = {},
): Promise<RealtimeTestClient> {
  const headers: Record<string, string> = {};
  const cookie = options.cookie === undefined ? who?.session.cookie : options.cookie;
  if (cookie) headers.cookie = cookie;
  const origin = options.origin === undefined ? `http://${address}` : options.origin;
  if (origin) headers.origin = origin;
  const ws = new WebSocket(`ws://${address}/api/v1/realtime`, { headers });
  const frames: ServerFrame[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as ServerFrame);
    for (const waiter of [...waiters]) waiter();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) }));
  });
  ws.on('error', () => {});

  const client: RealtimeTestClient = {
    ws,
    frames,
    events: (stream) =>
      frames.filter(
        (f): f is EventFrame => 'stream' in f && f.stream === stream && 'seq' in f && f.type !== 'reset',
      ),
    waitFor(match, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = frames.find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames.slice(-5))}`),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    waitForEvents(stream, count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const got = client.events(stream);
          if (got.length < count) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(got);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${client.events(stream).length} of ${count} events on ${stream}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    send(message) {
      ws.send(JSON.stringify(message));
    },
    closed,
  };

  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      if (options.resume) client.send({ type: 'resume', cursors: options.resume });
      resolve(client);
    });
    ws.once('unexpected-response', (_req, res) => {
      reject(new UpgradeRefused(res.statusCode ?? 0));
      res.resume();
      ws.terminate();
    });
    ws.once('error', (err) => reject(err));
  });
}

/** Inserts a group straight into the database (the groups slice has its own tests). */
export async function insertGroup(db: Db, visibility: GroupVisibility = 'open'): Promise<string> {
  const id = uuidv7();
  const now = new Date().toISOString();
  await db
    .insertInto('groups')
    .values({
      id,
      name: `Group ${id.slice(-6)}`,
      name_search: `group ${id.slice(-6)}`,
      handle: `group-${id.slice(-12)}`,
      visibility,
      department_id: null,
      photo_key: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function addMember(db: Db, groupId: string, userId: string, role: GroupRole = 'member') {
  await db
    .insertInto('group_members')
    .values({ group_id: groupId, user_id: userId, role, created_at: new Date().toISOString() })
    .execute();
}

export async function removeMember(db: Db, groupId: string, userId: string) {
  await db
    .deleteFrom('group_members')
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .execute();
}

/** Inserts a post in a group (or the company space when `groupId` is null). */
export async function insertPost(
  db: Db,
  authorId: string,
  groupId: string | null,
  body = 'Hello',
): Promise<string> {
  const id = uuidv7();
  const now = new Date().toISOString();
  await db
    .insertInto('posts')
    .values({
      id,
      space_type: groupId ? 'group' : 'company',
      group_id: groupId,
      profile_id: null,
      author_id: authorId,
      body,
      html: `<p>${body}</p>`,
      shared_post_id: null,
      preview_url: null,
      preview: null,
      pinned_at: null,
      hidden_at: null,
      hidden_by: null,
      created_at: now,
      updated_at: now,
      edited_at: null,
    })
    .execute();
  return id;
}

/** The TCP connection under a client socket (ws keeps it in a private field). */
export function tcpOf(client: RealtimeTestClient): Socket {
  return (client.ws as unknown as { _socket: Socket })._socket;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** This process's bus, losing the durable frames `lose` picks, as a dropped pub/sub message or a partitioned Redis would. */
export function lossyBus(lose: (frame: StreamFrame) => boolean): Bus {
  const inner = createLocalBus();
  return {
    ...inner,
    publish(frame) {
      if (frame.seq === undefined || !lose(frame)) inner.publish(frame);
    },
  };
}
