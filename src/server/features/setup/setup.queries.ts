import type { Executor } from '../../platform/db/database.js';

const setupKey = 'setup.completed_at';

/**
 * Claims the one-time setup inside the caller's transaction: inserts the marker row unless it
 * exists. On PostgreSQL a concurrent claim waits for the first to commit and then finds the
 * row, so two installers racing cannot both succeed. True when this call made the claim.
 */
export async function claimSetup(db: Executor, at: string): Promise<boolean> {
  const inserted = await db
    .insertInto('settings')
    .values({ key: setupKey, value: JSON.stringify(at), updated_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Whether setup has been completed (the marker exists). */
export async function isSetupClaimed(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('settings').select('key').where('key', '=', setupKey).executeTakeFirst();
  return row !== undefined;
}
