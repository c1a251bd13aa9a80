import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/server/platform/db/database.js';
import { migrateToLatest } from '../../src/server/platform/db/migrator.js';

declare module 'vitest' {
  interface ProvidedContext {
    /** A SQLite file migrated from zero at the start of this run (see createTestDatabase). */
    sqliteTemplate: string;
  }
}

/**
 * Once per run: migrates a SQLite file from zero that every SQLite test database is then a copy
 * of. A copy takes a few milliseconds; migrating takes 0.1–0.5 s on a busy machine, and the
 * suite creates well over a hundred databases. Removed when the run ends.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-template-'));
  const file = path.join(dir, 'atrium.db');
  const handle = openDatabase(`sqlite:${file}`);
  try {
    await migrateToLatest(handle.db);
  } finally {
    // Closing checkpoints the WAL into the file, so the file alone is the whole database.
    await handle.close();
  }
  project.provide('sqliteTemplate', file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
