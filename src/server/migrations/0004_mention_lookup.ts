import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Mentions resolve `@login` to the person whose e-mail starts with `login@`, as an index range
 * compared byte-wise (post-mentions.queries.ts). SQLite's unique index on `users.email` (BINARY)
 * already serves that range; PostgreSQL's follows the database's collation, under which byte
 * ranges are not prefixes, so it gets an index in code-point order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`create index users_email_c on users (email collate "C")`.execute(db);
}
