/**
 * A benchmark's server process: the real app (buildApp) on 127.0.0.1 and a free port,
 * configured from the environment like `atrium serve`. Prints `{"port":N}` once listening; on
 * SIGTERM signs a ledger checkpoint (as `atrium serve` does on shutdown) and exits.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/platform/config.js';
import { openDatabase } from '../src/server/platform/db/database.js';
import { loadOrCreateSigningKey, writeCheckpoint } from '../src/server/platform/ledger/signing.js';

const config = loadConfig(process.env);
// Opened as `atrium serve` opens it (cli/serve.ts): SQLite checkpoints on a thread of their own.
// BENCH_SLOW_QUERY_MS=<n>: every statement slower than n ms is written to stderr (diagnostics).
const slowMs = Number(process.env.BENCH_SLOW_QUERY_MS ?? 0);
const database = openDatabase(config.databaseUrl, {
  backgroundCheckpoints: { onError: (message) => console.error(`SQLite checkpoint failed: ${message}`) },
  ...(slowMs > 0
    ? {
        log: (event) => {
          if (event.queryDurationMillis < slowMs) return;
          const text = event.query.sql.replace(/\s+/g, ' ').slice(0, 100);
          process.stderr.write(`slow ${event.level} ${event.queryDurationMillis.toFixed(1)} ms: ${text}\n`);
        },
      }
    : {}),
});
const key = loadOrCreateSigningKey(config.dataDir);
const app = await buildApp({ config, database });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(
  `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`,
);
// How long callbacks waited for the event loop, reported on exit (stderr): a busy loop delays
// every database round trip of every transaction, not only the socket writes.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
process.on('SIGTERM', async () => {
  loopDelay.disable();
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  process.stderr.write(
    `server ${process.pid}: event loop delay p50 ${ms(loopDelay.percentile(50))} ms, p99 ${ms(loopDelay.percentile(99))} ms, max ${ms(loopDelay.max)} ms\n`,
  );
  await app.close();
  await writeCheckpoint(database.db, key);
  await database.close();
  process.exit(0);
});
