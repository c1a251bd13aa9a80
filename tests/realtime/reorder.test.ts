import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { transact } from '../../src/server/platform/context.js';
import { appendStreamEvent, streams } from '../../src/server/platform/events/streams.js';
import { signedIn } from '../support/people.js';
import { buildTestApp, systemCtx, type TestApp } from '../support/test-app.js';
import { connect, listen, lossyBus } from './support.js';

/**
 * Live frames that arrive out of order — with several nodes, one published here overtakes an
 * earlier one still crossing Redis — wait a moment for the ones before them instead of sending
 * every recipient to the database; a frame that never comes is then read from the log.
 */

let t: TestApp;
let node: FastifyInstance;
let address: string;
/** Seqs of durable frames this bus loses, as a dropped pub/sub message would. */
const lost = new Set<number>();

beforeAll(async () => {
  t = await buildTestApp();
  node = await buildApp({
    config: t.config,
    database: t.database.handle,
    bus: lossyBus((frame) => lost.has(frame.seq!)),
    logger: false,
    // Long enough that the log is not read before the late frame below arrives.
    realtime: { reorderWaitMs: 1000, gapCheckMs: 60_000 },
  });
  address = await listen(node);
});
afterAll(async () => {
  await node.close();
  await t.close();
});

/** The socket handles `resume` after `hello`; live frames before it are left to the replay. */
const resumed = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('frames out of order', () => {
  it('are delivered in order once the earlier one arrives, without a read of the log', async () => {
    const me = await signedIn(t);
    const stream = streams.user(me.id);
    const client = await connect(address, me, { resume: {} });
    await client.waitFor((f) => f.type === 'hello');
    await resumed();
    // Published on the bus only, never written: a read of the log would find nothing and
    // answer `reset` instead.
    node.bus.publish({ type: 'notification.created', stream, seq: 2, data: { id: 'second' } });
    node.bus.publish({ type: 'notification.created', stream, seq: 3, data: { id: 'third' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(client.events(stream)).toEqual([]);
    node.bus.publish({ type: 'notification.created', stream, seq: 1, data: { id: 'first' } });
    const events = await client.waitForEvents(stream, 3, 3000);
    expect(events.map((e) => [e.seq, (e.data as { id: string }).id])).toEqual([
      [1, 'first'],
      [2, 'second'],
      [3, 'third'],
    ]);
    expect(client.frames.some((f) => f.type === 'reset')).toBe(false);
    client.ws.close();
  });

  it('reads a frame the bus lost from the log once the wait is over, and keeps the order', async () => {
    const me = await signedIn(t);
    const stream = streams.user(me.id);
    const client = await connect(address, me, { resume: {} });
    await client.waitFor((f) => f.type === 'hello');
    await resumed();
    lost.add(2);
    const ctx = { ...systemCtx(t), bus: node.bus };
    for (let i = 1; i <= 3; i++) {
      await transact(ctx, (tx) => appendStreamEvent(tx, stream, 'notification.created', { id: `n${i}` }));
    }
    lost.clear();
    const events = await client.waitForEvents(stream, 3, 5000);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    client.ws.close();
  });
});
