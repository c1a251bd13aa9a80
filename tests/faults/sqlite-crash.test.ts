import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialect } from '../support/databases.js';
import { startTraffic } from './client.js';
import {
  type FaultDatabase,
  freePort,
  killAll,
  type NodeEnv,
  runCli,
  ServerNode,
  seedPeople,
  sleep,
  sqliteDatabase,
  sqliteIntegrity,
  stamp,
  tempDir,
  waitUntil,
} from './harness.js';
import { ackedCount, connectAll, finish, type Layout, layOut, removeDir } from './scenario.js';

/**
 * RELIABILITY.md F1 (issue 5 acceptance): one `atrium serve` on SQLite, clients sending about
 * 200 messages a second; the process is killed with SIGKILL twice during the traffic and
 * restarted. No acknowledged message is lost, none is stored or rendered twice, the file passes
 * `PRAGMA integrity_check` after each crash, and `atrium audit verify` passes at the end.
 * Runs in the SQLite project only (it owns its database file whatever the project).
 */
describe.runIf(testDialect === 'sqlite')('SIGKILL during 200 msg/s on SQLite', () => {
  let dir = '';
  let database: FaultDatabase;
  let env: NodeEnv;
  let node: ServerNode;
  let layout: Layout | undefined;
  let failed = true;

  beforeAll(async () => {
    dir = tempDir('sqlite');
    database = sqliteDatabase(dir);
    env = { DATABASE_URL: database.url, ATRIUM_DATA_DIR: dir };
    const people = await seedPeople(database.url, 16);
    node = new ServerNode('sqlite-node', await freePort(), env, dir);
    await node.start();
    stamp('sqlite: node up');
    layout = await layOut([node], people, 4);
  }, 90_000);

  afterAll(async () => {
    for (const c of layout?.clients ?? []) c.stop();
    await killAll();
    if (dir) removeDir(dir, failed);
  });

  it('loses no acknowledged message, stores every send once, and the ledger verifies', async () => {
    const { clients } = layout!;
    await connectAll(clients);
    const total = 2400;
    const traffic = startTraffic({ clients, total, rate: 200, maxMs: 60_000 });
    const integrity: string[] = [];
    // Killed once 25% and 65% are acknowledged: traffic is flowing again after the first restart.
    for (const at of [total * 0.25, total * 0.65]) {
      await waitUntil(() => ackedCount(clients) >= at, 60_000);
      // Some time into the stride so sends are in flight, not at a quiet point.
      await sleep(Math.random() * 300);
      await node.kill();
      stamp(`sqlite: killed at ${ackedCount(clients)} acked`);
      integrity.push(await sqliteIntegrity(database.file!));
      await node.start();
      stamp('sqlite: restarted');
    }
    await traffic.done;
    stamp('sqlite: all generated');
    const { problems, diagnosis, acked } = await finish(database.url, layout!, [node]);
    await node.stop();
    integrity.push(await sqliteIntegrity(database.file!));
    const audit = await runCli(['audit', 'verify'], env, dir);
    stamp(`sqlite: checked, ${problems.length} problems`);

    expect(problems, diagnosis).toEqual([]);
    expect(acked).toBe(total);
    expect(integrity).toEqual(['ok', 'ok', 'ok']);
    expect(audit.code, audit.output).toBe(0);
    failed = false;
  }, 180_000);
});
