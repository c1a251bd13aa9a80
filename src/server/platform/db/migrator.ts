import { type Kysely, type Migration, type MigrationResult, Migrator } from 'kysely';
import * as m0001 from '../../migrations/0001_init.js';
import * as m0002 from '../../migrations/0002_auth.js';
import * as m0003 from '../../migrations/0003_social.js';
import * as m0004 from '../../migrations/0004_mention_lookup.js';
import * as m0005 from '../../migrations/0005_files.js';
import * as m0006 from '../../migrations/0006_guests.js';
import * as m0007 from '../../migrations/0007_chats.js';
import * as m0008 from '../../migrations/0008_push_sessions_guest_access.js';
import * as m0009 from '../../migrations/0009_blob_references.js';

/** Every migration, in order. Forward-only: a released migration is never edited. */
const migrations: Record<string, Migration> = {
  '0001_init': m0001,
  '0002_auth': m0002,
  '0003_social': m0003,
  '0004_mention_lookup': m0004,
  '0005_files': m0005,
  '0006_guests': m0006,
  '0007_chats': m0007,
  '0008_push_sessions_guest_access': m0008,
  '0009_blob_references': m0009,
};

/** Brings the schema up to date; throws with the failing migration's name. */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema.
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, { cause: error });
  }
  return results;
}
