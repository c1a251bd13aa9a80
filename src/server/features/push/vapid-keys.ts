import webpush from 'web-push';
import { z } from 'zod';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/db/database.js';
import { readSetting } from '../settings/settings.service.js';
import { insertSettingIfAbsent } from './push.queries.js';

/** The server's VAPID identity: every node signs pushes with the same keys. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

const settingKey = 'push.vapid_keys';
const vapidSchema = z.object({ publicKey: z.string().min(1), privateKey: z.string().min(1) });

// Per database, not per process: tests run several apps (databases) in one process.
const cache = new WeakMap<Db, Promise<VapidKeys>>();

/**
 * The VAPID keys, generated on first use and kept in the `settings` table. Nodes starting at
 * once may each generate a pair: the insert keeps the first one written and everyone reads it
 * back, so all nodes sign with the same keys and browsers' subscriptions stay valid.
 */
export function getVapidKeys(db: Db): Promise<VapidKeys> {
  let keys = cache.get(db);
  if (!keys) {
    keys = loadOrCreate(db);
    cache.set(db, keys);
    // A failed read (database down at start) must not be remembered.
    keys.catch(() => cache.delete(db));
  }
  return keys;
}

async function loadOrCreate(db: Db): Promise<VapidKeys> {
  const stored = await readSetting(db, settingKey, vapidSchema);
  if (stored) return stored;
  // Kept if another node wrote first (or a broken value is there: then we fail below, loudly).
  const fresh = webpush.generateVAPIDKeys();
  await insertSettingIfAbsent(db, settingKey, JSON.stringify(fresh), new Date().toISOString());
  const saved = await readSetting(db, settingKey, vapidSchema);
  if (!saved) throw new Error(`the ${settingKey} setting is not a valid key pair`);
  return saved;
}

/**
 * The VAPID subject push services contact us by: the public https address when there is one,
 * otherwise the mail sender's address.
 */
export function vapidSubject(config: Config): string {
  if (config.publicUrl?.startsWith('https://')) return config.publicUrl;
  const address = /<([^>]+)>/.exec(config.mailFrom)?.[1] ?? config.mailFrom.trim();
  return `mailto:${address.includes('@') ? address : 'atrium@localhost'}`;
}
