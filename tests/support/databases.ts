import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/server/platform/db/database.js';
import { migrateToLatest } from '../../src/server/platform/db/migrator.js';

/** Which engine this test run uses: the `postgres` Vitest project sets ATRIUM_TEST_DIALECT. */
export const testDialect: 'sqlite' | 'postgres' =
  process.env.ATRIUM_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase {
  url: string;
  handle: DatabaseHandle;
  /** A scratch data directory for keys and files, removed by `drop`. */
  dataDir: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database that belongs to the caller alone: a copy of the run's migrated
 * SQLite template (tests/support/global-setup.ts) in a temporary directory, or a new PostgreSQL
 * database created next to TEST_DATABASE_URL, migrated, and dropped after.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-test-'));
  if (testDialect === 'sqlite') {
    const file = path.join(dataDir, 'atrium.db');
    fs.copyFileSync(inject('sqliteTemplate'), file);
    const url = `sqlite:${file}`;
    const handle = openDatabase(url);
    return {
      url,
      handle,
      dataDir,
      async drop() {
        await handle.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('The postgres test project needs TEST_DATABASE_URL');
  const name = `atrium_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase(url.toString());
  await migrateToLatest(handle.db);
  return {
    url: url.toString(),
    handle,
    dataDir,
    async drop() {
      await handle.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
