import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { openDatabase } from '../src/server/platform/db/database.js';
import { migrateToLatest } from '../src/server/platform/db/migrator.js';
import { openSession, type TestSession } from '../tests/support/session.js';
import { cpuSecondsOf, log, ms, percentile, setupCompany, startServer, stopServer } from './support.js';

/**
 * `npm run bench -- files [--quick]` (issue 4): upload and download throughput and latency of
 * documents through the real HTTP API — `POST /api/v1/files` (multipart, streamed into the
 * blob store: hashed, counted, fsynced, renamed) and `GET /api/v1/files/{id}/content` — at 8
 * concurrent clients, for 1 MiB and 50 MiB files, against the ceiling of a bare `fs` stream copy
 * (read → write + fsync) and a bare `fs` read in the same run; then the server's resident memory
 * sampled while one 1 GiB file streams up and back down.
 *
 * The server is the real app (buildApp) in a child process (bench/bench-server.ts), so client and
 * server each have a core; it is set up through the API (first-run setup, the administrator's
 * session, the per-file limit raised to 2 GiB). Loopback only; every phase is bounded in time;
 * the data directory is a temporary folder removed at the end. Sizes are in MiB (2^20 bytes).
 */

const CONCURRENCY = 8;
const MiB = 1024 * 1024;

interface Options {
  quick: boolean;
}

interface Plan {
  sizes: number[];
  big: number;
  seconds: number;
}

const fullPlan: Plan = { sizes: [1 * MiB, 50 * MiB], big: 1024 * MiB, seconds: 10 };
const quickPlan: Plan = { sizes: [1 * MiB, 8 * MiB], big: 64 * MiB, seconds: 3 };

const mib = (bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`;

interface Measured {
  /** CPU time of the server process per file (ms), when a server took part. */
  serverCpuMs: number;
  count: number;
  perSecond: number;
  mibPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

/** Runs `task` from `concurrency` loops for `seconds`; each task returns the bytes it moved. */
async function closedLoop(
  seconds: number,
  concurrency: number,
  task: (i: number) => Promise<number>,
  serverPid?: number,
): Promise<Measured> {
  const cpuBefore = serverPid ? cpuSecondsOf(serverPid) : 0;
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  let next = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const i = next++;
        const t = performance.now();
        try {
          bytes += await task(i);
          latencies.push(performance.now() - t);
        } catch (err) {
          errors += 1;
          if (errors === 1) log(`    first error: ${String(err)}`);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    serverCpuMs: serverPid
      ? ((cpuSecondsOf(serverPid) - cpuBefore) * 1000) / Math.max(1, latencies.length)
      : Number.NaN,
    count: latencies.length,
    perSecond: latencies.length / elapsed,
    mibPerSecond: bytes / MiB / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    errors,
  };
}

/** Resident memory of a process, in MiB (from /proc). */
function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

// --- HTTP client ----------------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

interface Client {
  port: number;
  session: TestSession;
}

/** The first bytes of every uploaded file: an MP4 `ftyp` box (media: no thumbnail, no text job). */
function mp4Header(unique: number): Buffer {
  const header = Buffer.alloc(64);
  header.writeUInt32BE(0x18, 0);
  header.write('ftypisom', 4, 'latin1');
  header.writeUInt32BE(0x200, 12);
  header.write('isommp41', 16, 'latin1');
  header.writeUInt32BE(64 - 24, 24);
  header.write('free', 28, 'latin1');
  // Distinct content per upload: every upload is a new blob (no deduplication in the numbers).
  header.writeDoubleBE(unique, 32);
  header.write(randomBytes(8).toString('hex'), 40, 'latin1');
  return header;
}

function request(
  client: Client,
  options: http.RequestOptions,
  send: (req: http.ClientRequest) => Promise<void>,
  sink: 'text' | 'count',
): Promise<{ status: number; body: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: client.port, agent, ...options }, (res) => {
      let bytes = 0;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (sink === 'text') chunks.push(chunk);
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), bytes }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    send(req).catch((error: unknown) => req.destroy(error as Error));
  });
}

/** `POST /api/v1/files` into the company library: `header` then `body` (a Buffer, or chunks streamed). */
async function upload(
  client: Client,
  name: string,
  header: Buffer,
  body: { buffer: Buffer } | { chunk: Buffer; total: number },
): Promise<{ id: string; size: number }> {
  const boundary = `----atrium-bench-${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="space"\r\n\r\n{"type":"company"}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const payload = 'buffer' in body ? body.buffer.length : body.total;
  const size = header.length + payload;
  const res = await request(
    client,
    {
      method: 'POST',
      path: '/api/v1/files',
      headers: {
        ...client.session.headers,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': head.length + size + tail.length,
      },
    },
    async (req) => {
      req.write(head);
      req.write(header);
      if ('buffer' in body) {
        req.write(body.buffer);
      } else {
        for (let sent = 0; sent < body.total; sent += body.chunk.length) {
          const piece = body.chunk.subarray(0, Math.min(body.chunk.length, body.total - sent));
          if (!req.write(piece)) await new Promise((resolve) => req.once('drain', resolve));
        }
      }
      req.end(tail);
    },
    'text',
  );
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${res.body.slice(0, 300)}`);
  const file = JSON.parse(res.body) as { id: string; size: number };
  if (file.size !== size) throw new Error(`upload: stored ${file.size} bytes of ${size}`);
  return file;
}

/** `GET /api/v1/files/{id}/content`, the bytes counted and dropped. */
async function download(client: Client, id: string, size: number): Promise<number> {
  const res = await request(
    client,
    { method: 'GET', path: `/api/v1/files/${id}/content`, headers: { cookie: client.session.cookie } },
    async (req) => void req.end(),
    'count',
  );
  if (res.status !== 200) throw new Error(`download: ${res.status}`);
  if (res.bytes !== size) throw new Error(`download: ${res.bytes} bytes of ${size}`);
  return res.bytes;
}

async function json(client: Client, method: string, url: string, payload?: unknown): Promise<unknown> {
  const body = payload === undefined ? undefined : Buffer.from(JSON.stringify(payload));
  const res = await request(
    client,
    {
      method,
      path: url,
      headers: { ...client.session.headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    },
    async (req) => void req.end(body),
    'text',
  );
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${res.body.slice(0, 300)}`);
  return res.body ? JSON.parse(res.body) : null;
}

// --- The scenario -----------------------------------------------------------------------------------

/** Pseudo-random bytes (incompressible, like real documents), made once per size. */
function payloadOf(size: number): Buffer {
  const block = randomBytes(MiB);
  const out = Buffer.allocUnsafe(size);
  for (let at = 0; at < size; at += MiB) block.copy(out, at, 0, Math.min(MiB, size - at));
  return out;
}

/** Samples a process's RSS every 50 ms while `work` runs: baseline before, peak during. */
async function sampleRss<T>(
  pid: number,
  work: () => Promise<T>,
): Promise<{ result: T; before: number; peak: number }> {
  const before = rssMiB(pid);
  let peak = before;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, rssMiB(pid));
    } catch {
      // The process is gone: the work fails on its own.
    }
  }, 50);
  try {
    const result = await work();
    peak = Math.max(peak, rssMiB(pid));
    return { result, before, peak };
  } finally {
    clearInterval(sampler);
  }
}

export async function filesBench(argv: string[] = process.argv.slice(2)): Promise<string> {
  const options: Options = { quick: argv.includes('--quick') };
  const plan = options.quick ? quickPlan : fullPlan;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-bench-files-'));
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: `sqlite:${path.join(dataDir, 'atrium.db')}`,
    ATRIUM_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  let server: ChildProcess | null = null;
  const loadBefore = os.loadavg()[0]!;
  try {
    log(`files benchmark${options.quick ? ' (quick)' : ''}: setting up…`);
    const handle = openDatabase(env.DATABASE_URL!);
    await migrateToLatest(handle.db);
    await setupCompany(handle, env);
    const admin = await handle.db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'admin')
      .executeTakeFirstOrThrow();
    const session = await openSession(handle.db, admin.id);
    await handle.close();

    const started = await startServer(env);
    server = started.child;
    const client: Client = { port: started.port, session };
    // The per-file limit is raised for the 1 GiB file; the quota out of the way.
    await json(client, 'PUT', '/api/v1/settings/files', {
      maxFileMb: Math.max(2048, (2 * plan.big) / MiB),
      quotaMb: 100 * 1024 * 1024,
    });

    const ceilingDir = path.join(dataDir, 'ceiling');
    fs.mkdirSync(ceilingDir);
    const rows: string[] = [];
    const ratios: string[] = [];
    let unique = 0;
    for (const size of plan.sizes) {
      const payload = payloadOf(size);
      const source = path.join(ceilingDir, `source-${size}`);
      fs.writeFileSync(source, Buffer.concat([mp4Header(0), payload]));
      const total = 64 + size;

      log(`  ${mib(size)}: ceiling…`);
      const copy = await closedLoop(plan.seconds, CONCURRENCY, async (i) => {
        const target = path.join(ceilingDir, `copy-${i}`);
        await pipeline(fs.createReadStream(source), fs.createWriteStream(target, { flush: true }));
        fs.rmSync(target);
        return total;
      });
      const read = await closedLoop(plan.seconds, CONCURRENCY, async () => {
        let bytes = 0;
        for await (const chunk of fs.createReadStream(source)) bytes += (chunk as Buffer).length;
        return bytes;
      });

      log(`  ${mib(size)}: HTTP…`);
      let sample: { id: string; size: number } | undefined;
      const up = await closedLoop(
        plan.seconds,
        CONCURRENCY,
        async () => {
          const file = await upload(client, `bench-${size}.mp4`, mp4Header(++unique), { buffer: payload });
          sample ??= file;
          return file.size;
        },
        server.pid,
      );
      if (!sample) throw new Error('no upload succeeded');
      const stored = sample;
      const down = await closedLoop(
        plan.seconds,
        CONCURRENCY,
        () => download(client, stored.id, stored.size),
        server.pid,
      );

      const row = (what: string, m: Measured) =>
        `| ${what} | ${m.count} | ${ms(m.perSecond)} | ${ms(m.mibPerSecond)} | ${ms(m.p50)} | ${ms(m.p99)} | ${ms(m.serverCpuMs)} | ${m.errors} |`;
      rows.push(
        row(`ceiling: \`fs\` stream copy (read → write + fsync), ${mib(size)}`, copy),
        row(`HTTP \`POST /api/v1/files\`, ${mib(size)}`, up),
        row(`ceiling: \`fs\` stream read, ${mib(size)}`, read),
        row(`HTTP \`GET /api/v1/files/{id}/content\`, ${mib(size)}`, down),
      );
      ratios.push(
        `${mib(size)}: upload ${(100 * (up.mibPerSecond / copy.mibPerSecond)).toFixed(0)} % of the copy ceiling, ` +
          `download ${(100 * (down.mibPerSecond / read.mibPerSecond)).toFixed(0)} % of the read ceiling`,
      );
    }
    fs.rmSync(ceilingDir, { recursive: true, force: true });

    log(`  ${mib(plan.big)} through the server…`);
    const pid = server.pid!;
    const chunk = randomBytes(MiB);
    const t0 = performance.now();
    const bigUp = await sampleRss(pid, () =>
      upload(client, 'big.mp4', mp4Header(++unique), { chunk, total: plan.big }),
    );
    const upSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const bigDown = await sampleRss(pid, () => download(client, bigUp.result.id, bigUp.result.size));
    const downSeconds = (performance.now() - t1) / 1000;

    await stopServer(server);
    server = null;

    const cpu =
      fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? os.cpus()[0]?.model;
    const flat = (m: { before: number; peak: number }) =>
      `RSS ${m.before.toFixed(0)} MiB before, peak ${m.peak.toFixed(0)} MiB (+${(m.peak - m.before).toFixed(0)} MiB)`;
    return [
      `SQLite, disk blob store in a temporary folder${options.quick ? ' (quick: smaller files, 3 s phases)' : ''} · ` +
        `machine: ${os.availableParallelism()} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM · ` +
        `${new Date().toISOString().slice(0, 10)} · Node ${process.version} · load average before/after ` +
        `${loadBefore.toFixed(1)}/${os.loadavg()[0]!.toFixed(1)} (client, server and ceiling share the 2 cores)`,
      '',
      `| phase (${CONCURRENCY} concurrent, ${plan.seconds} s each) | files | files/s | MiB/s | p50 ms | p99 ms | server CPU ms per file | errors |`,
      '|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
      `Server / ceiling: ${ratios.join('; ')}.`,
      '',
      `One ${mib(plan.big)} file through the server process (its memory sampled every 50 ms):`,
      `- upload: ${(plan.big / MiB / upSeconds).toFixed(0)} MiB/s, ${flat(bigUp)};`,
      `- download: ${(plan.big / MiB / downSeconds).toFixed(0)} MiB/s, ${flat(bigDown)}.`,
    ].join('\n');
  } finally {
    if (server) await stopServer(server).catch(() => {});
    agent.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
