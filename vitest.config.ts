import { defineConfig } from 'vitest/config';

/**
 * Three projects: everything on SQLite; the database-backed suites again on PostgreSQL when
 * TEST_DATABASE_URL is set; and the Chromium end-to-end tests (mandatory when
 * ATRIUM_REQUIRE_BROWSER=1, as in CI).
 */
const integration = ['src/**/*.test.ts', 'tests/**/*.test.ts'];
const notE2e = ['tests/e2e/**', 'node_modules/**', 'dist/**'];

export default defineConfig({
  test: {
    // Vitest's default on 2 cores is one worker; most files wait on databases, fsync and child
    // processes rather than on the CPU, so two run side by side in about half the time.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true as const,
        test: {
          name: 'sqlite',
          include: integration,
          exclude: notE2e,
          env: { ATRIUM_TEST_DIALECT: 'sqlite' },
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['src/server/**/*.test.ts', 'tests/**/*.test.ts'],
                exclude: [...notE2e, 'src/shared/**', 'tests/unit/**'],
                env: { ATRIUM_TEST_DIALECT: 'postgres' },
              },
            },
          ]
        : []),
      {
        extends: true as const,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
        },
      },
    ],
  },
});
