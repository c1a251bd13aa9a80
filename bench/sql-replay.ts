import SqliteDatabase from 'better-sqlite3';
import type { LogEvent } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../src/server/platform/db/database.js';

/**
 * The ceiling of a benchmark: the very statements a service ran, recorded with their parameters,
 * replayed straight on the database driver (better-sqlite3, or pg's pool) with no query builder,
 * no presentation and no HTTP. What a request costs above its replay is the server's own cost.
 */

export interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

/** A database handle that records every statement run through it while `recording` is set. */
export function openRecordingDatabase(url: string): {
  handle: DatabaseHandle;
  record<T>(task: () => Promise<T>): Promise<{ result: T; statements: Statement[] }>;
} {
  let sink: Statement[] | null = null;
  const log = (event: LogEvent) => {
    if (event.level === 'query' && sink) {
      sink.push({ sql: event.query.sql, parameters: event.query.parameters });
    }
  };
  const handle = openDatabase(url, { log });
  return {
    handle,
    async record(task) {
      const statements: Statement[] = [];
      sink = statements;
      try {
        return { result: await task(), statements };
      } finally {
        sink = null;
      }
    },
  };
}

export interface Replayer {
  /** Runs the statements one after another, as the service did. */
  run(statements: readonly Statement[]): Promise<void>;
  close(): Promise<void>;
}

/** A bare driver connection to the database at `url` that replays recorded statements. */
export function openReplayer(url: string): Replayer {
  if (url.startsWith('sqlite:')) {
    const sqlite = new SqliteDatabase(url.slice('sqlite:'.length));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma(`mmap_size = ${1024 ** 3}`);
    const prepared = new Map<string, SqliteDatabase.Statement>();
    return {
      async run(statements) {
        for (const { sql, parameters } of statements) {
          let statement = prepared.get(sql);
          if (!statement) {
            statement = sqlite.prepare(sql);
            prepared.set(sql, statement);
          }
          if (statement.reader) statement.all(...parameters);
          else statement.run(...parameters);
          // Like a server, let other requests in between statements.
          await Promise.resolve();
        }
      },
      async close() {
        sqlite.close();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Every statement prepared by name, as the server prepares its query templates': the ceiling
  // must not pay for planning that the server does not.
  const names = new Map<string, string>();
  return {
    async run(statements) {
      for (const { sql, parameters } of statements) {
        let name = names.get(sql);
        if (!name) {
          name = `replay_${names.size + 1}`;
          names.set(sql, name);
        }
        await pool.query({ name, text: sql, values: parameters as unknown[] });
      }
    },
    close: () => pool.end(),
  };
}
