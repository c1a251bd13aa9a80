/**
 * `npm run bench -- chat [--db sqlite|postgres] [--sockets 1000,5000] [--rates 500,2000]
 * [--seconds 10] [--only atrium|relay] [--quick]`: N WebSocket clients (one per person) in chats of 2, 10 and 200
 * members send at a fixed total rate over the realtime `send` frame; every client records each
 * `chat.message` frame it receives. Reported per phase: delivered frames/s, delivery latency
 * p50/p99 from send to receipt at every recipient, acknowledgement latency, server memory and
 * CPU, the clients' CPU (they share the machine), refusals by error code, sockets the server
 * dropped as too slow (the bench does not resume them, so their missing deliveries count as
 * lost), and lost and duplicated deliveries (must be 0). The ceiling, in the same run: a bare
 * `ws` relay (chat-relay.ts) doing the same fan-out without storage, driven by the same clients.
 * On `--db postgres` Atrium runs as two nodes sharing PostgreSQL and Redis, clients alternating.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Redis } from 'ioredis';
import type { Insertable } from 'kysely';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import WebSocket from 'ws';
import { hashSecret, newSecret } from '../src/server/platform/auth/session-token.js';
import { type Db, openDatabase } from '../src/server/platform/db/database.js';
import { migrateToLatest } from '../src/server/platform/db/migrator.js';
import type { ChatMembersTable, ChatsTable } from '../src/server/platform/db/schema.js';
import { seededRandom } from './feed-data.js';
import {
  cpuSecondsOf,
  cpuSecondsOfCommands,
  log,
  ms,
  percentile,
  setupCompany,
  startServer,
  stopServer,
} from './support.js';

interface Options {
  db: 'sqlite' | 'postgres';
  sockets: number[];
  rates: number[];
  seconds: number;
  /** Which servers to drive: both by default. */
  targets: Target['kind'][];
}

function parseOptions(argv: string[]): Options {
  const value = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return (
      argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? (at >= 0 ? argv[at + 1] : undefined)
    );
  };
  const list = (name: string, fallback: number[]) => value(name)?.split(',').map(Number) ?? fallback;
  const quick = argv.includes('--quick');
  const db = value('db') ?? 'sqlite';
  if (db !== 'sqlite' && db !== 'postgres') throw new Error('--db must be sqlite or postgres');
  return {
    db,
    sockets: list('sockets', quick ? [500] : [1000, 5000]),
    rates: list('rates', quick ? [200] : [500, 2000]),
    seconds: Number(value('seconds') ?? (quick ? 4 : 10)),
    targets: parseTargets(value('only')),
  };
}

function parseTargets(only: string | undefined): Target['kind'][] {
  if (only === undefined) return ['atrium', 'relay'];
  if (only !== 'atrium' && only !== 'relay') throw new Error('--only must be atrium or relay');
  return [only];
}

/** The machine's database processes, whose CPU shares the cores with the nodes and the clients. */
const storeCommands = ['postgres', 'redis-server'];

/** Which chats a message goes to: half direct, a third to chats of 10, the rest to 200. */
const classWeights = [
  { size: 2, weight: 0.5 },
  { size: 10, weight: 0.35 },
  { size: 200, weight: 0.15 },
] as const;

interface World {
  /** Person index → user id and session cookie. */
  users: { id: string; cookie: string }[];
  /** Chats by class size: id and member indexes. */
  chats: Map<number, { id: string; members: number[] }[]>;
}

/**
 * People, sessions and chats, written straight into the database: direct chats pair each
 * person with the next two, chats of 10 are consecutive blocks twice (shifted by 5), chats of
 * 200 are consecutive blocks.
 */
async function generateWorld(db: Db, people: number): Promise<World> {
  const now = new Date().toISOString();
  const expires = new Date(Date.now() + 12 * 3_600_000).toISOString();
  const users: World['users'] = [];
  const userRows = [];
  const sessionRows = [];
  for (let i = 0; i < people; i++) {
    const id = uuidv7();
    const secret = newSecret();
    users.push({ id, cookie: `sid=${secret}` });
    userRows.push({
      id,
      email: `chat${i}@corp.test`,
      name: `Chat Person ${i}`,
      name_search: `chat person ${i}`,
      password_hash: null,
      password_changed_at: null,
      role: 'employee' as const,
      status: 'active' as const,
      deactivated_via: null,
      deactivated_at: null,
      email_verified_at: now,
      position: null,
      position_search: null,
      department_id: null,
      manager_id: null,
      phone: null,
      office: null,
      city: null,
      birthday: null,
      start_date: null,
      about: null,
      interests: '[]',
      contacts: '{}',
      photo_key: null,
      locale: null,
      external_id: null,
      source: 'manual',
      locked_until: null,
      created_at: now,
      updated_at: now,
    });
    sessionRows.push({
      id: hashSecret(secret),
      user_id: id,
      csrf_token: newSecret(),
      created_at: now,
      last_seen_at: now,
      expires_at: expires,
      ip: '127.0.0.1',
      user_agent: 'bench',
    });
  }
  const chats: World['chats'] = new Map(classWeights.map((c) => [c.size, []]));
  const chatRows: Insertable<ChatsTable>[] = [];
  const memberRows: Insertable<ChatMembersTable>[] = [];
  const addChat = (size: number, members: number[]) => {
    const id = uuidv7();
    chats.get(size)!.push({ id, members });
    const direct = size === 2;
    chatRows.push({
      id,
      kind: direct ? ('direct' as const) : ('group' as const),
      name: direct ? null : `Bench chat ${chatRows.length}`,
      photo_key: null,
      direct_key: direct
        ? members
            .map((m) => users[m]!.id)
            .sort()
            .join(':')
        : null,
      group_id: null,
      department_id: null,
      created_by: users[members[0]!]!.id,
      member_count: members.length,
      last_seq: 0,
      last_message_at: null,
      created_at: now,
      updated_at: now,
    });
    for (const m of members) {
      memberRows.push({
        chat_id: id,
        user_id: users[m]!.id,
        role: m === members[0] ? ('admin' as const) : ('member' as const),
        via: m === members[0] ? ('creator' as const) : ('added' as const),
        joined_at: now,
        pinned_at: null,
        archived_at: null,
        folder_id: null,
      });
    }
  };
  for (let i = 0; i < people; i++) {
    addChat(2, [i, (i + 1) % people]);
    if (i % 2 === 0) addChat(2, [i, (i + 2) % people]);
  }
  for (const shift of [0, 5]) {
    for (let i = shift; i + 10 <= people; i += 10)
      addChat(
        10,
        Array.from({ length: 10 }, (_, k) => i + k),
      );
  }
  for (let i = 0; i + 200 <= people; i += 200)
    addChat(
      200,
      Array.from({ length: 200 }, (_, k) => i + k),
    );

  // Multi-row inserts in batches under the engines' bound-parameter limits.
  const inBatches = async <T extends object>(rows: T[], write: (slice: T[]) => Promise<unknown>) => {
    const batch = Math.max(1, Math.floor(30_000 / Object.keys(rows[0] ?? { a: 1 }).length));
    for (let i = 0; i < rows.length; i += batch) await write(rows.slice(i, i + batch));
  };
  await inBatches(userRows, (slice) => db.insertInto('users').values(slice).execute());
  await inBatches(sessionRows, (slice) => db.insertInto('sessions').values(slice).execute());
  await inBatches(chatRows, (slice) => db.insertInto('chats').values(slice).execute());
  await inBatches(memberRows, (slice) => db.insertInto('chat_members').values(slice).execute());
  return { users, chats };
}

interface Target {
  kind: 'atrium' | 'relay';
  ports: number[];
  pids: number[];
}

/** One phase's numbers. */
interface Phase {
  target: string;
  sockets: number;
  rate: number;
  sent: number;
  acked: number;
  refused: number;
  /** Error code → refusals with it. */
  refusedBy: Map<string, number>;
  deliveredPerSecond: number;
  p50: number;
  p99: number;
  ackP99: number;
  lost: number;
  duplicated: number;
  /** Sockets the server closed during the phase: their missing deliveries count as lost. */
  dropped: number;
  rssMb: number;
  cpuPercent: number;
  /** The clients' process (this one), same window: with the server, it shares the machine's cores. */
  clientCpuPercent: number;
  /** The machine's PostgreSQL and Redis, same window: the two-node runs' store; on SQLite, others' use of them (noise). */
  storeCpuPercent: number;
}

interface Client {
  index: number;
  socket: WebSocket;
  /** The server closed this socket during the phase (a slow consumer is dropped; the bench does not resume). */
  droppedWith?: number;
  /** Last seq seen per stream: a frame at or below it is a duplicate. */
  last: Map<string, number>;
}

/** The JSON string value that follows `key` (values here never contain escaped quotes). */
function field(text: string, key: string): string {
  const start = text.indexOf(key) + key.length;
  return text.slice(start, text.indexOf('"', start));
}

function rssMbOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Opens every client's socket (in batches: a connection storm is F10's test, not this one's). */
async function connectClients(
  world: World,
  target: Target,
  count: number,
  onFrame: (c: Client, raw: string) => void,
) {
  const clients: Client[] = [];
  for (let start = 0; start < count; start += 100) {
    const batch = [];
    for (let i = start; i < Math.min(count, start + 100); i++) {
      const port = target.ports[i % target.ports.length]!;
      const user = world.users[i]!;
      const url =
        target.kind === 'relay'
          ? `ws://127.0.0.1:${port}/?user=${user.id}`
          : `ws://127.0.0.1:${port}/api/v1/realtime`;
      batch.push(
        new Promise<Client>((resolve, reject) => {
          const socket = new WebSocket(url, {
            headers: { cookie: user.cookie, origin: `http://127.0.0.1:${port}` },
            perMessageDeflate: false,
          });
          const client: Client = { index: i, socket, last: new Map() };
          socket.once('error', reject);
          socket.once('close', (code) => {
            client.droppedWith = code;
          });
          socket.on('message', (raw) => {
            const text = String(raw);
            if (text.startsWith('{"type":"hello"')) {
              const hello = JSON.parse(text) as { data: { streams: Record<string, number> } };
              for (const [stream, seq] of Object.entries(hello.data.streams)) client.last.set(stream, seq);
              socket.send(JSON.stringify({ type: 'resume', cursors: hello.data.streams }));
              resolve(client);
              return;
            }
            onFrame(client, text);
          });
        }),
      );
    }
    clients.push(...(await Promise.all(batch)));
  }
  return clients;
}

async function runPhase(
  world: World,
  target: Target,
  sockets: number,
  rate: number,
  seconds: number,
  seed: number,
): Promise<Phase> {
  const sentAt = new Map<string, number>();
  const expected = new Map<string, number>();
  const delivered = new Map<string, number>();
  const latencies: number[] = [];
  const ackLatencies: number[] = [];
  let acked = 0;
  let refused = 0;
  const refusedBy = new Map<string, number>();
  let duplicated = 0;
  let measuring = false;
  let deliveredInWindow = 0;

  let answered = 0;
  const onFrame = (client: Client, text: string) => {
    // Frames are scanned, not parsed: the receiving clients share the machine with the server,
    // and parsing every fanned-out message whole would make them the bottleneck.
    if (text.startsWith('{"type":"ack"') || text.startsWith('{"type":"nack"')) {
      const clientId = field(text, '"clientId":"');
      const at = sentAt.get(clientId);
      if (at === undefined) return;
      answered++;
      if (text.startsWith('{"type":"nack"')) {
        refused++;
        const code = field(text, '"code":"');
        refusedBy.set(code, (refusedBy.get(code) ?? 0) + 1);
        expected.delete(clientId);
        return;
      }
      acked++;
      if (measuring) ackLatencies.push(performance.now() - at);
      return;
    }
    if (!text.startsWith('{"type":"chat.message"')) return;
    const stream = field(text, '"stream":"');
    const seq = Number.parseInt(text.slice(text.indexOf('"seq":') + 6), 10);
    const last = client.last.get(stream) ?? 0;
    if (seq <= last) {
      duplicated++;
      return;
    }
    client.last.set(stream, seq);
    const id = field(text, '"clientId":"');
    const at = sentAt.get(id);
    if (at === undefined) return;
    delivered.set(id, (delivered.get(id) ?? 0) + 1);
    if (measuring) {
      latencies.push(performance.now() - at);
      deliveredInWindow++;
    }
  };

  log(`    connecting ${sockets} sockets to ${target.kind}…`);
  const clients = await connectClients(world, target, sockets, onFrame);
  // Chats whose members all have a socket in this phase.
  const usable = classWeights.map((c) => ({
    ...c,
    chats: world.chats.get(c.size)!.filter((chat) => chat.members.every((m) => m < sockets)),
  }));
  const random = seededRandom(seed);
  const pickClass = () => {
    const total = usable.reduce((n, c) => n + (c.chats.length > 0 ? c.weight : 0), 0);
    let roll = random() * total;
    for (const c of usable) {
      if (c.chats.length === 0) continue;
      roll -= c.weight;
      if (roll <= 0) return c;
    }
    return usable.find((c) => c.chats.length > 0)!;
  };
  const sendOne = () => {
    const chat = (() => {
      const c = pickClass();
      return c.chats[Math.floor(random() * c.chats.length)]!;
    })();
    const sender = chat.members[Math.floor(random() * chat.members.length)]!;
    const clientId = randomUUID();
    sentAt.set(clientId, performance.now());
    expected.set(clientId, chat.members.length);
    clients[sender]!.socket.send(
      JSON.stringify({
        type: 'send',
        chatId: chat.id,
        message: { clientId, body: `Benchmark message ${clientId.slice(0, 8)}` },
      }),
    );
  };

  // Paced in 10 ms ticks; one second of warm-up, then the measured window.
  const warmup = 1;
  const tickMs = 10;
  const started = performance.now();
  let sent = 0;
  const cpuBefore = target.pids.map((pid) => cpuSecondsOf(pid));
  const clientCpuBefore = process.cpuUsage();
  const storeCpuBefore = cpuSecondsOfCommands(storeCommands);
  let windowStart = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = (performance.now() - started) / 1000;
      if (!measuring && elapsed >= warmup) {
        measuring = true;
        windowStart = performance.now();
      }
      if (elapsed >= warmup + seconds) {
        clearInterval(timer);
        resolve();
        return;
      }
      const due = Math.floor(elapsed * rate) - sent;
      for (let k = 0; k < due; k++) {
        sendOne();
        sent++;
      }
    }, tickMs);
  });
  measuring = false;
  const windowSeconds = (performance.now() - windowStart) / 1000;
  const cpuAfter = target.pids.map((pid) => cpuSecondsOf(pid));
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const storeCpuSeconds = cpuSecondsOfCommands(storeCommands) - storeCpuBefore;
  const rssMb = target.pids.reduce((n, pid) => n + rssMbOf(pid), 0);

  // Drain: every send is answered (up to 60 s: a server behind its load works off its queue),
  // then every acknowledged message reaches every member, or 15 s more pass.
  const answerUntil = performance.now() + 60_000;
  while (answered < sent && performance.now() < answerUntil) await new Promise((r) => setTimeout(r, 100));
  const missing = () => {
    let n = 0;
    for (const [id, want] of expected) n += Math.max(0, want - (delivered.get(id) ?? 0));
    return n;
  };
  const drainUntil = performance.now() + 15_000;
  while (missing() > 0 && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 100));
  const lost = missing();

  const dropped = clients.filter((c) => c.droppedWith !== undefined).length;
  for (const client of clients) client.socket.terminate();
  await new Promise((r) => setTimeout(r, 500));
  latencies.sort((a, b) => a - b);
  ackLatencies.sort((a, b) => a - b);
  const cpuSeconds = cpuAfter.reduce((n, v, i) => n + v - cpuBefore[i]!, 0);
  return {
    target: target.kind,
    sockets,
    rate,
    sent,
    acked,
    refused,
    refusedBy,
    deliveredPerSecond: deliveredInWindow / windowSeconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    ackP99: percentile(ackLatencies, 0.99),
    lost,
    duplicated,
    dropped,
    rssMb,
    cpuPercent: (cpuSeconds / (warmup + seconds)) * 100,
    clientCpuPercent: ((clientCpu.user + clientCpu.system) / 1e6 / (warmup + seconds)) * 100,
    storeCpuPercent: (storeCpuSeconds / (warmup + seconds)) * 100,
  };
}

async function startRelay(world: World, dir: string): Promise<{ target: Target; child: ChildProcess }> {
  const file = path.join(dir, 'relay-chats.json');
  const chats: Record<string, string[]> = {};
  for (const list of world.chats.values()) {
    for (const chat of list) chats[chat.id] = chat.members.map((m) => world.users[m]!.id);
  }
  fs.writeFileSync(file, JSON.stringify(chats));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'chat-relay.ts')],
    {
      env: { ...process.env, RELAY_CHATS: file },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`relay exited with ${code}`)));
    readline.createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line).port));
  });
  return { target: { kind: 'relay', ports: [port], pids: [child.pid!] }, child };
}

async function createPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `atrium_bench_chat_${Date.now()}`;
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

/** The scenario: returns the Markdown block for docs/BENCHMARKS.md. */
export async function chatBench(argv: string[] = process.argv.slice(2)): Promise<string> {
  const options = parseOptions(argv);
  const phases: Phase[] = [];
  const loadBefore = os.loadavg()[0]!;
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisPrefix = `atrium_bench_${process.pid}:`;
  for (const sockets of options.sockets) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-bench-chat-'));
    const database =
      options.db === 'sqlite'
        ? { url: `sqlite:${path.join(dataDir, 'atrium.db')}`, drop: async () => {} }
        : await createPostgres();
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      ATRIUM_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...(options.db === 'postgres' ? { REDIS_URL: redisUrl, REDIS_PREFIX: redisPrefix } : {}),
    };
    const children: ChildProcess[] = [];
    try {
      log(`chat benchmark, ${sockets} sockets on ${options.db}: generating…`);
      const handle = openDatabase(database.url);
      await migrateToLatest(handle.db);
      await setupCompany(handle, env);
      const world = await generateWorld(handle.db, sockets);
      await handle.close();

      const nodes = options.db === 'postgres' ? 2 : 1;
      if (options.targets.includes('atrium')) {
        const started = [];
        for (let n = 0; n < nodes; n++) started.push(await startServer(env));
        children.push(...started.map((s) => s.child));
        const atrium: Target = {
          kind: 'atrium',
          ports: started.map((s) => s.port),
          pids: started.map((s) => s.child.pid!),
        };
        for (const rate of options.rates) {
          log(`  atrium at ${rate} msg/s…`);
          phases.push(await runPhase(world, atrium, sockets, rate, options.seconds, rate));
        }
        for (const s of started) await stopServer(s.child);
      }

      if (!options.targets.includes('relay')) continue;
      const relay = await startRelay(world, dataDir);
      children.push(relay.child);
      for (const rate of options.rates) {
        log(`  relay at ${rate} msg/s…`);
        phases.push(await runPhase(world, relay.target, sockets, rate, options.seconds, rate));
      }
      relay.child.kill('SIGTERM');
    } finally {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (options.db === 'postgres') {
        const redis = new Redis(redisUrl);
        const keys = await redis.keys(`${redisPrefix}*`);
        if (keys.length > 0) await redis.del(...keys);
        redis.disconnect();
      }
    }
  }
  const nodes = options.db === 'postgres' ? 'two nodes on PostgreSQL + Redis' : 'one node on SQLite';
  const lines = [
    `Atrium: ${nodes}; relay: bare \`ws\` fan-out, no storage (the ceiling). ${options.seconds} s per phase after 1 s warm-up; load average before: ${loadBefore.toFixed(1)}, after: ${os.loadavg()[0]!.toFixed(1)}.`,
    '',
    '| target | sockets | msg/s sent | acked | refused | delivered/s | p50 ms | p99 ms | ack p99 ms | lost | duplicated | sockets dropped | server RSS MB | server CPU % | clients CPU % | PostgreSQL + Redis CPU % |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...phases.map(
      (p) =>
        `| ${p.target} | ${p.sockets} | ${p.rate} | ${p.acked}/${p.sent} | ${p.refused}${p.refused > 0 ? ` (${[...p.refusedBy].map(([code, n]) => `${code} ${n}`).join(', ')})` : ''} | ${Math.round(p.deliveredPerSecond)} | ${ms(p.p50)} | ${ms(p.p99)} | ${ms(p.ackP99)} | ${p.lost} | ${p.duplicated} | ${p.dropped} | ${Math.round(p.rssMb)} | ${Math.round(p.cpuPercent)} | ${Math.round(p.clientCpuPercent)} | ${Math.round(p.storeCpuPercent)} |`,
    ),
  ];
  return lines.join('\n');
}
