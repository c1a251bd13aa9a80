import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { transact } from '../../src/server/platform/context.js';
import { appendStreamEvent, streams } from '../../src/server/platform/events/streams.js';
import { signedIn } from '../support/people.js';
import { buildTestApp, systemCtx, type TestApp } from '../support/test-app.js';
import { connect, listen, lossyBus } from './support.js';

/**
 * What each socket re-checks on its own timer, without any event telling it to: its session,
 * and the log's heads (a bus that lost frames — Redis away — must not leave a socket behind).
 */

let t: TestApp;
let node: FastifyInstance;
let address: string;
let delivering = true;

beforeAll(async () => {
  t = await buildTestApp();
  node = await buildApp({
    config: t.config,
    database: t.database.handle,
    bus: lossyBus(() => !delivering),
    logger: false,
    realtime: { sessionCheckMs: 150 },
  });
  address = await listen(node);
});
afterAll(async () => {
  await node.close();
  await t.close();
});

describe('periodic checks', () => {
  it('catches up from the log when the bus lost frames', async () => {
    const me = await signedIn(t);
    const stream = streams.user(me.id);
    const client = await connect(address, me, { resume: {} });
    await client.waitFor((f) => f.type === 'hello');
    delivering = false;
    const ctx = { ...systemCtx(t), bus: node.bus };
    for (let i = 1; i <= 3; i++) {
      await transact(ctx, (tx) => appendStreamEvent(tx, stream, 'notification.created', { id: `n${i}` }));
    }
    const events = await client.waitForEvents(stream, 3, 3000);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    delivering = true;
    client.ws.close();
  });

  it('closes the socket once its session has ended, without any event', async () => {
    const me = await signedIn(t);
    const client = await connect(address, me, { resume: {} });
    await client.waitFor((f) => f.type === 'hello');
    await t.database.handle.db.deleteFrom('sessions').where('user_id', '=', me.id).execute();
    expect((await client.closed).code).toBe(4001);
  });

  it('follows a role change: a person made a guest leaves the company stream', async () => {
    const me = await signedIn(t);
    const client = await connect(address, me, { resume: {} });
    await client.waitFor((f) => f.type === 'hello');
    await t.database.handle.db.updateTable('users').set({ role: 'guest' }).where('id', '=', me.id).execute();
    const change = await client.waitFor((f) => f.type === 'streams', 3000);
    expect(change).toEqual({ type: 'streams', data: { added: {}, removed: [streams.company] } });
    client.ws.close();
  });
});
