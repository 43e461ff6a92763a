// The fast inner loop (`npm run test:fast`): domain rules, repositories and services on SQLite only, and in-process pages;
// no PostgreSQL, no child processes, no browser, no soak. `npm test` (and CI) still runs everything.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/web/**/*.test.ts', 'test/integration/**/*.test.ts'],
    exclude: [
      // They start the `scrutineer` command or a server process, or run for a fixed time.
      'test/integration/soak.test.ts',
      'test/integration/crash-safety.test.ts',
      'test/integration/graceful-shutdown.test.ts',
      'test/integration/workers.test.ts',
      'test/integration/backup-restore.test.ts',
      'test/integration/import-cli.test.ts',
      'test/integration/paper-cli.test.ts',
      'test/integration/pipeline-crash.test.ts',
      'test/integration/planner-statistics.test.ts',
      // It starts `scrutineer serve` to repair the search index at start-up.
      'test/integration/withheld-index.test.ts',
      // Many scrypt password hashes (the accounts' work factor) to reach the sign-in locks: the slowest file left.
      'test/integration/auth-service.test.ts',
      // It generates a synthetic archive of many years.
      'test/integration/archive-generator.test.ts',
    ],
    // No PostgreSQL server: testDialects() then gives SQLite alone (test/support/test-db.ts).
    provide: { postgresUrl: '' },
    setupFiles: ['test/support/clean-env.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One worker process runs many files, importing the app once rather than once a file (about two seconds
    // a file on two cores). The files share no state: no module mocks, fake timers or environment changes.
    isolate: false,
    // Every core: vitest's own default leaves one core to itself (cores - 1), which on a 2-core machine is a
    // single worker. The files here are CPU-bound and short, so the runner's share is small.
    maxWorkers: '100%',
  },
});
