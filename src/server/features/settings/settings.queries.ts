import type { Executor } from '../../platform/db/database.js';
import { queryTemplate } from '../../platform/db/query-template.js';

/** The stored JSON text of a setting, or undefined when it was never set. */
export async function findSetting(db: Executor, key: string): Promise<string | undefined> {
  const [row] = await settingValue.execute(db, null, { key });
  return row?.value;
}

// Read by many requests (the company's name on every page of posts): compiled once.
const settingValue = queryTemplate((db, _: null, { key }: { key: string }) =>
  db.selectFrom('settings').select('value').where('key', '=', key),
);

/** Stores a setting's JSON text, replacing any previous value. */
export async function upsertSetting(db: Executor, key: string, value: string, at: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
    .execute();
}
