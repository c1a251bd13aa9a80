import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { transact } from '../../src/server/platform/context.js';
import { appendStreamEvent, streams } from '../../src/server/platform/events/streams.js';
import {
  createRealtimeClient,
  type RealtimeClient,
  type RealtimeStatus,
  type SocketLike,
} from '../../src/web/lib/realtime.js';
import { type Person, signedIn } from '../support/people.js';
import { buildTestApp, systemCtx, type TestApp } from '../support/test-app.js';
import { listen, sleep } from './support.js';

/**
 * The browser client (src/web/lib/realtime.ts) against the real gateway, with `ws` standing in
 * for the browser's WebSocket and a Map for sessionStorage.
 */

let t: TestApp;
let address: string;

beforeAll(async () => {
  t = await buildTestApp();
  address = await listen(t.app);
});
afterAll(async () => {
  await t.close();
});

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  };
}

function clientFor(who: Person, storage = memoryStorage()) {
  const sockets: WebSocket[] = [];
  const client = createRealtimeClient({
    url: `ws://${address}/api/v1/realtime`,
    createSocket: (url) => {
      const ws = new WebSocket(url, { headers: { cookie: who.session.cookie, origin: `http://${address}` } });
      sockets.push(ws);
      return ws as unknown as SocketLike;
    },
    storage,
    minDelayMs: 20,
    maxDelayMs: 100,
  });
  return { client, sockets, storage };
}

function append(stream: string, n: number) {
  return transact(systemCtx(t), (tx) =>
    appendStreamEvent(tx, stream, 'notification.created', { id: `${n}` }),
  );
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(10);
  }
}

function statusOf(client: RealtimeClient): RealtimeStatus[] {
  const seen: RealtimeStatus[] = [];
  client.onStatus(() => seen.push(client.status));
  return seen;
}

describe('the browser client', () => {
  it('reconnects on its own after the link dies and hands every event to handlers once, in order', async () => {
    const me = await signedIn(t);
    const stream = streams.user(me.id);
    const { client, sockets, storage } = clientFor(me);
    const got: string[] = [];
    client.subscribe('notification.created', (data) => got.push(data.id));
    client.start();
    await until(() => client.status === 'open' && client.cursors()[stream] === 0);

    const writing = (async () => {
      for (let i = 1; i <= 120; i++) {
        await append(stream, i);
        if (i % 10 === 0) await sleep(2);
      }
    })();
    await until(() => got.length >= 30);
    (sockets[0] as unknown as { _socket: Socket })._socket.destroy();
    await writing;
    await until(() => got.length >= 120);
    await sleep(100);
    expect(got).toEqual(Array.from({ length: 120 }, (_, i) => `${i + 1}`));
    expect(sockets.length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(storage.getItem('atrium.realtime.cursors')!)).toMatchObject({ [stream]: 120 });
    client.stop();

    // A reload of the tab: a new client on the same storage resumes where the last one stopped.
    await append(stream, 121);
    const reloaded = clientFor(me, storage);
    const after: string[] = [];
    reloaded.client.subscribe('notification.created', (data) => after.push(data.id));
    reloaded.client.start();
    await until(() => after.length >= 1);
    expect(after).toEqual(['121']);
    reloaded.client.stop();
  });

  it('tells handlers to refetch when a stream cannot be replayed', async () => {
    const me = await signedIn(t);
    const stream = streams.user(me.id);
    const storage = memoryStorage();
    storage.setItem('atrium.realtime.cursors', JSON.stringify({ [stream]: 99 }));
    await append(stream, 1);
    const { client } = clientFor(me, storage);
    const resyncs: string[] = [];
    client.subscribe('realtime.resync', (data) => resyncs.push(data.stream));
    client.start();
    await until(() => resyncs.length === 1);
    expect(resyncs).toEqual([stream]);
    expect(client.cursors()[stream]).toBe(1);
    client.stop();
  });

  it('stops for good when the session ends', async () => {
    const me = await signedIn(t);
    const { client, sockets } = clientFor(me);
    const statuses = statusOf(client);
    client.start();
    await until(() => client.status === 'open');
    await until(() => client.cursors()[streams.user(me.id)] !== undefined);
    await t.database.handle.db.deleteFrom('sessions').where('user_id', '=', me.id).execute();
    t.app.bus.publish({ type: 'session.revoked', stream: streams.user(me.id), data: {} });
    await until(() => client.status === 'ended');
    await sleep(200);
    expect(sockets).toHaveLength(1);
    expect(statuses).toEqual(['connecting', 'open', 'ended']);
  });
});
