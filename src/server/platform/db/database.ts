import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  type LogEvent,
  PostgresDialect,
  type SqliteDatabase as SqliteConnectionLike,
  SqliteDialect,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { type CheckpointOptions, startBackgroundCheckpoints } from './sqlite-checkpoints.js';
import { registerWriteAheadLog, releaseWriteAheadLog } from './sqlite-off-loop-sync.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or an open transaction: queries accept both. */
export type Executor = Db | Tx;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

// PostgreSQL returns bigint and numeric as strings; every such value we store fits in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export interface OpenOptions {
  /** Sees every statement run, with its parameters and duration (benchmarks, diagnostics). */
  log?: (event: LogEvent) => void;
  /**
   * SQLite only: checkpoint the write-ahead log on a worker thread instead of inside commits
   * (sqlite-checkpoints.ts). For the long-running server; short commands and tests keep SQLite's
   * own checkpoints.
   */
  backgroundCheckpoints?: CheckpointOptions;
  /** PostgreSQL only: the pool's size and how long a query waits for a free connection. */
  pool?: { max?: number; connectionTimeoutMillis?: number };
}

/** Opens the database named by a `sqlite:` or `postgres://` URL. */
export function openDatabase(url: string, options: OpenOptions = {}): DatabaseHandle {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length), options);
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url, options);
  throw new Error(`Unsupported DATABASE_URL: ${url.split(':')[0]}`);
}

function openSqlite(file: string, options: OpenOptions): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  // WAL lets readers run beside the single writer; FULL makes each commit durable on power loss
  // (RELIABILITY.md F2); the busy timeout covers a second process such as the CLI.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Rolling back to a savepoint needs the pages as they were before it; past 64 KB SQLite keeps
  // them in a temporary file, which every batch of chat sends (a savepoint per send) used to
  // write on the event loop (docs/BENCHMARKS.md "chat"). Nothing here builds large temporaries.
  sqlite.pragma('temp_store = MEMORY');
  // Reads through a memory map instead of copying pages into SQLite's 2 MB cache, which a database
  // of a few hundred MB thrashes (docs/BENCHMARKS.md "feed"). Writes still go through the journal.
  sqlite.pragma(`mmap_size = ${SQLITE_MMAP_BYTES}`);
  const checkpoints =
    options.backgroundCheckpoints && file !== ':memory:'
      ? (() => {
          sqlite.pragma('wal_autocheckpoint = 0');
          // A log that grew during a burst is cut back to this size once it is checkpointed.
          sqlite.pragma(`journal_size_limit = ${SQLITE_WAL_KEEP_BYTES}`);
          return startBackgroundCheckpoints(path.resolve(file), options.backgroundCheckpoints);
        })()
      : undefined;
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    log: options.log,
  });
  if (file !== ':memory:') registerWriteAheadLog(db, `${path.resolve(file)}-wal`);
  return {
    db,
    dialect: 'sqlite',
    async close() {
      // The worker's connection goes first, so that closing the last one checkpoints the whole
      // log into the database file and removes it.
      await checkpoints?.stop();
      await releaseWriteAheadLog(db);
      await db.destroy();
    },
  };
}

const SQLITE_MMAP_BYTES = 1024 ** 3;
const SQLITE_WAL_KEEP_BYTES = 64 * 1024 ** 2;
const STATEMENT_CACHE_SIZE = 1000;

/**
 * The connection as Kysely sees it, reusing prepared statements: Kysely prepares every query
 * anew, and preparing costs more than running most of ours. Least recently used statements are
 * dropped past the cache's size; one still being iterated (a streamed query) is never shared.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteConnectionLike {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(query: string) {
      const cached = cache.get(query);
      if (cached && !cached.busy) {
        cache.delete(query);
        cache.set(query, cached);
        return cached;
      }
      const statement = sqlite.prepare(query);
      if (!cached) {
        cache.set(query, statement);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}

/**
 * Statement texts run as named prepared statements on PostgreSQL: each connection parses and
 * plans them once instead of on every run, which for the feed's statements is a third of
 * PostgreSQL's CPU per page (docs/BENCHMARKS.md "feed"). Only texts registered here are named —
 * those of query templates (query-template.ts), whose number is bounded by their shapes — since
 * every connection keeps each one it prepared until it closes.
 */
const preparedNames = new Map<string, string>();

export function prepareOnPostgres(sql: string): void {
  if (!preparedNames.has(sql)) preparedNames.set(sql, `atrium_${preparedNames.size + 1}`);
}

/** Makes `client` run registered texts (Kysely passes `(sql, parameters)`) as prepared statements. */
function runRegisteredAsPrepared(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const [text, values] = args;
    const name = args.length <= 2 && typeof text === 'string' ? preparedNames.get(text) : undefined;
    return name ? query({ name, text, values }) : query(...args);
  }) as typeof client.query;
}

/**
 * The code given to a failure to get a PostgreSQL connection that came without one — above all
 * pg-pool's "timeout exceeded when trying to connect" when every connection stays busy past the
 * wait — so that it is answered as the database being unavailable (503), not as a bug.
 */
export const connectionUnavailableCode = 'ATRIUM_CONNECTION_UNAVAILABLE';

function withCode(error: unknown): unknown {
  if (error instanceof Error && typeof (error as { code?: unknown }).code !== 'string') {
    Object.assign(error, { code: connectionUnavailableCode });
  }
  return error;
}

/** Makes every way of getting a connection from `pool` (Kysely's promise, pg's callback) tag its failures. */
function tagConnectFailures(pool: pg.Pool): void {
  const connect = pool.connect.bind(pool) as (callback?: (...args: unknown[]) => void) => unknown;
  pool.connect = ((callback?: (error: unknown, ...rest: unknown[]) => void) => {
    if (callback)
      return connect((error: unknown, ...rest: unknown[]) => callback(error && withCode(error), ...rest));
    return (connect() as Promise<pg.PoolClient>).catch((error: unknown) => {
      throw withCode(error);
    });
  }) as typeof pool.connect;
}

function openPostgres(url: string, options: OpenOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.pool?.max ?? 10,
    connectionTimeoutMillis: options.pool?.connectionTimeoutMillis ?? 5000,
  });
  tagConnectFailures(pool);
  // An idle client that loses its server must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  pool.on('connect', runRegisteredAsPrepared);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: options.log });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
