import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { type Ctx, transact } from '../../src/server/platform/context.js';
import { appendStreamEvent, streams } from '../../src/server/platform/events/streams.js';
import type { EventFrame } from '../../src/shared/realtime/frames.js';
import { type Person, signedIn } from '../support/people.js';
import { buildTestApp, systemCtx, type TestApp } from '../support/test-app.js';
import { addMember, connect, insertGroup, listen, sleep, tcpOf } from './support.js';

const redisUrl = process.env.TEST_REDIS_URL;

/**
 * Two nodes (two apps) on one database, sharing the Redis bus: a socket on one node sees what
 * the other node writes, and a socket that drops from one node and resumes on the other
 * receives every missed event once, in order.
 */
describe.runIf(redisUrl)('two nodes with the Redis bus', () => {
  let t: TestApp;
  let nodeB: FastifyInstance;
  const addresses: string[] = [];
  let member: Person;
  let outsider: Person;
  let groupId: string;
  // Every run publishes under its own prefix: the Redis server is shared with other runs.
  const prefix = `atrium-test-${randomBytes(6).toString('hex')}:`;

  beforeAll(async () => {
    t = await buildTestApp({ REDIS_URL: redisUrl!, REDIS_PREFIX: prefix });
    nodeB = await buildApp({ config: t.config, database: t.database.handle, logger: false });
    addresses.push(await listen(t.app), await listen(nodeB));
    const db = t.database.handle.db;
    member = await signedIn(t);
    outsider = await signedIn(t);
    groupId = await insertGroup(db, 'secret');
    await addMember(db, groupId, member.id);
  });
  afterAll(async () => {
    // Pub/sub leaves no keys; the rate limiter's keys under this prefix are removed.
    await t.app.rateLimiter.store.clear();
    await nodeB.close();
    await t.close();
  });

  /** A context writing through node B: its commits are published on B's bus. */
  const onNodeB = (): Ctx => ({ ...systemCtx(t), bus: nodeB.bus });

  it("a group event written on node B reaches the member's socket on node A, not the outsider's", async () => {
    const a = await connect(addresses[0]!, member, { resume: {} });
    const b = await connect(addresses[0]!, outsider, { resume: {} });
    await Promise.all([a.waitFor((f) => f.type === 'hello'), b.waitFor((f) => f.type === 'hello')]);
    const frame = await transact(onNodeB(), (tx) =>
      appendStreamEvent(tx, streams.group(groupId), 'post.created', { postId: 'p' }),
    );
    await transact(onNodeB(), (tx) =>
      appendStreamEvent(tx, streams.user(outsider.id), 'notification.created', { id: 'n', type: 'mention' }),
    );
    expect(await a.waitFor((f) => f.type === 'post.created')).toMatchObject({ seq: frame.seq });
    await b.waitFor((f) => f.type === 'notification.created');
    expect(b.frames.some((f) => 'stream' in f && f.stream === streams.group(groupId))).toBe(false);
    a.ws.close();
    b.ws.close();
  });

  it('a socket killed on node A mid-burst resumes on node B with every event once, in order', async () => {
    const stream = streams.group(groupId);
    const head = (
      await t.database.handle.db
        .selectFrom('stream_heads')
        .select('seq')
        .where('stream', '=', stream)
        .executeTakeFirst()
    )?.seq;
    const start = Number(head ?? 0);
    const first = await connect(addresses[0]!, member, { resume: { [stream]: start } });
    await first.waitFor((f) => f.type === 'hello');

    const total = 200;
    // Writers on both nodes, alternating: frames of one stream come from two publishers.
    const writing = (async () => {
      for (let i = 1; i <= total; i++) {
        const ctx = i % 2 === 0 ? onNodeB() : systemCtx(t);
        await transact(ctx, (tx) => appendStreamEvent(tx, stream, 'post.created', { n: i }));
        if (i % 10 === 0) await sleep(1);
      }
    })();
    await first.waitForEvents(stream, 50, 10_000);
    tcpOf(first).destroy();
    const before = first.events(stream);
    const cursor = before.at(-1)!.seq!;

    const second = await connect(addresses[1]!, member, { resume: { [stream]: cursor } });
    await writing;
    await second.waitForEvents(stream, start + total - cursor, 10_000);
    await sleep(100);
    const all: EventFrame[] = [...before, ...second.events(stream)];
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => start + i + 1));
    expect(all.map((e) => (e.data as { n: number }).n)).toEqual(
      Array.from({ length: total }, (_, i) => i + 1),
    );
    second.ws.close();
  });
});
