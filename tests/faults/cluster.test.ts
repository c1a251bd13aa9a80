import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../support/databases.js';
import { startTraffic } from './client.js';
import {
  createPgDatabase,
  type FaultDatabase,
  freePort,
  killAll,
  PrivateRedis,
  redisServerAvailable,
  runCli,
  ServerNode,
  seedPeople,
  stamp,
  tempDir,
  waitUntil,
} from './harness.js';
import { connectAll, finish, type Layout, layOut, removeDir } from './scenario.js';

const enabled = testDialect === 'postgres' && Boolean(process.env.TEST_REDIS_URL) && redisServerAvailable();

/**
 * Issue 5 acceptance, "cluster test": two `atrium serve` processes on one PostgreSQL database
 * (fresh, dropped after) and a private Redis; clients on both nodes in a few chats exchange
 * 10,000 messages at a steady rate while one node is killed with SIGKILL midway and restarted
 * on the same port. Its clients reconnect with back-off (half of them meanwhile to the other
 * node) and resume; unacknowledged sends are retried with the same clientId. At the end every
 * client has every stored message exactly once in seq order, every acknowledged message is
 * stored, every send is stored once, and the ledger verifies.
 */
describe.runIf(enabled)('two nodes on PostgreSQL and Redis, one killed with SIGKILL', () => {
  let dir = '';
  let database: FaultDatabase | undefined;
  let nodes: ServerNode[] = [];
  let layout: Layout | undefined;
  let failed = true;

  beforeAll(async () => {
    dir = tempDir('cluster');
    database = await createPgDatabase();
    const redis = new PrivateRedis(await freePort(), dir);
    await redis.start();
    const people = await seedPeople(database.url, 40);
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
    // The database is migrated already (seedPeople): the nodes may start side by side.
    await Promise.all(nodes.map((n) => n.start()));
    stamp('cluster: nodes up');
    layout = await layOut(nodes, people, 8, { failover: true });
  }, 120_000);

  afterAll(async () => {
    for (const c of layout?.clients ?? []) c.stop();
    await killAll();
    await database?.drop();
    if (dir) removeDir(dir, failed);
  });

  it('every client ends with every acknowledged message exactly once, in seq order', async () => {
    const { clients } = layout!;
    await connectAll(clients);
    const total = 10_000;
    const traffic = startTraffic({ clients, total, rate: 400, maxMs: 60_000 });
    await waitUntil(() => traffic.sentCount() >= total / 2, 30_000);
    const victim = nodes[1]!;
    await victim.kill();
    stamp(`cluster: node-b killed at ${traffic.sentCount()} sent`);
    await victim.start();
    stamp(`cluster: node-b restarted at ${traffic.sentCount()} sent`);
    await traffic.done;
    stamp('cluster: all generated');
    const { problems, diagnosis, acked } = await finish(database!.url, layout!, nodes, {
      acksMs: 60_000,
      catchUpMs: 20_000,
    });
    await Promise.all(nodes.map((n) => n.stop()));
    const audit = await runCli(['audit', 'verify'], nodes[0]!.env, dir);
    stamp(`cluster: checked, ${problems.length} problems`);

    expect(problems, diagnosis).toEqual([]);
    expect(acked).toBe(total);
    expect(clients.filter((c) => c.name.endsWith('node-b')).every((c) => c.connects >= 2)).toBe(true);
    expect(audit.code, audit.output).toBe(0);
    failed = false;
  }, 240_000);
});
