import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../support/databases.js';
import { caughtUp, summary } from './checker.js';
import { startTraffic } from './client.js';
import {
  createPgDatabase,
  type FaultDatabase,
  freePort,
  killAll,
  PrivateRedis,
  readMessages,
  redisServerAvailable,
  ServerNode,
  seedPeople,
  sleep,
  stamp,
  tempDir,
  waitUntil,
} from './harness.js';
import { connectAll, finish, type Layout, layOut, removeDir } from './scenario.js';

const enabled = testDialect === 'postgres' && Boolean(process.env.TEST_REDIS_URL) && redisServerAvailable();

/**
 * Issue 5 acceptance and RELIABILITY.md F5: two nodes on PostgreSQL share a private
 * `redis-server` (never the machine's shared one), traffic flows, Redis is killed for 30 s and
 * started again on the same port. Clients keep receiving from their own node meanwhile; once
 * Redis is back every client on every node has caught up within 10 s; nothing is lost.
 *
 * 30 s is the issue's outage, kept as written: the nodes' Redis clients back off 200 ms more per
 * attempt up to 2 s, so the outage covers the back-off's whole growth and many retries at its
 * ceiling.
 */
const outageMs = 30_000;

describe.runIf(enabled)('Redis stopped for 30 s during traffic', () => {
  let dir = '';
  let database: FaultDatabase | undefined;
  let redis: PrivateRedis;
  let nodes: ServerNode[] = [];
  let layout: Layout | undefined;
  let failed = true;

  beforeAll(async () => {
    dir = tempDir('redis');
    database = await createPgDatabase();
    redis = new PrivateRedis(await freePort(), dir);
    await redis.start();
    const people = await seedPeople(database.url, 24);
    const envOf = (name: string) => ({
      DATABASE_URL: database!.url,
      ATRIUM_DATA_DIR: path.join(dir, name),
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'atrium-fault:',
    });
    nodes = [
      new ServerNode('node-a', await freePort(), envOf('node-a'), dir),
      new ServerNode('node-b', await freePort(), envOf('node-b'), dir),
    ];
    await Promise.all(nodes.map((n) => n.start()));
    stamp('redis: nodes up');
    layout = await layOut(nodes, people, 4);
  }, 120_000);

  afterAll(async () => {
    for (const c of layout?.clients ?? []) c.stop();
    await killAll();
    await database?.drop();
    if (dir) removeDir(dir, failed);
  });

  it('loses nothing, keeps same-node delivery, and other nodes catch up within 10 s', async () => {
    const { clients, chatIds } = layout!;
    await connectAll(clients);
    const rate = 100;
    // 4 s before the outage, the outage, and 14 s of traffic after Redis is back.
    const total = (rate * (4000 + outageMs + 14_000)) / 1000;
    const traffic = startTraffic({ clients, total, rate, maxMs: outageMs + 40_000 });

    await sleep(4000);
    await redis.kill();
    stamp(`redis: killed at ${traffic.sentCount()} sent`);
    const outageStart = Date.now();
    await sleep(outageMs);
    // What each client shows at the end of the outage, before Redis can help anyone.
    const shownAtEnd = clients.map((c) => c.renderedIds());
    const outageEnd = Date.now();
    await redis.start();
    stamp(`redis: back at ${traffic.sentCount()} sent`);

    // Catch-up: everything stored by the time Redis is back is on every screen within 10 s.
    const stored = await readMessages(database!.url, chatIds);
    const heads = new Map([...stored].map(([id, list]) => [id, list.at(-1)?.seq ?? 0]));
    const backAt = Date.now();
    const caught = await waitUntil(() => caughtUp(clients, heads), 10_000, 50);
    const catchUpMs = Date.now() - backAt;

    // Same-node delivery during the outage: a message acknowledged by a node (2 s before the
    // end at the latest) is shown by that node's clients in its chat.
    const missedLocally: string[] = [];
    clients.forEach((client, i) => {
      const chatId = [...client.rendered.keys()][0]!;
      for (const sender of clients) {
        for (const ack of sender.ackLog) {
          if (ack.chatId !== chatId || ack.node !== client.address) continue;
          if (ack.at < outageStart || ack.at > outageEnd - 2000) continue;
          if (!shownAtEnd[i]!.has(ack.messageId)) {
            missedLocally.push(
              `${client.name}: ${ack.messageId}@${ack.seq} from ${sender.name}, acked ${ack.at - outageStart} ms into the outage`,
            );
          }
        }
      }
    });

    await traffic.done;
    stamp(`redis: all generated; caught up ${catchUpMs} ms after Redis returned`);
    const { problems, diagnosis, acked } = await finish(database!.url, layout!, nodes);
    const logs = nodes.map((n) => n.tail()).join('\n');

    expect(problems, diagnosis).toEqual([]);
    expect(acked).toBe(total);
    expect(
      missedLocally.slice(0, 10),
      `${missedLocally.length} missed\n${summary(clients)}\n${logs}`,
    ).toEqual([]);
    expect(caught, `not caught up ${catchUpMs} ms after Redis returned\n${logs}`).toBe(true);
    failed = false;
  }, 180_000);
});
