import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Three projects: everything on SQLite; the database-backed suites again on PostgreSQL when
 * TEST_DATABASE_URL is set; and the Chromium end-to-end tests (mandatory when
 * ATRIUM_REQUIRE_BROWSER=1, as in CI).
 */
const integration = ['src/**/*.test.ts', 'tests/**/*.test.ts'];
const notE2e = ['tests/e2e/**', 'node_modules/**', 'dist/**'];

/** What a test reaches a database through (tests/support, the e2e and fault harnesses). */
const databaseMarker =
  /\b(buildTestApp|createTestDatabase|startAtrium|seedPeople|testDialect)\b|TEST_DATABASE_URL/;
const relativeImport = /^\s*(?:import|export)\s+(?!type\s)[^'";]*?from\s+'(\.\.?\/[^']+)\.js'/gm;

/**
 * Whether a server test file can touch the database: it, or a helper it imports from tests/ or a
 * `*.fixtures.ts` (followed transitively), names one of the ways to get one. The rest (parsers,
 * policies, Redis-only and file-store tests) would run identically on PostgreSQL, so that
 * project skips them; a file that starts using a database is picked up again by this check.
 */
function touchesDatabase(file: string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  const source = fs.readFileSync(file, 'utf8');
  if (databaseMarker.test(source)) return true;
  for (const [, spec] of source.matchAll(relativeImport)) {
    const target = path.resolve(path.dirname(file), `${spec}.ts`);
    const helper = target.includes(`${path.sep}tests${path.sep}`) || target.endsWith('.fixtures.ts');
    if (helper && fs.existsSync(target) && touchesDatabase(target, seen)) return true;
  }
  return false;
}

const root = path.dirname(fileURLToPath(import.meta.url));

function databaseFreeTests(dirs: string[]): string[] {
  return dirs.flatMap((dir) =>
    fs
      .readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.test.ts'))
      .map((name) => path.join(dir, name))
      .filter((file) => !touchesDatabase(path.join(root, file))),
  );
}

export default defineConfig({
  test: {
    // Vitest's default on 2 cores is one worker; most files wait on databases, fsync and child
    // processes rather than on the CPU, so two run side by side in about half the time.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['tests/support/global-setup.ts'],
    projects: [
      {
        extends: true as const,
        test: {
          name: 'sqlite',
          include: integration,
          exclude: notE2e,
          env: { ATRIUM_TEST_DIALECT: 'sqlite' },
          // Each file would otherwise import the whole server afresh (2–4 s of a core each, a
          // third of the suite); files share a worker's module cache instead. Every file still
          // builds its own app on its own database, so no state crosses files.
          isolate: false,
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['src/server/**/*.test.ts', 'tests/**/*.test.ts'],
                exclude: [...notE2e, ...databaseFreeTests(['src/server', 'tests'])],
                env: { ATRIUM_TEST_DIALECT: 'postgres' },
                isolate: false,
              },
            },
          ]
        : []),
      {
        extends: true as const,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // In the same pool as the other projects rather than alone after them: a browser file
          // on one worker, database files on the other, instead of one core idle for minutes.
          testTimeout: 120_000,
        },
      },
    ],
  },
});
