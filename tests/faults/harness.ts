import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../../src/server/platform/db/database.js';
import { migrateToLatest } from '../../src/server/platform/db/migrator.js';
import { insertUser, openSession } from '../support/session.js';

/**
 * Multi-process fault harness (RELIABILITY.md §6.2): real `atrium serve` processes on loopback
 * ports, a private `redis-server`, a database of the test's own. Every process started here is
 * tracked and killed by `killAll()` (afterAll) and, as a last resort, when the worker exits.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const children = new Set<ChildProcess>();

process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

const t0 = Date.now();

/** A timestamped progress line: where a slow or failed run spent its time. */
export function stamp(label: string): void {
  console.log(`[fault +${((Date.now() - t0) / 1000).toFixed(1)}s] ${label}`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `everyMs` until it holds or `timeoutMs` passes; returns whether it held. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 50) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
}

/** A free TCP port on 127.0.0.1 (kept by the caller for restarts on the same port). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `atrium-fault-${label}-`));
}

/** The last `lines` lines of a log file, for failure messages. */
export function tailOf(file: string, lines = 40): string {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .slice(-lines)
      .map((line) => (line.length > 400 ? `${line.slice(0, 400)}…` : line))
      .join('\n');
  } catch {
    return '(no log)';
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Stops a child: `signal`, then SIGKILL if it has not exited after `graceMs`. */
async function stopChild(child: ChildProcess, signal: NodeJS.Signals, graceMs = 5000): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  const done = exited(child);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(timer);
  children.delete(child);
}

/** Kills every process this harness started (afterAll, whatever happened). */
export async function killAll(): Promise<void> {
  await Promise.all([...children].map((child) => stopChild(child, 'SIGKILL', 1000)));
  const compiled = compiledServer;
  compiledServer = undefined;
  if (compiled) fs.rmSync(path.dirname(path.dirname(await compiled)), { recursive: true, force: true });
}

// ---------------------------------------------------------------- the server, compiled

let compiledServer: Promise<string> | undefined;

/**
 * `src/server/main.ts` as plain JavaScript, compiled once per test file. `bin/atrium.js` would
 * run the sources through tsx, which transpiles them again on every start and restart — a second
 * or more of a core each while the other nodes and the clients want it. The layout is that of
 * `npm run build:server` (server/, shared/), with node_modules linked beside it.
 */
function serverEntry(): Promise<string> {
  compiledServer ??= compileServer();
  return compiledServer;
}

async function compileServer(): Promise<string> {
  const { transformWithOxc } = await import('vite');
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-fault-server-'));
  for (const dir of ['server', 'shared']) {
    const from = path.join(root, 'src', dir);
    for (const name of fs.readdirSync(from, { recursive: true, encoding: 'utf8' })) {
      const source = path.join(from, name);
      if (!fs.statSync(source).isFile() || /\.(test|fixtures)\.ts$/.test(name)) continue;
      const target = path.join(out, dir, name);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      if (!name.endsWith('.ts')) {
        fs.copyFileSync(source, target);
        continue;
      }
      const { code } = await transformWithOxc(fs.readFileSync(source, 'utf8'), source, { lang: 'ts' });
      fs.writeFileSync(target.replace(/\.ts$/, '.js'), code);
    }
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(out, 'node_modules'), 'dir');
  return path.join(out, 'server', 'main.js');
}

function spawnLogged(command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const fd = fs.openSync(logFile, 'a');
  fs.writeSync(fd, `\n----- ${new Date().toISOString()} ${command} ${args.join(' ')}\n`);
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

// ---------------------------------------------------------------- atrium serve

export interface NodeEnv {
  DATABASE_URL: string;
  ATRIUM_DATA_DIR: string;
  REDIS_URL?: string;
  REDIS_PREFIX?: string;
}

/** One `atrium serve` process on a fixed loopback port; restartable on the same port. */
export class ServerNode {
  child: ChildProcess | null = null;
  readonly logFile: string;

  constructor(
    readonly name: string,
    readonly port: number,
    readonly env: NodeEnv,
    logDir: string,
  ) {
    this.logFile = path.join(logDir, `${name}.log`);
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process and resolves once `/readyz` answers ok (or throws with the log tail). */
  async start(timeoutMs = 90_000): Promise<void> {
    const child = spawnLogged(
      process.execPath,
      [await serverEntry(), 'serve'],
      {
        ...cleanEnv(),
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(this.port),
        LOG_LEVEL: 'warn',
        ...this.env,
      },
      this.logFile,
    );
    this.child = child;
    const ready = await waitUntil(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) return true;
        try {
          const res = await fetch(`http://${this.address}/readyz`, { signal: AbortSignal.timeout(1000) });
          return res.ok;
        } catch {
          return false;
        }
      },
      timeoutMs,
      100,
    );
    if (!ready || !this.running) {
      throw new Error(`${this.name} did not start (exit ${child.exitCode}):\n${tailOf(this.logFile)}`);
    }
  }

  /** SIGKILL: no shutdown hooks, open transactions cut off mid-way. */
  async kill(): Promise<void> {
    if (this.child) await stopChild(this.child, 'SIGKILL');
    this.child = null;
  }

  /** A clean stop (SIGTERM: the server closes sockets and signs a ledger checkpoint). */
  async stop(): Promise<void> {
    if (this.child) await stopChild(this.child, 'SIGTERM', 10_000);
    this.child = null;
  }

  tail(lines = 40): string {
    return `--- ${this.name} (${this.logFile})\n${tailOf(this.logFile, lines)}`;
  }
}

/** The parent's environment without settings that would leak into the servers (a dev's .env). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (
      /^(DATABASE_URL|REDIS_URL|REDIS_PREFIX|PUBLIC_URL|PORT|HOST|ATRIUM_|SMTP_URL|TEST_|VITEST)/.test(key)
    ) {
      delete env[key];
    }
  }
  // Vitest's NODE_OPTIONS loaders must not reach the servers.
  delete env.NODE_OPTIONS;
  return env;
}

/** Runs `atrium <args>` to completion; returns its exit code and output. */
export async function runCli(
  args: string[],
  env: NodeEnv,
  logDir: string,
  timeoutMs = 60_000,
): Promise<{ code: number | null; output: string }> {
  const logFile = path.join(logDir, `cli-${args.join('-')}-${Date.now()}.log`);
  const child = spawnLogged(
    process.execPath,
    [await serverEntry(), ...args],
    { ...cleanEnv(), ...env },
    logFile,
  );
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited(child);
  clearTimeout(timer);
  return { code: child.exitCode, output: tailOf(logFile, 20) };
}

// ---------------------------------------------------------------- redis-server

export function redisServerAvailable(): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => fs.existsSync(path.join(dir, 'redis-server')));
}

/** A private `redis-server` (never the machine's shared one): no persistence, loopback only. */
export class PrivateRedis {
  child: ChildProcess | null = null;
  readonly logFile: string;

  constructor(
    readonly port: number,
    readonly dir: string,
  ) {
    this.logFile = path.join(dir, 'redis.log');
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawnLogged(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        this.dir,
      ],
      process.env,
      this.logFile,
    );
    const up = await waitUntil(() => redisPing(this.port), 10_000, 50);
    if (!up) throw new Error(`redis-server did not start:\n${tailOf(this.logFile)}`);
  }

  /** Gone at once, like a crashed or unreachable Redis. */
  async kill(): Promise<void> {
    if (this.child) await stopChild(this.child, 'SIGKILL');
    this.child = null;
  }
}

function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(String(data).startsWith('+PONG')));
  });
}

// ---------------------------------------------------------------- databases

export interface FaultDatabase {
  url: string;
  dialect: 'sqlite' | 'postgres';
  /** The SQLite file (sqlite only). */
  file?: string;
  drop(): Promise<void>;
}

/** A fresh PostgreSQL database next to TEST_DATABASE_URL, dropped by `drop()`. */
export async function createPgDatabase(): Promise<FaultDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `atrium_fault_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dialect: 'postgres',
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export function sqliteDatabase(dataDir: string): FaultDatabase {
  const file = path.join(dataDir, 'atrium.db');
  return { url: `sqlite:${file}`, dialect: 'sqlite', file, async drop() {} };
}

/** A person with a session the servers accept (cookie `sid`, CSRF token for HTTP writes). */
export interface SeededPerson {
  id: string;
  name: string;
  cookie: string;
  csrfToken: string;
}

/** Migrates the database and inserts `count` people with open sessions (the project's helpers). */
export async function seedPeople(url: string, count: number): Promise<SeededPerson[]> {
  const handle = openDatabase(url);
  try {
    await migrateToLatest(handle.db);
    const people: SeededPerson[] = [];
    for (let i = 0; i < count; i++) {
      const user = await insertUser(handle.db, { name: `Fault Person ${i + 1}` });
      const session = await openSession(handle.db, user.id);
      people.push({ id: user.id, name: user.name, cookie: session.cookie, csrfToken: session.csrfToken });
    }
    return people;
  } finally {
    await handle.close();
  }
}

/** `POST /api/v1/chats` as `creator`: a group chat with `members`; returns its id. */
export async function createGroupChat(
  address: string,
  creator: SeededPerson,
  memberIds: string[],
  name: string,
): Promise<string> {
  const res = await fetch(`http://${address}/api/v1/chats`, {
    method: 'POST',
    headers: {
      cookie: creator.cookie,
      'x-csrf-token': creator.csrfToken,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ kind: 'group', memberIds, name }),
  });
  const text = await res.text();
  if (res.status !== 201 && res.status !== 200) throw new Error(`create chat: ${res.status} ${text}`);
  return (JSON.parse(text) as { id: string }).id;
}

/** Stored messages of one chat, oldest first (the checker's ground truth). */
export interface StoredMessage {
  id: string;
  seq: number;
  clientId: string | null;
  authorId: string | null;
}

export async function readMessages(url: string, chatIds: string[]): Promise<Map<string, StoredMessage[]>> {
  const handle = openDatabase(url);
  try {
    const rows = await handle.db
      .selectFrom('messages')
      .select(['id', 'chat_id', 'seq', 'client_id', 'author_id'])
      .where('chat_id', 'in', chatIds)
      .orderBy('chat_id')
      .orderBy('seq')
      .execute();
    const byChat = new Map<string, StoredMessage[]>(chatIds.map((id) => [id, []]));
    for (const row of rows) {
      byChat.get(row.chat_id)!.push({
        id: row.id,
        seq: Number(row.seq),
        clientId: row.client_id,
        authorId: row.author_id,
      });
    }
    return byChat;
  } finally {
    await handle.close();
  }
}

/**
 * For a failure message: what the database's sessions are doing (PostgreSQL), and whether each
 * node still answers `/readyz` — a wedged pool or a lock held by a dead node shows here.
 */
export async function diagnose(url: string, nodes: ServerNode[]): Promise<string> {
  const lines: string[] = [];
  for (const node of nodes) {
    try {
      const res = await fetch(`http://${node.address}/readyz`, { signal: AbortSignal.timeout(2000) });
      lines.push(`${node.name} /readyz: ${res.status}`);
    } catch (error) {
      lines.push(`${node.name} /readyz: ${(error as Error).message}`);
    }
  }
  if (url.startsWith('postgres')) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      const { rows } = await client.query(
        `select pid, state, wait_event_type, wait_event, extract(epoch from now() - xact_start)::int as xact_s,
                left(query, 100) as query
           from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
      );
      lines.push(`pg sessions: ${rows.length}`, ...rows.slice(0, 30).map((r) => JSON.stringify(r)));
    } catch (error) {
      lines.push(`pg_stat_activity: ${(error as Error).message}`);
    } finally {
      await client.end().catch(() => {});
    }
  }
  return lines.join('\n');
}

/** `PRAGMA integrity_check` of a SQLite file (no server may be running on it). */
export async function sqliteIntegrity(file: string): Promise<string> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file);
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}
