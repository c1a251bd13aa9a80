import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/platform/config.js';
import type { DatabaseHandle } from '../src/server/platform/db/database.js';

/** What every scenario that measures a real server needs: its process, its setup, the maths. */

export const log = (line: string) => process.stderr.write(`${line}\n`);

/** The p-quantile of ascending numbers (NaN for none). */
export function percentile(sorted: number[], p: number): number {
  return sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/** A number of milliseconds for a table: two decimals below 10, one above, a dash for none. */
export const ms = (x: number) => (Number.isNaN(x) ? '–' : x < 10 ? x.toFixed(2) : x.toFixed(1));

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSecondsOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * CPU seconds used so far by every process whose command name is one of `names` (the machine's
 * PostgreSQL and Redis): a backend that exits between two readings takes its share with it.
 */
export function cpuSecondsOfCommands(names: readonly string[]): number {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (names.includes(name)) total += cpuSecondsOf(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return total;
}

/** Runs first-time setup through the API (the administrator, company settings). */
export async function setupCompany(handle: DatabaseHandle, env: Record<string, string>): Promise<void> {
  const app = await buildApp({ config: loadConfig(env), database: handle, logger: false });
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/setup',
    payload: {
      companyName: 'Benchmark Ltd',
      allowedDomains: ['corp.test'],
      admin: {
        email: 'founder@corp.test',
        name: 'Founding Admin',
        password: 'violet otter canoe harbour 71',
      },
    },
  });
  if (res.statusCode !== 201) throw new Error(`setup failed: ${res.statusCode} ${res.body}`);
  await app.close();
}

/** The real server (bench-server.ts) in a child process, so client and server each have a core. */
export async function startServer(
  env: Record<string, string>,
): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops.
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'bench-server.ts'),
    ],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = readline.createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    lines.once('line', (line) => resolve(JSON.parse(line).port as number));
  });
  // What the server logs after its port (warnings and errors at the benchmarks' log level):
  // appended to BENCH_SERVER_LOG when set, else to this process's stderr.
  const logFile = process.env.BENCH_SERVER_LOG;
  lines.on('line', (line) => {
    if (logFile) fs.appendFileSync(logFile, `${line}\n`);
    else process.stderr.write(`${line}\n`);
  });
  return { port, child };
}

/** Stops the server (it signs a ledger checkpoint on SIGTERM) and waits for it to exit. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
