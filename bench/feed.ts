import { type ChildProcess, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { getPersonalFeed, personalFeedIds } from '../src/server/features/feed/feed.service.js';
import { loadConfig } from '../src/server/platform/config.js';
import type { Actor, Ctx } from '../src/server/platform/context.js';
import { type DatabaseHandle, openDatabase } from '../src/server/platform/db/database.js';
import { migrateToLatest } from '../src/server/platform/db/migrator.js';
import { createLocalBus } from '../src/server/platform/realtime/bus.js';
import { openSession, type TestSession } from '../tests/support/session.js';
import { type FeedWorld, fullSize, generateFeedWorld, quickSize, seededRandom } from './feed-data.js';
import { openRecordingDatabase, openReplayer, type Statement } from './sql-replay.js';
import { cpuSecondsOf, log, ms, percentile, setupCompany, startServer, stopServer } from './support.js';

/**
 * `npm run bench -- feed [--db sqlite|postgres] [--quick]` (issue 3): generates the company
 * (feed-data.ts), then measures on loopback, each phase bounded in time:
 * 1. the ceiling: the personal feed's SQL (`personalFeedIds`) and the whole feed service
 *    (ids, the "new" marker and the presented posts) called directly, 32 at a time, no HTTP;
 * 2. the real server (buildApp in a child process, so client and server each have a core) under
 *    autocannon with 32 connections: first pages, then next pages, each request as a different
 *    sampled person;
 * 3. post creation with mentions and hashtags through `POST /api/v1/posts` (ledger included);
 * 4. `atrium audit verify` on the result.
 * The data directory is a temporary folder; a PostgreSQL database `atrium_bench_<ts>` is created
 * next to BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) and dropped.
 */

const SEED = 20261128;
const READERS = 500;
const CONCURRENCY = 32;
const LIMIT = 20;

interface Options {
  db: 'sqlite' | 'postgres';
  quick: boolean;
}

function parseOptions(argv: string[]): Options {
  const at = argv.indexOf('--db');
  const db = argv.find((a) => a.startsWith('--db='))?.slice(5) ?? (at >= 0 ? argv[at + 1] : 'sqlite');
  if (db !== 'sqlite' && db !== 'postgres') throw new Error('--db must be sqlite or postgres');
  return { db, quick: argv.includes('--quick') };
}

interface Measured {
  count: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: string;
  /** CPU time of the measured process per operation (ms): robust to other load on the machine. */
  cpuMs: number;
  /** CPU time of the PostgreSQL server processes per operation (ms). */
  pgCpuMs: number;
}

/** The benchmark's PostgreSQL database, whose backends' CPU time is counted. */
let benchDatabaseName: string | null = null;

/**
 * CPU seconds used so far by the PostgreSQL backends serving the benchmark's database (their
 * process title names it); 0 on SQLite. Ended backends drop out, so the pool must stay open
 * across a measurement.
 */
function postgresCpuSeconds(): number {
  if (!benchDatabaseName) return 0;
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres:') && title.includes(` ${benchDatabaseName} `)) {
        total += cpuSecondsOf(Number(entry));
      }
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

/** Runs `task` from `concurrency` loops for `seconds`; latencies in ms. */
async function closedLoop(
  seconds: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<Measured> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const cpu = process.cpuUsage();
  const pgBefore = postgresCpuSeconds();
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const i = next++;
        const t = performance.now();
        try {
          await task(i);
          latencies.push(performance.now() - t);
        } catch (err) {
          errors += 1;
          if (errors === 1) log(`    first error: ${String(err)}`);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    errors: String(errors),
    cpuMs: (used.user + used.system) / 1000 / Math.max(1, latencies.length),
    pgCpuMs: ((postgresCpuSeconds() - pgBefore) * 1000) / Math.max(1, latencies.length),
  };
}

async function createDatabase(
  options: Options,
  dataDir: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (options.db === 'sqlite') {
    return { url: `sqlite:${path.join(dataDir, 'atrium.db')}`, drop: async () => {} };
  }
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `atrium_bench_${Date.now()}`;
  benchDatabaseName = name;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

interface Reader {
  actor: Actor;
  session: TestSession;
  /** Cursors of pages 2 and 3. */
  cursors: string[];
}

const silentLog = pino({ level: 'silent' });
const localBus = createLocalBus();
const configs = new WeakMap<Record<string, string>, ReturnType<typeof loadConfig>>();

function ctxFor(handle: DatabaseHandle, env: Record<string, string>, actor: Actor | null): Ctx {
  let config = configs.get(env);
  if (!config) {
    config = loadConfig(env);
    configs.set(env, config);
  }
  return {
    db: handle.db,
    dialect: handle.dialect,
    config,
    actor,
    requestId: 'bench',
    log: silentLog,
    locale: 'en',
    ip: null,
    userAgent: null,
    bus: localBus,
  };
}

function httpPhase(
  server: ChildProcess,
  port: number,
  seconds: number,
  connections: number,
  request: () => { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string },
): Promise<Measured> {
  const cpuBefore = cpuSecondsOf(server.pid!);
  const pgBefore = postgresCpuSeconds();
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections,
        duration: seconds,
        requests: [{ setupRequest: (req) => ({ ...req, ...request() }) }],
      },
      (err, result) => {
        if (err) return reject(err);
        const count = result['2xx'];
        const failed = result.non2xx + result.errors;
        resolve({
          count,
          perSecond: count / (result.duration || seconds),
          p50: result.latency.p50,
          p99: result.latency.p99,
          errors: result.timeouts > 0 ? `${failed} (${result.timeouts} timeouts)` : String(failed),
          cpuMs: ((cpuSecondsOf(server.pid!) - cpuBefore) * 1000) / Math.max(1, count),
          pgCpuMs: ((postgresCpuSeconds() - pgBefore) * 1000) / Math.max(1, count),
        });
      },
    );
  });
}

/** The scenario: returns the Markdown block for docs/BENCHMARKS.md. */
export async function feedBench(argv: string[] = process.argv.slice(2)): Promise<string> {
  const options = parseOptions(argv);
  const size = options.quick ? quickSize : fullSize;
  const phase = options.quick ? 5 : 15;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-bench-'));
  const database = await createDatabase(options, dataDir);
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: database.url,
    ATRIUM_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  let server: ChildProcess | null = null;
  const out: string[] = [];
  const loadBefore = os.loadavg()[0]!;
  try {
    log(`feed benchmark on ${options.db}${options.quick ? ' (quick)' : ''}: generating…`);
    let handle = openDatabase(database.url);
    await migrateToLatest(handle.db);
    await setupCompany(handle, env);
    const generation = performance.now();
    const world = await generateFeedWorld(handle.db, size, SEED, log);
    const generationSeconds = (performance.now() - generation) / 1000;
    if (handle.dialect === 'postgres') await sql`vacuum analyze`.execute(handle.db);

    const readers = await sampleReaders(handle, world);
    log(`  ${readers.length} readers with sessions`);

    // The ceiling: the same queries, the same people, in this process, no HTTP.
    const ids = async (r: Reader, cursor?: string) =>
      personalFeedIds(ctxFor(handle, env, r.actor), r.actor, { limit: LIMIT, cursor });
    for (const r of readers) {
      const first = await ids(r);
      if (first.nextCursor) {
        r.cursors.push(first.nextCursor);
        const second = await ids(r, first.nextCursor);
        if (second.nextCursor) r.cursors.push(second.nextCursor);
      }
    }
    const pick = (i: number) => readers[(i * 7919) % readers.length]!;
    const nextPage = (i: number) => {
      const r = pick(i);
      return { reader: r, cursor: r.cursors[i % Math.max(1, r.cursors.length)] };
    };

    // Every statement one feed request runs (feed SQL, marker, posts presented), per reader.
    const recording = openRecordingDatabase(database.url);
    const firstPageSql = new Map<Reader, Statement[]>();
    const nextPageSql = new Map<Reader, Statement[][]>();
    for (const r of readers) {
      const ctx = ctxFor(recording.handle, env, r.actor);
      firstPageSql.set(r, (await recording.record(() => getPersonalFeed(ctx, { limit: LIMIT }))).statements);
      const next: Statement[][] = [];
      for (const cursor of r.cursors) {
        next.push((await recording.record(() => getPersonalFeed(ctx, { limit: LIMIT, cursor }))).statements);
      }
      nextPageSql.set(r, next);
    }
    await recording.handle.close();
    const statementsPerPage =
      [...firstPageSql.values()].reduce((n, list) => n + list.length, 0) / Math.max(1, firstPageSql.size);

    log('  ceiling…');
    const replayer = openReplayer(database.url);
    const replayFirst = await closedLoop(phase, CONCURRENCY, (i) => replayer.run(firstPageSql.get(pick(i))!));
    const replayNext = await closedLoop(phase, CONCURRENCY, async (i) => {
      const r = pick(i);
      const pages = nextPageSql.get(r)!;
      if (pages.length > 0) await replayer.run(pages[i % pages.length]!);
    });
    await replayer.close();
    const idsFirst = await closedLoop(phase, CONCURRENCY, async (i) => void (await ids(pick(i))));
    const idsNext = await closedLoop(phase, CONCURRENCY, async (i) => {
      const { reader, cursor } = nextPage(i);
      await ids(reader, cursor);
    });
    const serviceFirst = await closedLoop(phase, CONCURRENCY, async (i) => {
      const r = pick(i);
      await getPersonalFeed(ctxFor(handle, env, r.actor), { limit: LIMIT });
    });
    const serviceNext = await closedLoop(phase, CONCURRENCY, async (i) => {
      const { reader, cursor } = nextPage(i);
      await getPersonalFeed(ctxFor(handle, env, reader.actor), { limit: LIMIT, cursor });
    });
    await handle.close();

    log('  server…');
    const started = await startServer(env);
    server = started.child;
    let n = 0;
    const httpFirst = await httpPhase(server, started.port, phase, CONCURRENCY, () => {
      const r = pick(n++);
      return { method: 'GET', path: `/api/v1/feed?limit=${LIMIT}`, headers: { cookie: r.session.cookie } };
    });
    n = 0;
    const httpNext = await httpPhase(server, started.port, phase, CONCURRENCY, () => {
      const { reader, cursor } = nextPage(n++);
      return {
        method: 'GET',
        path: `/api/v1/feed?limit=${LIMIT}${cursor ? `&cursor=${cursor}` : ''}`,
        headers: { cookie: reader.session.cookie },
      };
    });
    // 32 people reading, each loading a page a second on average (a person reads far slower),
    // at independent random moments: arrivals are a Poisson process, not 32 in step.
    n = 0;
    const httpPaced = await pacedPhase(server, started.port, phase, CONCURRENCY, () => {
      const r = pick(n++);
      return { path: `/api/v1/feed?limit=${LIMIT}`, headers: { cookie: r.session.cookie } };
    });
    const rnd = seededRandom(SEED + 1);
    const index = new Map(world.userIds.map((id, i) => [id, i]));
    const groupsOf = new Map(
      readers.map((r) => [
        r.actor.id,
        world.groupIds.filter((_, g) => world.members[g]!.includes(index.get(r.actor.id)!)),
      ]),
    );
    const creation = await httpPhase(server, started.port, phase, 8, () => {
      const r = pick(Math.floor(rnd() * readers.length));
      const mention = () => `@${world.logins[Math.floor(rnd() * world.logins.length)]}`;
      const tag = () => `#${world.tags[Math.floor(rnd() * 50)]}`;
      const groups = groupsOf.get(r.actor.id) ?? [];
      const roll = rnd();
      const space =
        roll < 0.5 && groups.length > 0
          ? { type: 'group', id: groups[Math.floor(rnd() * groups.length)] }
          : roll < 0.8
            ? { type: 'profile' }
            : { type: 'company' };
      return {
        method: 'POST',
        path: '/api/v1/posts',
        headers: { ...r.session.headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          space,
          body: `Benchmark update for ${mention()} and ${mention()}: **progress** on ${tag()} ${tag()}`,
        }),
      };
    });
    await stopServer(server);
    server = null;

    log('  audit verify…');
    const verify = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'audit', 'verify'], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    const verified = `${verify.stdout}${verify.stderr}`.trim().split('\n').filter(Boolean).pop() ?? '';

    handle = openDatabase(database.url);
    const ledger = await handle.db
      .selectFrom('ledger')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'post.created')
      .executeTakeFirstOrThrow();
    await handle.close();

    const cpu =
      fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? os.cpus()[0]?.model;
    out.push(
      `Database: **${options.db}**${options.quick ? ' (quick: 1/10 of the data, 5 s phases)' : ''} · ` +
        `machine: ${os.availableParallelism()} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM · ` +
        `${new Date().toISOString().slice(0, 10)} · Node ${process.version} · load average before/after the run ` +
        `${loadBefore.toFixed(1)}/${os.loadavg()[0]!.toFixed(1)} (other work on the machine competes for its 2 cores)`,
      '',
      `Data: ${Object.entries(world.counts)
        .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
        .join(', ')}; generated and bulk-loaded in ${generationSeconds.toFixed(0)} s.`,
      '',
      `| phase (${CONCURRENCY} concurrent, ${phase} s each; pages of ${LIMIT}) | per s | p50 ms | p99 ms | CPU ms per op (Node + PostgreSQL) | errors |`,
      '|---|---|---|---|---|---|',
      row("ceiling: the first page's statements replayed on the driver", replayFirst),
      row("ceiling: next pages' statements replayed on the driver", replayNext),
      row('feed SQL alone (`personalFeedIds`), first page', idsFirst),
      row('feed SQL alone, next pages', idsNext),
      row('whole feed service in process (no HTTP), first page', serviceFirst),
      row('whole feed service in process, next pages', serviceNext),
      row('HTTP `GET /api/v1/feed`, first page', httpFirst),
      row('HTTP `GET /api/v1/feed?cursor=`, next pages', httpNext),
      row(`HTTP first page, ${CONCURRENCY} readers at one page a second each (Poisson arrivals)`, httpPaced),
      row('HTTP `POST /api/v1/posts` (2 mentions, 2 hashtags; 8 concurrent)', creation),
      '',
      `A first page runs ${statementsPerPage.toFixed(1)} statements. Server / ceiling: first page ` +
        `${pct(httpFirst.perSecond / replayFirst.perSecond)}, next pages ` +
        `${pct(httpNext.perSecond / replayNext.perSecond)} (of the feed SQL alone: ` +
        `${pct(httpFirst.perSecond / idsFirst.perSecond)} and ${pct(httpNext.perSecond / idsNext.perSecond)}).`,
      `Target (p99 < 50 ms at ${CONCURRENCY} readers, ≥ 50 % of the ceiling): throughput ` +
        `${Math.min(httpFirst.perSecond / replayFirst.perSecond, httpNext.perSecond / replayNext.perSecond) >= 0.5 ? 'met' : 'NOT met'}; ` +
        `p99 of ${CONCURRENCY} readers at a page a second ${httpPaced.p99 < 50 ? 'met' : 'NOT met'} (${ms(httpPaced.p99)} ms); ` +
        `p99 with ${CONCURRENCY} requests always in flight ${Math.max(httpFirst.p99, httpNext.p99) < 50 ? 'met' : 'NOT met'}.`,
      '',
      `Ledger: ${ledger.n} \`post.created\` entries written by the API; \`atrium audit verify\` → ${
        verify.status === 0 ? 'pass' : 'FAIL'
      }: ${verified}`,
    );
    return out.join('\n');
  } finally {
    if (server) await stopServer(server);
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const row = (name: string, m: Measured) =>
  `| ${name} | ${m.perSecond.toFixed(0)} | ${ms(m.p50)} | ${ms(m.p99)} | ${ms(m.cpuMs)}${
    m.pgCpuMs > 0.005 ? ` + ${ms(m.pgCpuMs)}` : ''
  } | ${m.errors} |`;
const pct = (x: number) => `${(x * 100).toFixed(0)} %`;

/**
 * An open loop: GET requests arriving at `rate` per second on average with exponential gaps
 * (a Poisson process, seeded), each on its own, however long the others take.
 */
async function pacedPhase(
  server: ChildProcess,
  port: number,
  seconds: number,
  rate: number,
  request: () => { path: string; headers: Record<string, string> },
): Promise<Measured> {
  const rnd = seededRandom(SEED + 3);
  const cpuBefore = cpuSecondsOf(server.pid!);
  const pgBefore = postgresCpuSeconds();
  const latencies: number[] = [];
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  let at = started;
  while (at < started + seconds * 1000) {
    at += (-Math.log(1 - rnd()) / rate) * 1000;
    const wait = at - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const { path: url, headers } = request();
    const sent = performance.now();
    inFlight.push(
      fetch(`http://127.0.0.1:${port}${url}`, { headers })
        .then(async (res) => {
          await res.arrayBuffer();
          if (res.ok) latencies.push(performance.now() - sent);
          else errors += 1;
        })
        .catch(() => {
          errors += 1;
        }),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    errors: String(errors),
    cpuMs: ((cpuSecondsOf(server.pid!) - cpuBefore) * 1000) / Math.max(1, latencies.length),
    pgCpuMs: ((postgresCpuSeconds() - pgBefore) * 1000) / Math.max(1, latencies.length),
  };
}

/** READERS people (not guests), chosen by the seed, each with a session. */
async function sampleReaders(handle: DatabaseHandle, world: FeedWorld): Promise<Reader[]> {
  const rnd = seededRandom(SEED + 2);
  const chosen = new Set<number>();
  while (chosen.size < Math.min(READERS, world.userIds.length)) {
    const i = Math.floor(rnd() * world.userIds.length);
    if (world.roles[i] !== 'guest') chosen.add(i);
  }
  const users = await handle.db
    .selectFrom('users')
    .select(['id', 'role', 'status', 'department_id'])
    .where(
      'id',
      'in',
      [...chosen].map((i) => world.userIds[i]!),
    )
    .execute();
  const readers: Reader[] = [];
  for (const u of users) {
    readers.push({
      actor: { id: u.id, role: u.role, status: u.status, departmentId: u.department_id },
      session: await openSession(handle.db, u.id),
      cursors: [],
    });
  }
  return readers.sort((a, b) => (a.actor.id < b.actor.id ? -1 : 1));
}
