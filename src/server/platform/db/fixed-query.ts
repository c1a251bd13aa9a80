import { CompiledQuery, PostgresAdapter, type QueryResult } from 'kysely';
import type { Dialect, Executor } from './database.js';

/**
 * A statement of fixed text run with bound parameters, for the few that run on every chat
 * message sent: building and compiling a query through Kysely costs more CPU than SQLite takes
 * to run most of ours (docs/BENCHMARKS.md "chat"), and the text never changes anyway. The text
 * is written once with `?` placeholders and must be valid on both engines; PostgreSQL gets it
 * with `$1…$n`, in the same order. A `?` may appear nowhere else in the text.
 */
export interface FixedQuery<R> {
  readonly sql: { sqlite: string; postgres: string };
  execute(db: Executor, parameters: readonly unknown[]): Promise<QueryResult<R>>;
}

export function fixedQuery<R = never>(text: string): FixedQuery<R> {
  let n = 0;
  const sqlite = CompiledQuery.raw(text);
  const postgres = CompiledQuery.raw(text.replace(/\?/g, () => `$${++n}`));
  return {
    sql: { sqlite: sqlite.sql, postgres: postgres.sql },
    execute(db, parameters) {
      const template = dialectOf(db) === 'postgres' ? postgres : sqlite;
      return db.executeQuery<R>({ ...template, parameters });
    },
  };
}

/** The engine behind a database or transaction, for the few statements whose text differs. */
export function dialectOf(db: Executor): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
